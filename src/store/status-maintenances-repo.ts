import type { Selectable } from 'kysely';
import type { Executor } from '../operations/context.js';
import type { StatusMaintenancesTable } from './schema.js';

export interface StoredStatusMaintenance {
  id: string;
  pageId: string;
  title: string;
  body: string;
  componentIds: string[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

function toMaintenance(row: Selectable<StatusMaintenancesTable>): StoredStatusMaintenance {
  return {
    id: row.id,
    pageId: row.page_id,
    title: row.title,
    body: row.body,
    componentIds: JSON.parse(row.component_ids) as string[],
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toRow(m: StoredStatusMaintenance): Selectable<StatusMaintenancesTable> {
  return {
    id: m.id,
    page_id: m.pageId,
    title: m.title,
    body: m.body,
    component_ids: JSON.stringify(m.componentIds),
    starts_at: m.startsAt,
    ends_at: m.endsAt,
    created_by: m.createdBy,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

/** A page's maintenances, newest first, keyset-paginated by id (ids are time-ordered). */
export async function listStatusMaintenances(
  db: Executor,
  pageId: string,
  opts: { beforeId: string | null; limit: number },
): Promise<{ items: StoredStatusMaintenance[]; hasMore: boolean }> {
  let query = db
    .selectFrom('status_maintenances')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('id', 'desc')
    .limit(opts.limit + 1);
  if (opts.beforeId !== null) query = query.where('id', '<', opts.beforeId);
  const rows = await query.execute();
  return { items: rows.slice(0, opts.limit).map(toMaintenance), hasMore: rows.length > opts.limit };
}

/** Maintenances ending at or after `since` (ahead, in progress, or recently over), soonest start first. */
export async function listMaintenancesEndingSince(db: Executor, pageId: string, since: number): Promise<StoredStatusMaintenance[]> {
  const rows = await db
    .selectFrom('status_maintenances')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('ends_at', '>=', since)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return rows.map(toMaintenance);
}

export async function findStatusMaintenance(db: Executor, pageId: string, id: string): Promise<StoredStatusMaintenance | null> {
  const row = await db.selectFrom('status_maintenances').selectAll().where('page_id', '=', pageId).where('id', '=', id).executeTakeFirst();
  return row ? toMaintenance(row) : null;
}

export async function insertStatusMaintenance(db: Executor, m: StoredStatusMaintenance): Promise<void> {
  await db.insertInto('status_maintenances').values(toRow(m)).execute();
}

export async function updateStatusMaintenance(db: Executor, m: StoredStatusMaintenance): Promise<void> {
  const { id: _id, page_id: _page, created_at: _created, created_by: _by, ...changes } = toRow(m);
  await db.updateTable('status_maintenances').set(changes).where('id', '=', m.id).execute();
}

export async function deleteStatusMaintenance(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('status_maintenances').where('id', '=', id).execute();
}
