import type { Selectable } from 'kysely';
import type { ComponentStatus, PublicImpact, PublicStage } from '../domain/status/snapshot.js';
import type { Executor } from '../operations/context.js';
import type { StatusIncidentsTable, StatusUpdatesTable } from './schema.js';

/** A public incident post: worded by a person; the internal incident is only referred to by id. */
export interface StoredStatusIncident {
  id: string;
  pageId: string;
  incidentId: string | null;
  title: string;
  impact: PublicImpact;
  stage: PublicStage;
  /** The components concerned and the status each shows while the post is open. */
  components: Array<{ id: string; status: ComponentStatus }>;
  createdBy: string;
  startedAt: number;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface StoredStatusUpdate {
  id: string;
  statusIncidentId: string;
  stage: PublicStage;
  body: string;
  createdBy: string;
  createdAt: number;
}

function toIncident(row: Selectable<StatusIncidentsTable>): StoredStatusIncident {
  const statuses = JSON.parse(row.component_status) as Record<string, ComponentStatus>;
  return {
    id: row.id,
    pageId: row.page_id,
    incidentId: row.incident_id,
    title: row.title,
    impact: row.impact as PublicImpact,
    stage: row.stage as PublicStage,
    components: (JSON.parse(row.component_ids) as string[]).map((id) => ({ id, status: statuses[id] ?? 'operational' })),
    createdBy: row.created_by,
    startedAt: Number(row.started_at),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toRow(i: StoredStatusIncident): Selectable<StatusIncidentsTable> {
  return {
    id: i.id,
    page_id: i.pageId,
    incident_id: i.incidentId,
    title: i.title,
    impact: i.impact,
    stage: i.stage,
    component_ids: JSON.stringify(i.components.map((c) => c.id)),
    component_status: JSON.stringify(Object.fromEntries(i.components.map((c) => [c.id, c.status]))),
    created_by: i.createdBy,
    started_at: i.startedAt,
    resolved_at: i.resolvedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

/** A page's public incidents, newest first, keyset-paginated by id (ids are time-ordered). */
export async function listStatusIncidents(
  db: Executor,
  pageId: string,
  opts: { beforeId: string | null; limit: number },
): Promise<{ items: StoredStatusIncident[]; hasMore: boolean }> {
  let query = db
    .selectFrom('status_incidents')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('id', 'desc')
    .limit(opts.limit + 1);
  if (opts.beforeId !== null) query = query.where('id', '<', opts.beforeId);
  const rows = await query.execute();
  return { items: rows.slice(0, opts.limit).map(toIncident), hasMore: rows.length > opts.limit };
}

/** Open public incidents and those resolved since `resolvedSince`, for the snapshot. */
export async function listCurrentStatusIncidents(db: Executor, pageId: string, resolvedSince: number): Promise<StoredStatusIncident[]> {
  const rows = await db
    .selectFrom('status_incidents')
    .selectAll()
    .where('page_id', '=', pageId)
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', resolvedSince)]))
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toIncident);
}

export async function findStatusIncident(db: Executor, pageId: string, id: string): Promise<StoredStatusIncident | null> {
  const row = await db.selectFrom('status_incidents').selectAll().where('page_id', '=', pageId).where('id', '=', id).executeTakeFirst();
  return row ? toIncident(row) : null;
}

export async function insertStatusIncident(db: Executor, incident: StoredStatusIncident): Promise<void> {
  await db.insertInto('status_incidents').values(toRow(incident)).execute();
}

export async function updateStatusIncident(db: Executor, incident: StoredStatusIncident): Promise<void> {
  const { id: _id, page_id: _page, created_at: _created, created_by: _by, ...changes } = toRow(incident);
  await db.updateTable('status_incidents').set(changes).where('id', '=', incident.id).execute();
}

export async function insertStatusUpdate(db: Executor, update: StoredStatusUpdate): Promise<void> {
  await db
    .insertInto('status_updates')
    .values({
      id: update.id,
      status_incident_id: update.statusIncidentId,
      stage: update.stage,
      body: update.body,
      created_by: update.createdBy,
      created_at: update.createdAt,
    })
    .execute();
}

function toUpdate(row: Selectable<StatusUpdatesTable>): StoredStatusUpdate {
  return {
    id: row.id,
    statusIncidentId: row.status_incident_id,
    stage: row.stage as PublicStage,
    body: row.body,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

/** The updates of several public incidents, newest first per incident. */
export async function statusUpdatesOf(db: Executor, statusIncidentIds: string[]): Promise<Map<string, StoredStatusUpdate[]>> {
  const map = new Map<string, StoredStatusUpdate[]>();
  if (statusIncidentIds.length === 0) return map;
  const rows = await db
    .selectFrom('status_updates')
    .selectAll()
    .where('status_incident_id', 'in', statusIncidentIds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) map.set(row.status_incident_id, [...(map.get(row.status_incident_id) ?? []), toUpdate(row)]);
  return map;
}
