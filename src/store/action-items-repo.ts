import type { Selectable } from 'kysely';
import { OPEN_ACTION_ITEM_STATUSES, type ActionItemSource, type ActionItemStatus } from '../domain/learn/action-item.js';
import type { Executor } from '../operations/context.js';
import type { ActionItemsTable } from './schema.js';

export interface StoredActionItem {
  id: string;
  title: string;
  description: string | null;
  ownerId: string;
  /** `YYYY-MM-DD`, a date in the organisation's time zone. */
  dueDate: string;
  /** The end of that date: overdue from then on. */
  dueAt: number;
  status: ActionItemStatus;
  source: ActionItemSource | null;
  sourceId: string | null;
  incidentId: string | null;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

function toItem(r: Selectable<ActionItemsTable>): StoredActionItem {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    ownerId: r.owner_id,
    dueDate: r.due_date,
    dueAt: Number(r.due_at),
    status: r.status as ActionItemStatus,
    source: r.source as ActionItemSource | null,
    sourceId: r.source_id,
    incidentId: r.incident_id,
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    completedAt: r.completed_at === null ? null : Number(r.completed_at),
  };
}

function toRow(i: StoredActionItem): Selectable<ActionItemsTable> {
  return {
    id: i.id,
    title: i.title,
    description: i.description,
    owner_id: i.ownerId,
    due_date: i.dueDate,
    due_at: i.dueAt,
    status: i.status,
    source: i.source,
    source_id: i.sourceId,
    incident_id: i.incidentId,
    version: i.version,
    created_by: i.createdBy,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    completed_at: i.completedAt,
  };
}

export async function insertActionItem(db: Executor, item: StoredActionItem): Promise<void> {
  await db.insertInto('action_items').values(toRow(item)).execute();
}

export async function findActionItem(db: Executor, id: string): Promise<StoredActionItem | null> {
  const row = await db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function saveActionItemIfVersion(db: Executor, item: StoredActionItem, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...values } = toRow(item);
  const result = await db
    .updateTable('action_items')
    .set(values)
    .where('id', '=', item.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ActionItemFilter {
  statuses?: ActionItemStatus[];
  ownerId?: string;
  source?: { kind: ActionItemSource; id?: string };
  incidentId?: string;
  /** Still owed and past due at this instant. */
  overdueAt?: number;
  /** Keyset: ids above this (oldest first, the order they were written in). */
  afterId?: string;
  limit: number;
}

export async function listActionItems(db: Executor, f: ActionItemFilter): Promise<{ items: StoredActionItem[]; hasMore: boolean }> {
  let query = db.selectFrom('action_items').selectAll();
  if (f.statuses?.length) query = query.where('status', 'in', f.statuses);
  if (f.ownerId !== undefined) query = query.where('owner_id', '=', f.ownerId);
  if (f.source !== undefined) {
    query = query.where('source', '=', f.source.kind);
    if (f.source.id !== undefined) query = query.where('source_id', '=', f.source.id);
  }
  if (f.incidentId !== undefined) query = query.where('incident_id', '=', f.incidentId);
  if (f.overdueAt !== undefined) query = query.where('status', 'in', [...OPEN_ACTION_ITEM_STATUSES]).where('due_at', '<=', f.overdueAt);
  if (f.afterId !== undefined) query = query.where('id', '>', f.afterId);
  const rows = await query
    .orderBy('id', 'asc')
    .limit(f.limit + 1)
    .execute();
  return { items: rows.slice(0, f.limit).map(toItem), hasMore: rows.length > f.limit };
}

/** Items of one source (a postmortem's), every one: a document lists them all. */
export async function actionItemsOfSource(db: Executor, kind: ActionItemSource, id: string): Promise<StoredActionItem[]> {
  const rows = await db
    .selectFrom('action_items')
    .selectAll()
    .where('source', '=', kind)
    .where('source_id', '=', id)
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toItem);
}

/** Counts per status, and of those overdue at `now` per owner: the overdue report. */
export async function actionItemCounts(db: Executor, now: number) {
  const byStatus = await db
    .selectFrom('action_items')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const overdueByOwner = await db
    .selectFrom('action_items')
    .select(['owner_id as ownerId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', [...OPEN_ACTION_ITEM_STATUSES])
    .where('due_at', '<=', now)
    .groupBy('owner_id')
    .orderBy('owner_id')
    .execute();
  return {
    byStatus: byStatus.map((r) => ({ status: r.status as ActionItemStatus, count: Number(r.count) })),
    overdueByOwner: overdueByOwner.map((r) => ({ ownerId: r.ownerId, count: Number(r.count) })),
  };
}
