import type { Monitor } from '../domain/monitors/monitor.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, periodStart } from '../domain/monitors/stats.js';
import { applyResult, NO_VERDICT, quorumState, type CheckStatus, type MonitorState } from '../domain/monitors/verdict.js';
import { configSnapshot } from '../operations/config-snapshot.js';
import type { Deps, Executor } from '../operations/context.js';
import { touchPagesShowingMonitors } from '../operations/status/find-status-page.js';
import { listLocations } from '../store/monitor-locations-repo.js';
import {
  addToRollups,
  GRAIN,
  insertResults,
  percentilesRow,
  readLocationStates,
  resultKey,
  upsertLocationStates,
  type LocationStateRow,
  type RollupRow,
} from '../store/monitor-results-repo.js';
import { findMonitorsByIds, setMonitorState } from '../store/monitors-repo.js';
import type { LocationView } from './monitor-signal.js';

/** One check's outcome as a location reports it. */
export interface MonitorResult {
  monitorId: string;
  location: string;
  /** When the check started, epoch ms. */
  at: number;
  status: CheckStatus;
  latencyMs: number | null;
  error: string | null;
}

/** A monitor whose quorum state changed in a flush, with what each location saw. */
export interface MonitorTransition {
  monitor: Monitor;
  from: MonitorState;
  to: MonitorState;
  views: LocationView[];
}

interface OpenMinute {
  seq: number;
  start: number;
  latencies: number[];
}

/** Late results within this much after a minute's end still count towards its percentiles. */
const MINUTE_GRACE_MS = 15_000;
const MAX_CLOSED_PER_FLUSH = 2_000;

/**
 * Stores check results in one transaction per flush: raw rows, each location's verdict, the
 * counts of the minute, hour and day they fall in (added, so a restart loses none), and the
 * monitor's quorum state. Returns the state changes for the caller to turn into signals after
 * the commit. Minute percentiles come from latencies held in memory until the minute closes.
 */
export class ResultStore {
  private readonly minutes = new Map<string, OpenMinute>();

  constructor(private readonly deps: Deps) {}

  async write(results: readonly MonitorResult[]): Promise<MonitorTransition[]> {
    const now = this.deps.clock.now();
    return this.deps.store.db.transaction().execute(async (trx) => {
      const transitions = await this.record(trx, results);
      if (transitions.length > 0) {
        // Status pages showing these monitors rebuild with the new state (like incidents do for services).
        await touchPagesShowingMonitors(
          trx,
          transitions.map((t) => t.monitor.id),
          this.deps.clock.now(),
          await configSnapshot(trx, this.deps),
        );
      }
      await this.closeMinutes(trx, now);
      return transitions;
    });
  }

  private async record(trx: Executor, results: readonly MonitorResult[]): Promise<MonitorTransition[]> {
    if (results.length === 0) return [];
    const ids = [...new Set(results.map((r) => r.monitorId))];
    const monitors = new Map((await findMonitorsByIds(trx, ids)).map((m) => [m.id, m]));
    const locations = new Map((await listLocations(trx)).map((l) => [l.name, l]));
    const states = new Map<string, LocationStateRow>();
    for (const s of await readLocationStates(trx, ids)) states.set(`${s.monitorId}\u0000${s.location}`, s);

    // Raw rows first: a result stored before (an agent's repeated batch) counts and judges nothing.
    const sorted = [...results].sort((a, b) => a.at - b.at);
    const accepted = sorted.flatMap((r) => {
      const m = monitors.get(r.monitorId);
      const location = locations.get(r.location);
      // A monitor deleted or moved away from this location since the check started: drop it.
      return m && location && m.locations.includes(r.location)
        ? [
            {
              r,
              m,
              row: { monitorSeq: m.seq, at: r.at, locationSeq: location.seq, status: r.status, latencyMs: r.latencyMs, error: r.error },
            },
          ]
        : [];
    });
    const stored = await insertResults(
      trx,
      accepted.map((a) => a.row),
    );

    const counts = new Map<string, RollupRow>();
    const changed = new Map<string, LocationStateRow>();
    for (const { r, m, row } of accepted) {
      if (!stored.has(resultKey(row.monitorSeq, row.at, row.locationSeq))) continue;
      this.count(counts, m.seq, r);
      const key = `${m.id}\u0000${r.location}`;
      const before = states.get(key);
      // A result older than the verdict (an agent's buffer, sent late) is history, not news.
      if (before && r.at < before.lastAt) continue;
      const verdict = applyResult(before ?? NO_VERDICT, r.status, m);
      const next: LocationStateRow = {
        monitorId: m.id,
        location: r.location,
        ...verdict,
        lastAt: r.at,
        lastStatus: r.status,
        lastLatencyMs: r.latencyMs,
        lastError: r.error,
      };
      states.set(key, next);
      changed.set(key, next);
    }
    await upsertLocationStates(trx, [...changed.values()]);
    await addToRollups(trx, [...counts.values()]);

    const transitions: MonitorTransition[] = [];
    // Every monitor with news is judged again: a location that was lost meanwhile no longer counts.
    for (const id of new Set([...changed.values()].map((c) => c.monitorId))) {
      const m = monitors.get(id) as Monitor;
      const views = m.locations.map((name): LocationView => {
        const s = states.get(`${id}\u0000${name}`);
        const lost = locations.get(name)?.state === 'lost';
        return {
          location: name,
          state: s && !lost ? s.state : 'pending',
          lastStatus: s?.lastStatus ?? 'none',
          lastError: s?.lastError ?? null,
          lastLatencyMs: s?.lastLatencyMs ?? null,
          lastAt: s?.lastAt ?? 0,
        };
      });
      const to = quorumState(
        views.map((v) => v.state),
        m.locations.length,
        m.quorum,
      );
      if (to === m.state || (to === 'pending' && m.state !== 'pending')) continue;
      if (await setMonitorState(trx, id, m.state, to, this.deps.clock.now())) transitions.push({ monitor: m, from: m.state, to, views });
    }
    return transitions;
  }

  /** Adds one result to this flush's counts of its minute, hour and day, and to its open minute. */
  private count(counts: Map<string, RollupRow>, seq: number, r: MonitorResult): void {
    for (const [grain, ms] of [
      [GRAIN.minute, MINUTE_MS],
      [GRAIN.hour, HOUR_MS],
      [GRAIN.day, DAY_MS],
    ] as const) {
      const start = periodStart(r.at, ms);
      const key = `${seq}:${grain}:${start}`;
      let row = counts.get(key);
      if (!row) {
        row = {
          monitorSeq: seq,
          grain,
          start,
          up: 0,
          degraded: 0,
          down: 0,
          latencySum: 0,
          latencyCount: 0,
          p50: null,
          p95: null,
          p99: null,
        };
        counts.set(key, row);
      }
      row[r.status]++;
      if (r.latencyMs !== null) {
        row.latencySum += r.latencyMs;
        row.latencyCount++;
      }
    }
    if (r.latencyMs === null) return;
    const start = periodStart(r.at, MINUTE_MS);
    const key = `${seq}:${start}`;
    const open = this.minutes.get(key);
    if (open) open.latencies.push(r.latencyMs);
    else this.minutes.set(key, { seq, start, latencies: [r.latencyMs] });
  }

  /**
   * Sets the percentiles of minutes that ended (plus grace) from the latencies seen in them,
   * as zero-count additions (the rows keep percentiles they already have), at most
   * `MAX_CLOSED_PER_FLUSH` per flush so that the top of the minute is not one long transaction.
   */
  private async closeMinutes(trx: Executor, now: number): Promise<void> {
    const rows: RollupRow[] = [];
    for (const [key, minute] of this.minutes) {
      if (minute.start + MINUTE_MS + MINUTE_GRACE_MS > now) continue;
      this.minutes.delete(key);
      const sorted = minute.latencies.sort((a, b) => a - b);
      rows.push(percentilesRow(minute.seq, GRAIN.minute, minute.start, sorted));
      if (rows.length >= MAX_CLOSED_PER_FLUSH) break;
    }
    await addToRollups(trx, rows);
  }
}
