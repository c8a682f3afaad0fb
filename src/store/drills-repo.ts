import type { Selectable } from 'kysely';
import type { Drill, DrillParticipant, DrillStatus, ScenarioComponent } from '../domain/drills/drill.js';
import type { RunVerdict, ServiceRecovery } from '../domain/drills/measure-run.js';
import type { DrillSchedule } from '../domain/drills/schedule.js';
import type { Executor } from '../operations/context.js';
import type { DrillRunsTable, DrillsTable } from './schema.js';

export type StoredDrill = Drill;

/** What a run keeps of its drill as it was when the run started: later edits do not rewrite history. */
export interface RunSnapshot {
  name: string;
  scenario: ScenarioComponent[];
  hypothesis: string | null;
}

/** The numbers a run keeps once it has ended (while it runs they are computed from its incidents). */
export interface StoredMeasurement {
  detectMs: number | null;
  acknowledgeMs: number | null;
  mitigateMs: number | null;
  recoverMs: number | null;
  services: ServiceRecovery[];
}

export interface StoredDrillRun {
  id: string;
  drillId: string;
  startedVia: 'schedule' | 'manual';
  startedBy: string;
  startedAt: number;
  snapshot: RunSnapshot;
  incidentIds: string[];
  /** When its signals were committed; null until then (the lease covers the injection). */
  injectedAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  /** When someone asked to lift the injected failure. */
  recoverRequestedAt: number | null;
  measured: StoredMeasurement | null;
  verdict: RunVerdict;
  findings: string | null;
  endedAt: number | null;
  version: number;
  updatedAt: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toDrill(r: Selectable<DrillsTable>): StoredDrill {
  return {
    id: r.id,
    name: r.name,
    scenario: JSON.parse(r.scenario) as ScenarioComponent[],
    hypothesis: r.hypothesis,
    blastRadius: r.blast_radius,
    participants: JSON.parse(r.participants) as DrillParticipant[],
    schedule: r.schedule === null ? null : (JSON.parse(r.schedule) as DrillSchedule),
    status: r.status as DrillStatus,
    nextRunAt: num(r.next_run_at),
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function drillRow(d: StoredDrill): Selectable<DrillsTable> {
  return {
    id: d.id,
    name: d.name,
    scenario: JSON.stringify(d.scenario),
    hypothesis: d.hypothesis,
    blast_radius: d.blastRadius,
    participants: JSON.stringify(d.participants),
    schedule: d.schedule === null ? null : JSON.stringify(d.schedule),
    status: d.status,
    next_run_at: d.nextRunAt,
    version: d.version,
    created_by: d.createdBy,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

export async function insertDrill(db: Executor, d: StoredDrill): Promise<void> {
  await db.insertInto('drills').values(drillRow(d)).execute();
}

export async function findDrill(db: Executor, id: string): Promise<StoredDrill | null> {
  const row = await db.selectFrom('drills').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDrill(row) : null;
}

export async function saveDrillIfVersion(db: Executor, d: StoredDrill, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...values } = drillRow(d);
  const result = await db
    .updateTable('drills')
    .set(values)
    .where('id', '=', d.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a drill and its runs (the incidents they opened stay, marked as drills). */
export async function deleteDrillRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('drill_runs').where('drill_id', '=', id).execute();
  await db.deleteFrom('drills').where('id', '=', id).execute();
}

export async function listDrills(
  db: Executor,
  f: { afterId?: string; limit: number },
): Promise<{ items: StoredDrill[]; hasMore: boolean }> {
  let query = db.selectFrom('drills').selectAll();
  if (f.afterId !== undefined) query = query.where('id', '>', f.afterId);
  const rows = await query
    .orderBy('id', 'asc')
    .limit(f.limit + 1)
    .execute();
  return { items: rows.slice(0, f.limit).map(toDrill), hasMore: rows.length > f.limit };
}

/** Active drills whose schedule is due at `now`, oldest due first. */
export async function dueDrills(db: Executor, now: number, limit: number): Promise<StoredDrill[]> {
  const rows = await db
    .selectFrom('drills')
    .selectAll()
    .where('status', '=', 'active')
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(limit)
    .execute();
  return rows.map(toDrill);
}

/** The earliest time a schedule falls due, for the scheduler's sleep. */
export async function nextDrillDueAt(db: Executor): Promise<number | null> {
  const row = await db
    .selectFrom('drills')
    .select((eb) => eb.fn.min('next_run_at').as('at'))
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}

/**
 * Claims one due occurrence: moves `next_run_at` from `dueAt` to `nextRunAt` only if no other node
 * did first. The conditional update makes exactly one claimant win, on both dialects.
 */
export async function claimDueDrill(db: Executor, id: string, dueAt: number, nextRunAt: number | null, now: number): Promise<boolean> {
  const result = await db
    .updateTable('drills')
    .set({ next_run_at: nextRunAt, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('next_run_at', '=', dueAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function toRun(r: Selectable<DrillRunsTable>): StoredDrillRun {
  const measured: StoredMeasurement | null =
    r.services === null
      ? null
      : {
          detectMs: num(r.detect_ms),
          acknowledgeMs: num(r.acknowledge_ms),
          mitigateMs: num(r.mitigate_ms),
          recoverMs: num(r.recover_ms),
          services: JSON.parse(r.services) as ServiceRecovery[],
        };
  return {
    id: r.id,
    drillId: r.drill_id,
    startedVia: r.started_via as StoredDrillRun['startedVia'],
    startedBy: r.started_by,
    startedAt: Number(r.started_at),
    snapshot: JSON.parse(r.snapshot) as RunSnapshot,
    incidentIds: JSON.parse(r.incident_ids) as string[],
    injectedAt: num(r.injected_at),
    leaseOwner: r.lease_owner,
    leaseUntil: num(r.lease_until),
    recoverRequestedAt: num(r.recover_requested_at),
    measured,
    verdict: r.verdict as RunVerdict,
    findings: r.findings,
    endedAt: num(r.ended_at),
    version: Number(r.version),
    updatedAt: Number(r.updated_at),
  };
}

function runRow(r: StoredDrillRun): Selectable<DrillRunsTable> {
  return {
    id: r.id,
    drill_id: r.drillId,
    started_via: r.startedVia,
    started_by: r.startedBy,
    started_at: r.startedAt,
    snapshot: JSON.stringify(r.snapshot),
    incident_ids: JSON.stringify(r.incidentIds),
    injected_at: r.injectedAt,
    lease_owner: r.leaseOwner,
    lease_until: r.leaseUntil,
    recover_requested_at: r.recoverRequestedAt,
    detect_ms: r.measured?.detectMs ?? null,
    acknowledge_ms: r.measured?.acknowledgeMs ?? null,
    mitigate_ms: r.measured?.mitigateMs ?? null,
    recover_ms: r.measured?.recoverMs ?? null,
    services: r.measured ? JSON.stringify(r.measured.services) : null,
    verdict: r.verdict,
    findings: r.findings,
    ended_at: r.endedAt,
    version: r.version,
    updated_at: r.updatedAt,
  };
}

export async function insertRun(db: Executor, run: StoredDrillRun): Promise<void> {
  await db.insertInto('drill_runs').values(runRow(run)).execute();
}

export async function findRun(db: Executor, id: string): Promise<StoredDrillRun | null> {
  const row = await db.selectFrom('drill_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function saveRunIfVersion(db: Executor, run: StoredDrillRun, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...values } = runRow(run);
  const result = await db
    .updateTable('drill_runs')
    .set(values)
    .where('id', '=', run.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A drill's runs, newest first. */
export async function listRunsOfDrill(
  db: Executor,
  drillId: string,
  f: { beforeId?: string; limit: number },
): Promise<{ items: StoredDrillRun[]; hasMore: boolean }> {
  let query = db.selectFrom('drill_runs').selectAll().where('drill_id', '=', drillId);
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return { items: rows.slice(0, f.limit).map(toRun), hasMore: rows.length > f.limit };
}

/** Runs not ended yet (all drills, or one). */
export async function openRuns(db: Executor, drillId?: string): Promise<StoredDrillRun[]> {
  let query = db.selectFrom('drill_runs').selectAll().where('ended_at', 'is', null);
  if (drillId !== undefined) query = query.where('drill_id', '=', drillId);
  return (await query.orderBy('id').execute()).map(toRun);
}

/**
 * Takes over the injection of a run whose signals are not in and whose lease ran out (its node
 * died between starting the run and committing the signals). Conditional: one taker.
 */
export async function claimStalledInjection(
  db: Executor,
  run: StoredDrillRun,
  owner: string,
  now: number,
  leaseUntil: number,
): Promise<boolean> {
  const result = await db
    .updateTable('drill_runs')
    .set({ lease_owner: owner, lease_until: leaseUntil })
    .where('id', '=', run.id)
    .where('injected_at', 'is', null)
    .where('lease_until', '<', now)
    .where('lease_owner', run.leaseOwner === null ? 'is' : '=', run.leaseOwner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Locks a drill's row for the rest of the transaction (a no-op write), so two requests that start
 * a run of it at once are serialised and the second sees the first's run.
 */
export async function lockDrill(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('drills')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .execute();
}
