import type { ActionItemStatus } from '../../domain/learn/action-item.js';
import { createActionItem, getActionItem, updateActionItem } from '../../operations/learn/manage-action-items.js';
import { actionItemSummary, findActionItems, namesOfOwners } from '../../operations/learn/read-action-items.js';
import type { Context } from '../../operations/context.js';
import type { StoredActionItem } from '../../store/action-items-repo.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import {
  ActionItemListQuery,
  ActionItemSchema,
  ActionItemSummarySchema,
  CreateActionItemBody,
  UpdateActionItemBody,
} from '../learn-schemas.js';
import { actionItemJson } from '../learn-presenters.js';
import { cursorAfterId, encodeCursor, iso } from '../presenters.js';
import { ErrorSchema, IdParam, listOf } from '../schemas.js';

const tags = ['action-items'];

async function present(ctx: Context, item: StoredActionItem) {
  return actionItemJson(item, await namesOfOwners(ctx, [item]), ctx.clock.now());
}

/** The action-item tracker: postmortems' items (and later drills'), with owners, due dates, overdue ones. */
export function actionItemRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/action-items', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Action items, oldest first; overdue=true for those past due',
      querystring: ActionItemListQuery,
      response: { 200: listOf(ActionItemSchema) },
    },
    handler: async (request) => {
      const { status, ownerId, source, sourceId, incidentId, overdue, cursor, limit } = request.query;
      const ctx = contextOf(deps, request);
      const page = await findActionItems(ctx, {
        // The schema's pattern has checked each status.
        statuses: status?.split(',') as ActionItemStatus[] | undefined,
        ownerId,
        source: source ? { kind: source, id: sourceId } : undefined,
        incidentId,
        overdue,
        afterId: cursorAfterId(cursor) ?? undefined,
        limit: limit ?? 50,
      });
      const now = ctx.clock.now();
      const last = page.items.at(-1);
      return {
        items: page.items.map((i) => actionItemJson(i, page.names, now)),
        nextCursor: page.hasMore && last ? encodeCursor({ a: last.id }) : null,
      };
    },
  });

  app.get('/api/v1/action-items/summary', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Items per status, and the overdue ones per owner', response: { 200: ActionItemSummarySchema } },
    handler: async (request) => {
      const summary = await actionItemSummary(contextOf(deps, request));
      return { ...summary, at: iso(summary.at) };
    },
  });

  app.post('/api/v1/action-items', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Add an action item (with postmortemId: one of that postmortem)',
      body: CreateActionItemBody,
      response: { 201: ActionItemSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(deps, request);
      return reply.status(201).send(await present(ctx, await createActionItem(ctx, request.body)));
    },
  });

  app.get('/api/v1/action-items/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'One action item', params: IdParam, response: { 200: ActionItemSchema, 404: ErrorSchema } },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      return present(ctx, await getActionItem(ctx, request.params.id));
    },
  });

  app.patch('/api/v1/action-items/:id', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change an action item: title, description, owner, due date, status',
      params: IdParam,
      body: UpdateActionItemBody,
      response: { 200: ActionItemSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      return present(ctx, await updateActionItem(ctx, request.params.id, request.body));
    },
  });
}
