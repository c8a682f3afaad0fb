import type { Selectable } from 'kysely';
import type { ImpactType } from '../domain/grading/policy.js';
import type { FlapState } from '../domain/suppression/flapping.js';
import type { Executor } from '../operations/context.js';
import type { AlertsTable } from './schema.js';

export type AlertStatus = 'firing' | 'acknowledged' | 'resolved';

export interface StoredAlert {
  id: string;
  integrationId: string;
  dedupKey: string;
  status: AlertStatus;
  incidentId: string | null;
  serviceId: string | null;
  summary: string;
  severity: string | null;
  impact: ImpactType;
  labels: Record<string, string>;
  details: Record<string, unknown> | null;
  eventCount: number;
  suppressed: string | null;
  /** Recent fire/resolve transitions, for flap detection. */
  flap: FlapState | null;
  flapping: boolean;
  firstAt: number;
  lastAt: number;
  resolvedAt: number | null;
}

function toAlert(r: Selectable<AlertsTable>): StoredAlert {
  return {
    id: r.id,
    integrationId: r.integration_id,
    dedupKey: r.dedup_key,
    status: r.status as AlertStatus,
    incidentId: r.incident_id,
    serviceId: r.service_id,
    summary: r.summary,
    severity: r.severity,
    impact: r.impact as ImpactType,
    labels: JSON.parse(r.labels) as Record<string, string>,
    details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    eventCount: Number(r.event_count),
    suppressed: r.suppressed,
    flap: r.flap === null ? null : (JSON.parse(r.flap) as FlapState),
    flapping: r.flapping === 1,
    firstAt: Number(r.first_at),
    lastAt: Number(r.last_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}

function toRow(a: StoredAlert): Selectable<AlertsTable> {
  return {
    id: a.id,
    integration_id: a.integrationId,
    dedup_key: a.dedupKey,
    status: a.status,
    incident_id: a.incidentId,
    service_id: a.serviceId,
    summary: a.summary,
    severity: a.severity,
    impact: a.impact,
    labels: JSON.stringify(a.labels),
    details: a.details === null ? null : JSON.stringify(a.details),
    event_count: a.eventCount,
    suppressed: a.suppressed,
    flap: a.flap === null ? null : JSON.stringify(a.flap),
    flapping: a.flapping ? 1 : 0,
    first_at: a.firstAt,
    last_at: a.lastAt,
    resolved_at: a.resolvedAt,
  };
}

/** Splits rows so one statement stays under SQLite's bound-parameter limit. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The alerts of the given keys that are open, or were resolved since `since` (their flap history
 * matters): the open one first, then the resolved ones newest first, per key.
 */
export async function loadAlertsForKeys(
  db: Executor,
  keys: Array<{ integrationId: string; dedupKey: string }>,
  since: number,
): Promise<StoredAlert[]> {
  const integrations = [...new Set(keys.map((k) => k.integrationId))];
  const wanted = new Set(keys.map((k) => `${k.integrationId}\u0000${k.dedupKey}`));
  const out: StoredAlert[] = [];
  for (const part of chunks([...new Set(keys.map((k) => k.dedupKey))], 500)) {
    const ofKeys = () => db.selectFrom('alerts').selectAll().where('integration_id', 'in', integrations).where('dedup_key', 'in', part);
    // Two statements, so that each reads its own partial index: the open alerts
    // (alerts_open_key_uq) and the recently resolved ones (alerts_closed_key_idx).
    const open = await ofKeys().where('resolved_at', 'is', null).execute();
    const resolved = await ofKeys().where('resolved_at', '>=', since).orderBy('last_at', 'desc').execute();
    for (const row of [...open, ...resolved]) if (wanted.has(`${row.integration_id}\u0000${row.dedup_key}`)) out.push(toAlert(row));
  }
  return out;
}

export async function findAlertsByIds(db: Executor, ids: string[]): Promise<StoredAlert[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('alerts').selectAll().where('id', 'in', ids).execute()).map(toAlert);
}

/** Inserts new alerts and rewrites changed ones, in as few statements as the dialect allows. */
export async function upsertAlerts(db: Executor, alerts: StoredAlert[]): Promise<void> {
  for (const part of chunks(alerts, 400)) {
    await db
      .insertInto('alerts')
      .values(part.map(toRow))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          incident_id: eb.ref('excluded.incident_id'),
          service_id: eb.ref('excluded.service_id'),
          summary: eb.ref('excluded.summary'),
          severity: eb.ref('excluded.severity'),
          impact: eb.ref('excluded.impact'),
          labels: eb.ref('excluded.labels'),
          details: eb.ref('excluded.details'),
          event_count: eb.ref('excluded.event_count'),
          suppressed: eb.ref('excluded.suppressed'),
          flap: eb.ref('excluded.flap'),
          flapping: eb.ref('excluded.flapping'),
          last_at: eb.ref('excluded.last_at'),
          resolved_at: eb.ref('excluded.resolved_at'),
        })),
      )
      .execute();
  }
}

export interface SignalEventRow {
  id: string;
  integrationId: string;
  alertId: string | null;
  dedupKey: string;
  action: string;
  summary: string;
  receivedAt: number;
}

export async function insertSignalEvents(db: Executor, events: SignalEventRow[]): Promise<void> {
  for (const part of chunks(events, 800)) {
    await db
      .insertInto('signal_events')
      .values(
        part.map((e) => ({
          id: e.id,
          integration_id: e.integrationId,
          alert_id: e.alertId,
          dedup_key: e.dedupKey,
          action: e.action,
          summary: e.summary,
          received_at: e.receivedAt,
        })),
      )
      .execute();
  }
}

/** Open (not resolved) alerts per incident. */
export async function openAlertCounts(db: Executor, incidentIds: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (const part of chunks(incidentIds, 500)) {
    const rows = await db
      .selectFrom('alerts')
      .select(['incident_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('incident_id', 'in', part)
      .where('resolved_at', 'is', null)
      .groupBy('incident_id')
      .execute();
    for (const r of rows) if (r.incident_id) map.set(r.incident_id, Number(r.n));
  }
  return map;
}

export async function moveAlerts(db: Executor, fromIncident: string, toIncident: string): Promise<void> {
  await db.updateTable('alerts').set({ incident_id: toIncident }).where('incident_id', '=', fromIncident).execute();
}

export interface AlertFilter {
  incidentId?: string;
  integrationId?: string;
  open?: boolean;
  beforeId?: string;
  limit: number;
}

export async function listAlerts(db: Executor, f: AlertFilter): Promise<{ items: StoredAlert[]; hasMore: boolean }> {
  let query = db
    .selectFrom('alerts')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.incidentId) query = query.where('incident_id', '=', f.incidentId);
  if (f.integrationId) query = query.where('integration_id', '=', f.integrationId);
  if (f.open !== undefined) query = query.where('resolved_at', f.open ? 'is' : 'is not', null);
  if (f.beforeId) query = query.where('id', '<', f.beforeId);
  const rows = await query.execute();
  return { items: rows.slice(0, f.limit).map(toAlert), hasMore: rows.length > f.limit };
}

export async function countSignalEvents(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('signal_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Resolves the open alerts of an incident a person resolved; a later trigger opens a new alert. */
export async function resolveAlertsOfIncident(db: Executor, incidentId: string, at: number): Promise<number> {
  const result = await db
    .updateTable('alerts')
    .set({ status: 'resolved', resolved_at: at, flapping: 0 })
    .where('incident_id', '=', incidentId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Resolves flapping alerts held open whose last event was a resolve before `quietBefore`;
 * returns the incidents they belong to.
 */
export async function releaseHeldAlerts(db: Executor, quietBefore: number, at: number): Promise<string[]> {
  const held = await db
    .selectFrom('alerts')
    .select(['id', 'incident_id'])
    .where('flapping', '=', 1)
    .where('status', '=', 'resolved')
    .where('resolved_at', 'is', null)
    .where('last_at', '<', quietBefore)
    .execute();
  if (held.length === 0) return [];
  await db
    .updateTable('alerts')
    .set({ resolved_at: at, flapping: 0 })
    .where(
      'id',
      'in',
      held.map((h) => h.id),
    )
    .execute();
  return [...new Set(held.map((h) => h.incident_id).filter((id): id is string => id !== null))];
}
