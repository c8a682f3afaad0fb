import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import type { ActionItemStatus } from '../../domain/learn/action-item.js';
import { endOfLocalDate } from '../../domain/learn/working-days.js';
import { findActionItem, insertActionItem, saveActionItemIfVersion, type StoredActionItem } from '../../store/action-items-repo.js';
import { findPostmortem } from '../../store/postmortems-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { rejectIssues, unknownUsers } from '../oncall/references.js';
import { learnTimeline, zoneOf } from './learn-helpers.js';
import { readOrganisation } from './organisation.js';

export interface ActionItemInput {
  title: string;
  description?: string | null;
  ownerId: string;
  dueDate: string;
  status?: ActionItemStatus;
  /** The postmortem it comes out of (source `postmortem`); absent: a free-standing item. */
  postmortemId?: string;
}

export interface ActionItemPatch {
  title?: string;
  description?: string | null;
  ownerId?: string;
  dueDate?: string;
  status?: ActionItemStatus;
  version?: number;
}

/** A due date's deadline (the end of that date in the organisation's zone), or an issue naming the field. */
async function dueAtOf(db: Executor, dueDate: string, field: string): Promise<number | FieldIssue> {
  const dueAt = endOfLocalDate(dueDate, zoneOf((await readOrganisation(db)).timeZone));
  return dueAt ?? { field, message: `"${dueDate}" is not a date (YYYY-MM-DD)` };
}

/** Where a new item comes from: a postmortem, a drill run, or nowhere (free-standing). */
export interface ActionItemOrigin {
  source: StoredActionItem['source'];
  sourceId: string | null;
  incidentId: string | null;
}

/**
 * Validates and writes a new item in `trx` (audited; a postmortem's item also goes on its
 * incident's timeline). `issues`: what the caller found wrong with its own part of the input, so
 * that every bad field is named in one answer.
 */
export async function addActionItem(
  ctx: Context,
  trx: Executor,
  input: ActionItemInput,
  origin: ActionItemOrigin,
  issues: FieldIssue[] = [],
): Promise<StoredActionItem> {
  const dueAt = await dueAtOf(trx, input.dueDate, 'body.dueDate');
  rejectIssues(
    [
      ...(typeof dueAt === 'number' ? [] : [dueAt]),
      ...(await unknownUsers(trx, [{ id: input.ownerId, field: 'body.ownerId' }])),
      ...issues,
    ],
    'invalid action item',
  );
  const now = ctx.clock.now();
  const status = input.status ?? 'open';
  const item: StoredActionItem = {
    id: ctx.ids.newId(),
    title: input.title.trim(),
    description: input.description?.trim() || null,
    ownerId: input.ownerId,
    dueDate: input.dueDate,
    dueAt: dueAt as number,
    status,
    ...origin,
    version: 1,
    createdBy: ctx.actor.name,
    createdAt: now,
    updatedAt: now,
    completedAt: status === 'done' ? now : null,
  };
  await insertActionItem(trx, item);
  if (item.source === 'postmortem' && item.incidentId) {
    await learnTimeline(ctx, trx, item.incidentId, 'postmortem', { message: `action item added: ${item.title} (due ${item.dueDate})` });
  }
  await audit(ctx, trx, 'action-item.create', { type: 'action-item', id: item.id }, { after: item });
  return item;
}

export async function createActionItem(ctx: Context, input: ActionItemInput): Promise<StoredActionItem> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const postmortem = input.postmortemId === undefined ? null : await findPostmortem(trx, input.postmortemId);
    const issues: FieldIssue[] =
      input.postmortemId !== undefined && !postmortem
        ? [{ field: 'body.postmortemId', message: `unknown postmortem "${input.postmortemId}"` }]
        : [];
    return addActionItem(
      ctx,
      trx,
      input,
      { source: postmortem ? 'postmortem' : null, sourceId: postmortem?.id ?? null, incidentId: postmortem?.incidentId ?? null },
      issues,
    );
  });
}

export async function getActionItem(ctx: Context, id: string): Promise<StoredActionItem> {
  const item = await findActionItem(ctx.store.db, id);
  if (!item) throw new FenghuoError('not_found', `action item "${id}" not found`);
  return item;
}

/** Changes an item (absent: kept); done stamps `completedAt`, any other status clears it. */
export async function updateActionItem(ctx: Context, id: string, patch: ActionItemPatch): Promise<StoredActionItem> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findActionItem(trx, id);
    if (!before) throw new FenghuoError('not_found', `action item "${id}" not found`);
    const dueAt = patch.dueDate === undefined ? before.dueAt : await dueAtOf(trx, patch.dueDate, 'body.dueDate');
    rejectIssues(
      [
        ...(typeof dueAt === 'number' ? [] : [dueAt]),
        ...(patch.ownerId !== undefined ? await unknownUsers(trx, [{ id: patch.ownerId, field: 'body.ownerId' }]) : []),
      ],
      'invalid action item',
    );
    if (patch.version !== undefined && patch.version !== before.version) {
      throw new FenghuoError('conflict', `the action item is at version ${before.version}, not ${patch.version}; reload and retry`);
    }
    const now = ctx.clock.now();
    const status = patch.status ?? before.status;
    const next: StoredActionItem = {
      ...before,
      title: patch.title?.trim() ?? before.title,
      description: patch.description === undefined ? before.description : patch.description?.trim() || null,
      ownerId: patch.ownerId ?? before.ownerId,
      dueDate: patch.dueDate ?? before.dueDate,
      dueAt: dueAt as number,
      status,
      completedAt: status === 'done' ? (before.status === 'done' ? before.completedAt : now) : null,
      version: before.version + 1,
      updatedAt: now,
    };
    if (!(await saveActionItemIfVersion(trx, next, before.version))) {
      throw new FenghuoError('conflict', 'the action item was changed concurrently; reload and retry');
    }
    if (next.incidentId && status !== before.status) {
      await learnTimeline(ctx, trx, next.incidentId, 'postmortem', {
        from: before.status,
        to: status,
        message: `action item ${status.replace('_', ' ')}: ${next.title}`,
      });
    }
    const { version: _v, ...changes } = patch;
    await audit(
      ctx,
      trx,
      'action-item.update',
      { type: 'action-item', id },
      {
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof StoredActionItem]])),
        after: changes,
      },
    );
    return next;
  });
}
