import { sql, type Selectable } from 'kysely';
import type { GradeReason } from '../domain/grading/grade-incident.js';
import type { ImpactFacts } from '../domain/grading/facts.js';
import type { Level } from '../domain/grading/policy.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../domain/incident/state-machine.js';
import type { TimelineEntry, TimelineKind } from '../domain/incident/timeline.js';
import type { Executor } from '../operations/context.js';
import type { IncidentsTable } from './schema.js';

export interface StoredIncident {
  id: string;
  number: number;
  title: string;
  summary: string | null;
  status: IncidentStatus;
  level: Level;
  levelReasons: GradeReason[];
  facts: ImpactFacts;
  /** Affected services: the direct ones first, then those reached through dependencies. */
  services: string[];
  drill: boolean;
  alertCount: number;
  version: number;
  createdBy: string;
  startedAt: number;
  createdAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  updatedAt: number;
  /** Why pages are held back (`silence:<id>`, `maintenance:<id>`, `flapping`), or null. */
  suppressed: string | null;
  origin: 'manual' | 'signals';
  /**
   * Who holds the incident's roles (user ids, null: nobody). Set on every incident read from the
   * store; the generic writes leave the roles alone (only `setIncidentRolesIfVersion` writes them).
   */
  roles?: IncidentRoleIds;
}

export interface IncidentRoleIds {
  commander: string | null;
  communications: string | null;
}

export const INCIDENT_ROLES = ['commander', 'communications'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toIncident(row: Selectable<IncidentsTable>, services: string[]): StoredIncident {
  return {
    id: row.id,
    number: Number(row.number),
    title: row.title,
    summary: row.summary,
    status: row.status as IncidentStatus,
    level: row.level as Level,
    levelReasons: JSON.parse(row.level_reasons) as GradeReason[],
    facts: JSON.parse(row.facts) as ImpactFacts,
    services,
    drill: row.drill === 1,
    alertCount: Number(row.alert_count),
    version: Number(row.version),
    createdBy: row.created_by,
    startedAt: Number(row.started_at),
    createdAt: Number(row.created_at),
    acknowledgedAt: num(row.acknowledged_at),
    mitigatedAt: num(row.mitigated_at),
    resolvedAt: num(row.resolved_at),
    updatedAt: Number(row.updated_at),
    suppressed: row.suppressed,
    origin: row.origin === 'signals' ? 'signals' : 'manual',
    roles: { commander: row.commander_id ?? null, communications: row.communications_id ?? null },
  };
}

/** Every column but the roles, which only `setIncidentRolesIfVersion` writes. */
type IncidentColumns = Omit<Selectable<IncidentsTable>, 'commander_id' | 'communications_id'>;

function toRow(i: StoredIncident): IncidentColumns {
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    summary: i.summary,
    status: i.status,
    level: i.level,
    level_reasons: JSON.stringify(i.levelReasons),
    facts: JSON.stringify(i.facts),
    drill: i.drill ? 1 : 0,
    alert_count: i.alertCount,
    version: i.version,
    created_by: i.createdBy,
    started_at: i.startedAt,
    created_at: i.createdAt,
    acknowledged_at: i.acknowledgedAt,
    mitigated_at: i.mitigatedAt,
    resolved_at: i.resolvedAt,
    updated_at: i.updatedAt,
    suppressed: i.suppressed,
    origin: i.origin,
  };
}

async function servicesOf(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('incident_services').select(['incident_id', 'service_id']).where('incident_id', 'in', ids).execute();
  for (const row of rows) {
    const list = map.get(row.incident_id) ?? [];
    list.push(row.service_id);
    map.set(row.incident_id, list);
  }
  return map;
}

/** Keeps the stored order meaningful: direct services first, in facts order, then the rest by id. */
function orderServices(incident: Selectable<IncidentsTable>, ids: string[]): string[] {
  const facts = JSON.parse(incident.facts) as ImpactFacts;
  const direct = [...new Set(facts.affected.map((a) => a.service))].filter((s) => ids.includes(s));
  return [...direct, ...ids.filter((s) => !direct.includes(s)).sort()];
}

export type IncidentRef = { id: string } | { number: number };

export async function findIncident(db: Executor, ref: IncidentRef): Promise<StoredIncident | null> {
  const query = db.selectFrom('incidents').selectAll();
  const row = await ('id' in ref ? query.where('id', '=', ref.id) : query.where('number', '=', ref.number)).executeTakeFirst();
  if (!row) return null;
  const services = await servicesOf(db, [row.id]);
  return toIncident(row, orderServices(row, services.get(row.id) ?? []));
}

/** Stores a new incident and its services (a new row has none to replace: they reference it). */
export async function insertIncident(db: Executor, incident: StoredIncident): Promise<void> {
  await db.insertInto('incidents').values(toRow(incident)).execute();
  await insertIncidentServices(db, incident.id, incident.services);
}

/**
 * Writes `next` only if the stored row still has `expectedVersion`: the loser of two
 * concurrent changes updates nothing and gets `false`.
 */
export async function updateIncidentIfVersion(db: Executor, next: StoredIncident, expectedVersion: number): Promise<boolean> {
  const { id: _id, number: _number, created_at: _created, ...changes } = toRow(next);
  const result = await db
    .updateTable('incidents')
    .set(changes)
    .where('id', '=', next.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Writes the roles and moves `version` and `updated_at` on, only if the row still has
 * `expectedVersion` (the loser of a race updates nothing and gets `false`).
 */
export async function setIncidentRolesIfVersion(
  db: Executor,
  id: string,
  roles: IncidentRoleIds,
  expectedVersion: number,
  updatedAt: number,
): Promise<boolean> {
  const result = await db
    .updateTable('incidents')
    .set({
      commander_id: roles.commander,
      communications_id: roles.communications,
      version: expectedVersion + 1,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceIncidentServices(db: Executor, incidentId: string, services: string[]): Promise<void> {
  await db.deleteFrom('incident_services').where('incident_id', '=', incidentId).execute();
  await insertIncidentServices(db, incidentId, services);
}

async function insertIncidentServices(db: Executor, incidentId: string, services: string[]): Promise<void> {
  if (services.length === 0) return;
  await db
    .insertInto('incident_services')
    .values([...new Set(services)].map((service_id) => ({ incident_id: incidentId, service_id })))
    .execute();
}

export interface IncidentFilter {
  statuses?: IncidentStatus[];
  levels?: Level[];
  service?: string;
  drill?: boolean;
  text?: string;
  createdFrom?: number;
  createdTo?: number;
  /** Return incidents numbered below this (the cursor). */
  beforeNumber?: number;
  limit: number;
}

/** Newest first, keyset-paginated by number so deep pages stay as cheap as the first. */
export async function listIncidents(db: Executor, f: IncidentFilter): Promise<{ items: StoredIncident[]; hasMore: boolean }> {
  let query = db
    .selectFrom('incidents')
    .selectAll()
    .orderBy('number', 'desc')
    .limit(f.limit + 1);
  if (f.statuses?.length) query = query.where('status', 'in', f.statuses);
  if (f.levels?.length) query = query.where('level', 'in', f.levels);
  if (f.drill !== undefined) query = query.where('drill', '=', f.drill ? 1 : 0);
  if (f.beforeNumber !== undefined) query = query.where('number', '<', f.beforeNumber);
  if (f.createdFrom !== undefined) query = query.where('created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) query = query.where('created_at', '<', f.createdTo);
  if (f.text) {
    const pattern = `%${f.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`lower(title) like ${pattern} escape '\\'`);
  }
  if (f.service) {
    const service = f.service;
    query = query.where('id', 'in', (eb) => eb.selectFrom('incident_services').select('incident_id').where('service_id', '=', service));
  }
  const rows = await query.execute();
  const page = rows.slice(0, f.limit);
  const services = await servicesOf(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toIncident(r, orderServices(r, services.get(r.id) ?? []))),
    hasMore: rows.length > f.limit,
  };
}

export async function insertTimeline(db: Executor, entries: TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('incident_events')
    .values(
      entries.map((e) => ({
        id: e.id,
        incident_id: e.incidentId,
        at: e.at,
        kind: e.kind,
        actor_type: e.actor.type,
        actor_id: e.actor.id,
        actor_name: e.actor.name,
        from_value: e.from,
        to_value: e.to,
        message: e.message,
      })),
    )
    .execute();
}

export async function listTimeline(db: Executor, incidentId: string, kinds?: TimelineKind[]): Promise<TimelineEntry[]> {
  let query = db.selectFrom('incident_events').selectAll().where('incident_id', '=', incidentId).orderBy('id');
  if (kinds?.length) query = query.where('kind', 'in', kinds);
  const rows = await query.limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    at: Number(r.at),
    kind: r.kind as TimelineKind,
    actor: { type: r.actor_type as TimelineEntry['actor']['type'], id: r.actor_id, name: r.actor_name },
    from: r.from_value,
    to: r.to_value,
    message: r.message,
  }));
}

/** Open (not resolved) incidents per level, for the metrics gauge. */
export async function countOpenByLevel(db: Executor): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('incidents')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '!=', 'resolved')
    .groupBy('level')
    .execute();
  return new Map(rows.map((r) => [Number(r.level), Number(r.n)]));
}

const OPEN_STATUSES = INCIDENT_STATUSES.filter((s) => s !== 'resolved');

/**
 * Open incidents that list any of the given services (directly or through dependencies), by id.
 * Starts from the open incidents (`incidents_status_idx`) and checks their services, so the cost
 * follows what is open rather than every incident the services ever had.
 */
export async function openIncidentsForServices(db: Executor, serviceIds: string[]): Promise<StoredIncident[]> {
  if (serviceIds.length === 0) return [];
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('status', 'in', OPEN_STATUSES)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_services')
          .select('incident_services.incident_id')
          .whereRef('incident_services.incident_id', '=', 'incidents.id')
          .where('incident_services.service_id', 'in', serviceIds),
      ),
    )
    .orderBy('id')
    .execute();
  const services = await servicesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toIncident(r, orderServices(r, services.get(r.id) ?? [])));
}

export async function findIncidentsByIds(db: Executor, ids: string[]): Promise<StoredIncident[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute();
  const services = await servicesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toIncident(r, orderServices(r, services.get(r.id) ?? [])));
}
