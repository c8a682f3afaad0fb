import type { PostmortemAction } from '../../domain/learn/postmortem.js';
import { postmortemDocument } from '../../learn/postmortem-document.js';
import type { Deps } from '../../operations/context.js';
import { createPostmortem } from '../../operations/learn/open-postmortem.js';
import { findPostmortems, getPostmortem } from '../../operations/learn/read-postmortems.js';
import { reviewPostmortem } from '../../operations/learn/review-postmortem.js';
import { updatePostmortem } from '../../operations/learn/update-postmortem.js';
import type { Context } from '../../operations/context.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import type { Role } from '../../domain/actor.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, incidentRef } from '../context.js';
import {
  ExportQuery,
  IncidentParam,
  NoteBody,
  PostmortemListItemSchema,
  PostmortemListQuery,
  PostmortemSchema,
  UpdatePostmortemBody,
} from '../learn-schemas.js';
import { postmortemExport, postmortemJson, postmortemListItemJson } from '../learn-presenters.js';
import { cursorAfterId, encodeCursor } from '../presenters.js';
import { ErrorSchema, listOf } from '../schemas.js';
import { documentResponse, sendDocument } from './document-replies.js';

const tags = ['postmortems'];

/** A postmortem as JSON, read again after a change so the answer shows its facts and items. */
async function present(deps: Deps, ctx: Context, ref: IncidentRef) {
  return postmortemJson(await getPostmortem(ctx, ref), deps.policy, deps.clock.now());
}

const REVIEW: Array<{ action: PostmortemAction; access: Role; summary: string }> = [
  { action: 'submit', access: 'responder', summary: 'Submit the draft for review (summary, impact and root cause must be written)' },
  { action: 'return', access: 'admin', summary: 'Return a postmortem in review to draft, with a note' },
  { action: 'publish', access: 'admin', summary: 'Publish a reviewed postmortem; its facts are frozen' },
];

/** Postmortems: drafted from the incident, filled in by people, reviewed, published, exported (docs/postmortems.md). */
export function postmortemRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/postmortems', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Postmortems, newest first',
      querystring: PostmortemListQuery,
      response: { 200: listOf(PostmortemListItemSchema) },
    },
    handler: async (request) => {
      const { status, incidentId, overdue, cursor, limit } = request.query;
      const page = await findPostmortems(contextOf(deps, request), {
        statuses: status ? [status] : undefined,
        incidentId,
        overdue,
        beforeId: cursorAfterId(cursor) ?? undefined,
        limit: limit ?? 50,
      });
      const now = deps.clock.now();
      const last = page.items.at(-1);
      return {
        items: page.items.map((p) => postmortemListItemJson(p, page.names, now)),
        nextCursor: page.hasMore && last ? encodeCursor({ a: last.id }) : null,
      };
    },
  });

  app.get('/api/v1/incidents/:id/postmortem', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: "The incident's postmortem with its drafted facts and action items",
      params: IncidentParam,
      response: { 200: PostmortemSchema, 404: ErrorSchema },
    },
    handler: async (request) => present(deps, contextOf(deps, request), incidentRef(request.params.id)),
  });

  app.post('/api/v1/incidents/:id/postmortem', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Start a postmortem for any incident (409 if it has one)',
      params: IncidentParam,
      response: { 201: PostmortemSchema, 409: ErrorSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(deps, request);
      const ref = incidentRef(request.params.id);
      await createPostmortem(ctx, ref);
      return reply.status(201).send(await present(deps, ctx, ref));
    },
  });

  app.patch('/api/v1/incidents/:id/postmortem', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Write the postmortem (absent fields kept, null clears)',
      params: IncidentParam,
      body: UpdatePostmortemBody,
      response: { 200: PostmortemSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const ref = incidentRef(request.params.id);
      await updatePostmortem(ctx, ref, request.body);
      return present(deps, ctx, ref);
    },
  });

  for (const { action, access, summary } of REVIEW) {
    app.post(`/api/v1/incidents/:id/postmortem/${action}`, {
      config: { access },
      schema: { tags, summary, params: IncidentParam, body: NoteBody, response: { 200: PostmortemSchema, 409: ErrorSchema } },
      // Like the incident actions, the body (a note) is optional.
      preValidation: async (request) => {
        request.body ??= {};
      },
      handler: async (request) => {
        const ctx = contextOf(deps, request);
        const ref = incidentRef(request.params.id);
        await reviewPostmortem(ctx, ref, action, (request.body as { note?: string }).note?.trim() || null);
        return present(deps, ctx, ref);
      },
    });
  }

  for (const format of ['md', 'html'] as const) {
    app.get(`/api/v1/incidents/:id/postmortem.${format}`, {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: format === 'md' ? 'The postmortem as Markdown' : 'The postmortem as a printable HTML page (PDF via the browser)',
        params: IncidentParam,
        querystring: ExportQuery,
        response: documentResponse(format === 'md' ? 'text/markdown' : 'text/html', 'the document'),
      },
      handler: async (request, reply) => {
        const view = await getPostmortem(contextOf(deps, request), incidentRef(request.params.id));
        const doc = postmortemDocument(postmortemExport(view, deps.policy, deps.clock.now()), request.query.lang ?? 'zh-CN');
        return sendDocument(reply, format, doc, `postmortem-${view.incident.number}`);
      },
    });
  }
}
