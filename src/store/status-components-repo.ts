import type { Selectable } from 'kysely';
import type { ComponentStatus } from '../domain/status/snapshot.js';
import type { Executor } from '../operations/context.js';
import { bumpStatusComponentsVersion } from './config-version.js';
import type { StatusComponentsTable } from './schema.js';

export interface StoredStatusComponent {
  id: string;
  pageId: string;
  group: string | null;
  name: string;
  description: string | null;
  position: number;
  serviceIds: string[];
  monitorIds: string[];
  statusOverride: ComponentStatus | null;
  createdAt: number;
  updatedAt: number;
}

function toComponent(row: Selectable<StatusComponentsTable>): StoredStatusComponent {
  return {
    id: row.id,
    pageId: row.page_id,
    group: row.group_name,
    name: row.name,
    description: row.description,
    position: Number(row.position),
    serviceIds: JSON.parse(row.service_ids) as string[],
    monitorIds: JSON.parse(row.monitor_ids) as string[],
    statusOverride: row.status_override as ComponentStatus | null,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toRow(c: StoredStatusComponent): Selectable<StatusComponentsTable> {
  return {
    id: c.id,
    page_id: c.pageId,
    group_name: c.group,
    name: c.name,
    description: c.description,
    position: c.position,
    service_ids: JSON.stringify(c.serviceIds),
    monitor_ids: JSON.stringify(c.monitorIds),
    status_override: c.statusOverride,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** A page's components in display order. */
export async function listStatusComponents(db: Executor, pageId: string): Promise<StoredStatusComponent[]> {
  const rows = await db
    .selectFrom('status_components')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toComponent);
}

export async function findStatusComponent(db: Executor, pageId: string, id: string): Promise<StoredStatusComponent | null> {
  const row = await db.selectFrom('status_components').selectAll().where('page_id', '=', pageId).where('id', '=', id).executeTakeFirst();
  return row ? toComponent(row) : null;
}

/** One past the last position on the page (where a component without a position goes). */
export async function nextComponentPosition(db: Executor, pageId: string): Promise<number> {
  const row = await db
    .selectFrom('status_components')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .where('page_id', '=', pageId)
    .executeTakeFirst();
  return row?.last == null ? 0 : Number(row.last) + 1;
}

export async function insertStatusComponent(db: Executor, c: StoredStatusComponent): Promise<void> {
  await db.insertInto('status_components').values(toRow(c)).execute();
  await bumpStatusComponentsVersion(db);
}

export async function updateStatusComponent(db: Executor, c: StoredStatusComponent): Promise<void> {
  const { id: _id, page_id: _page, created_at: _created, ...changes } = toRow(c);
  await db.updateTable('status_components').set(changes).where('id', '=', c.id).execute();
  await bumpStatusComponentsVersion(db);
}

export async function deleteStatusComponent(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('status_components').where('id', '=', id).execute();
  await bumpStatusComponentsVersion(db);
}

/**
 * Which pages show which services (every component's page and service ids). Cached per
 * `status_components_version` (operations/status/find-status-page.ts): every write to
 * status_components bumps it.
 */
export async function componentServiceRefs(db: Executor): Promise<Array<{ pageId: string; serviceIds: string[] }>> {
  const rows = await db.selectFrom('status_components').select(['page_id', 'service_ids']).execute();
  return rows.map((r) => ({ pageId: r.page_id, serviceIds: JSON.parse(r.service_ids) as string[] }));
}

/** Which pages show which monitors (every component's page and monitor ids); cached like componentServiceRefs. */
export async function componentMonitorRefs(db: Executor): Promise<Array<{ pageId: string; monitorIds: string[] }>> {
  const rows = await db.selectFrom('status_components').select(['page_id', 'monitor_ids']).execute();
  return rows.map((r) => ({ pageId: r.page_id, monitorIds: JSON.parse(r.monitor_ids) as string[] }));
}
