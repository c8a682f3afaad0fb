import { sql } from 'kysely';
import { percentile } from '../domain/monitors/stats.js';
import type { CheckStatus, MonitorState } from '../domain/monitors/verdict.js';
import type { Executor } from '../operations/context.js';

export const STATUS_CODES: Record<CheckStatus, number> = { up: 0, degraded: 1, down: 2 };
export const STATUS_OF_CODE: readonly CheckStatus[] = ['up', 'degraded', 'down'];

export interface ResultRow {
  monitorSeq: number;
  at: number;
  locationSeq: number;
  status: CheckStatus;
  latencyMs: number | null;
  error: string | null;
}

/** Rows per multi-row statement: well under both dialects' bound-parameter limits. */
const CHUNK = 64;

/**
 * Splits `rows` into multi-row statements of 64, 32, 16 … 1 rows. A handful of statement shapes
 * are prepared once and reused; a shape per batch size would prepare (and leave for the garbage
 * collector) a new large statement at nearly every flush.
 */
function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  let i = 0;
  for (let size = CHUNK; size >= 1; size >>= 1) {
    while (rows.length - i >= size) {
      yield rows.slice(i, i + size);
      i += size;
    }
  }
}

/**
 * Stores raw results; a repeat of a stored one (same monitor, time and location: an agent that
 * sent a batch again after losing our answer) is dropped. Returns the keys of the rows stored.
 */
export async function insertResults(db: Executor, rows: readonly ResultRow[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (const chunk of chunks(rows)) {
    const inserted = await db
      .insertInto('monitor_results')
      .values(
        chunk.map((r) => ({
          monitor_seq: r.monitorSeq,
          at: r.at,
          location_seq: r.locationSeq,
          status: STATUS_CODES[r.status],
          latency_ms: r.latencyMs,
          error: r.error,
        })),
      )
      .onConflict((oc) => oc.columns(['monitor_seq', 'at', 'location_seq']).doNothing())
      .returning(['monitor_seq', 'at', 'location_seq'])
      .execute();
    for (const r of inserted) stored.add(resultKey(Number(r.monitor_seq), Number(r.at), Number(r.location_seq)));
  }
  return stored;
}

export const resultKey = (monitorSeq: number, at: number, locationSeq: number) => `${monitorSeq}:${at}:${locationSeq}`;

export interface LocationStateRow {
  monitorId: string;
  location: string;
  state: MonitorState;
  streak: number;
  streakStatus: CheckStatus | null;
  lastAt: number;
  lastStatus: CheckStatus;
  lastLatencyMs: number | null;
  lastError: string | null;
}

export async function readLocationStates(db: Executor, monitorIds: readonly string[]): Promise<LocationStateRow[]> {
  const out: LocationStateRow[] = [];
  for (let i = 0; i < monitorIds.length; i += 500) {
    const rows = await db
      .selectFrom('monitor_location_states')
      .selectAll()
      .where('monitor_id', 'in', monitorIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.push({
        monitorId: r.monitor_id,
        location: r.location,
        state: r.state as MonitorState,
        streak: Number(r.streak),
        streakStatus: r.streak_status as CheckStatus | null,
        lastAt: Number(r.last_at),
        lastStatus: r.last_status as CheckStatus,
        lastLatencyMs: r.last_latency_ms === null ? null : Number(r.last_latency_ms),
        lastError: r.last_error,
      });
    }
  }
  return out;
}

export async function upsertLocationStates(db: Executor, rows: readonly LocationStateRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('monitor_location_states')
      .values(
        chunk.map((r) => ({
          monitor_id: r.monitorId,
          location: r.location,
          state: r.state,
          streak: r.streak,
          streak_status: r.streakStatus,
          last_at: r.lastAt,
          last_status: r.lastStatus,
          last_latency_ms: r.lastLatencyMs,
          last_error: r.lastError,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['monitor_id', 'location']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          streak: eb.ref('excluded.streak'),
          streak_status: eb.ref('excluded.streak_status'),
          last_at: eb.ref('excluded.last_at'),
          last_status: eb.ref('excluded.last_status'),
          last_latency_ms: eb.ref('excluded.last_latency_ms'),
          last_error: eb.ref('excluded.last_error'),
        })),
      )
      .execute();
  }
}

export const GRAIN = { minute: 1, hour: 2, day: 3 } as const;
export type Grain = keyof typeof GRAIN;

export interface RollupRow {
  monitorSeq: number;
  grain: number;
  start: number;
  up: number;
  degraded: number;
  down: number;
  latencySum: number;
  latencyCount: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * A rollup row that only sets a closed period's percentiles from its latencies (ascending): its
 * counts are zero, so `addToRollups` leaves the counts as they are.
 */
export function percentilesRow(monitorSeq: number, grain: number, start: number, sorted: readonly number[]): RollupRow {
  return {
    monitorSeq,
    grain,
    start,
    up: 0,
    degraded: 0,
    down: 0,
    latencySum: 0,
    latencyCount: 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * Adds counts to rollup rows (creating them). Percentiles given here are kept only where the row
 * had none: late results add to the counts of a closed minute without rewriting its percentiles.
 */
export async function addToRollups(db: Executor, rows: readonly RollupRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('monitor_rollups')
      .values(
        chunk.map((r) => ({
          monitor_seq: r.monitorSeq,
          grain: r.grain,
          start: r.start,
          up: r.up,
          degraded: r.degraded,
          down: r.down,
          latency_sum: r.latencySum,
          latency_count: r.latencyCount,
          p50: r.p50,
          p95: r.p95,
          p99: r.p99,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['monitor_seq', 'grain', 'start']).doUpdateSet({
          up: sql`monitor_rollups.up + excluded.up`,
          degraded: sql`monitor_rollups.degraded + excluded.degraded`,
          down: sql`monitor_rollups.down + excluded.down`,
          latency_sum: sql`monitor_rollups.latency_sum + excluded.latency_sum`,
          latency_count: sql`monitor_rollups.latency_count + excluded.latency_count`,
          p50: sql`coalesce(monitor_rollups.p50, excluded.p50)`,
          p95: sql`coalesce(monitor_rollups.p95, excluded.p95)`,
          p99: sql`coalesce(monitor_rollups.p99, excluded.p99)`,
        }),
      )
      .execute();
  }
}

export async function setPercentiles(
  db: Executor,
  seq: number,
  grain: number,
  start: number,
  p: { p50: number | null; p95: number | null; p99: number | null },
): Promise<void> {
  await db
    .updateTable('monitor_rollups')
    .set(p)
    .where('monitor_seq', '=', seq)
    .where('grain', '=', grain)
    .where('start', '=', start)
    .execute();
}

export async function rollupsBetween(db: Executor, seq: number, grain: number, from: number, to: number): Promise<RollupRow[]> {
  const rows = await db
    .selectFrom('monitor_rollups')
    .selectAll()
    .where('monitor_seq', '=', seq)
    .where('grain', '=', grain)
    .where('start', '>=', from)
    .where('start', '<', to)
    .orderBy('start')
    .execute();
  return rows.map((r) => ({
    monitorSeq: Number(r.monitor_seq),
    grain: Number(r.grain),
    start: Number(r.start),
    up: Number(r.up),
    degraded: Number(r.degraded),
    down: Number(r.down),
    latencySum: Number(r.latency_sum),
    latencyCount: Number(r.latency_count),
    p50: r.p50 === null ? null : Number(r.p50),
    p95: r.p95 === null ? null : Number(r.p95),
    p99: r.p99 === null ? null : Number(r.p99),
  }));
}

/** Day rows of many monitors at once (today's, for the list's last bar). */
export async function dayRowsOf(db: Executor, seqs: readonly number[], day: number): Promise<Map<number, RollupRow>> {
  const out = new Map<number, RollupRow>();
  for (let i = 0; i < seqs.length; i += 500) {
    const rows = await db
      .selectFrom('monitor_rollups')
      .select(['monitor_seq', 'up', 'degraded', 'down'])
      .where('monitor_seq', 'in', seqs.slice(i, i + 500))
      .where('grain', '=', GRAIN.day)
      .where('start', '=', day)
      .execute();
    for (const r of rows) {
      const seq = Number(r.monitor_seq);
      out.set(seq, {
        monitorSeq: seq,
        grain: GRAIN.day,
        start: day,
        up: Number(r.up),
        degraded: Number(r.degraded),
        down: Number(r.down),
        latencySum: 0,
        latencyCount: 0,
        p50: null,
        p95: null,
        p99: null,
      });
    }
  }
  return out;
}

export interface StoredResult {
  at: number;
  locationSeq: number;
  status: CheckStatus;
  latencyMs: number | null;
  error: string | null;
}

/** A monitor's raw results, newest first, before `before`. */
export async function recentResults(db: Executor, seq: number, before: number, limit: number): Promise<StoredResult[]> {
  const rows = await db
    .selectFrom('monitor_results')
    .selectAll()
    .where('monitor_seq', '=', seq)
    .where('at', '<', before)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: Number(r.at),
    locationSeq: Number(r.location_seq),
    status: STATUS_OF_CODE[Number(r.status)] ?? 'down',
    latencyMs: r.latency_ms === null ? null : Number(r.latency_ms),
    error: r.error,
  }));
}

/** Drops some monitors' raw results before `rawBefore`, and their rollups of each grain before its time. */
export async function pruneMonitors(
  db: Executor,
  seqs: readonly number[],
  rawBefore: number,
  rollupsBefore: ReadonlyArray<[number, number]>,
): Promise<void> {
  if (seqs.length === 0) return;
  await db.deleteFrom('monitor_results').where('monitor_seq', 'in', seqs).where('at', '<', rawBefore).execute();
  for (const [grain, before] of rollupsBefore) {
    await db
      .deleteFrom('monitor_rollups')
      .where('monitor_seq', 'in', seqs)
      .where('grain', '=', grain)
      .where('start', '<', before)
      .execute();
  }
}

/** Latencies of some monitors' results in [from, to). */
export async function latenciesOf(
  db: Executor,
  seqs: readonly number[],
  from: number,
  to: number,
): Promise<Array<{ seq: number; latencyMs: number }>> {
  if (seqs.length === 0) return [];
  const rows = await db
    .selectFrom('monitor_results')
    .select(['monitor_seq', 'latency_ms'])
    .where('monitor_seq', 'in', seqs)
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('latency_ms', 'is not', null)
    .execute();
  return rows.map((r) => ({ seq: Number(r.monitor_seq), latencyMs: Number(r.latency_ms) }));
}

export async function deleteMonitorHistory(db: Executor, seq: number): Promise<void> {
  await db.deleteFrom('monitor_results').where('monitor_seq', '=', seq).execute();
  await db.deleteFrom('monitor_rollups').where('monitor_seq', '=', seq).execute();
}
