import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { barsFromDays, DAY_MS, HOUR_MS, MINUTE_MS, periodStart } from '../domain/monitors/stats.js';
import type { Deps, Executor } from '../operations/context.js';
import {
  addToRollups,
  GRAIN,
  latenciesOf,
  percentilesRow,
  pruneMonitors,
  rollupsBetween,
  setPercentiles,
  type RollupRow,
} from '../store/monitor-results-repo.js';
import { monitorKeys, saveBars } from '../store/monitors-repo.js';
import { readSetting, writeSetting } from '../store/settings-repo.js';

export interface Retention {
  rawHours: number;
  minuteHours: number;
  hourDays: number;
  dayDays: number;
}

export const DEFAULT_RETENTION: Retention = { rawHours: 24, minuteHours: 48, hourDays: 90, dayDays: 730 };

const SETTING = 'monitors.rollups';
/** An hour is finished this long after it ends, so that late results (agent buffers) count. */
const CLOSE_GRACE_MS = 5 * MINUTE_MS;
/** Monitors per transaction: each chunk is short, and the event loop runs between chunks. */
const CHUNK = 100;

interface Watermarks {
  /** Start of the last hour whose percentiles are set (and after which data was pruned). */
  hour: number;
  /** Start of the day the bars were last rebuilt for. */
  day: number;
}

/**
 * The slow side of the results: when an hour is over, its hourly percentiles come from the raw
 * results and old rows are pruned; when a day is over, its percentiles come from its hours
 * (a count-weighted mean: an approximation, documented) and each monitor's 90-day bars are
 * rebuilt from the day rows, so a list of monitors reads them without touching history.
 * Progress is kept in a setting, so a restart resumes (and a long outage does not backfill
 * more than a day of hours).
 */
export async function finishPeriods(deps: Deps, retention: Retention = DEFAULT_RETENTION): Promise<void> {
  const now = deps.clock.now();
  const db = deps.store.db;
  const lastClosedHour = periodStart(now - CLOSE_GRACE_MS, HOUR_MS) - HOUR_MS;
  const today = periodStart(now - CLOSE_GRACE_MS, DAY_MS);
  const marks = (await readSetting<Watermarks>(db, SETTING)) ?? { hour: lastClosedHour - HOUR_MS, day: today - DAY_MS };
  const hours: number[] = [];
  for (let h = Math.max(marks.hour + HOUR_MS, lastClosedHour - 23 * HOUR_MS); h <= lastClosedHour; h += HOUR_MS) hours.push(h);
  const newDay = marks.day < today;
  if (hours.length === 0 && !newDay) return;

  const monitors = await monitorKeys(db);
  for (let i = 0; i < monitors.length; i += CHUNK) {
    const chunk = monitors.slice(i, i + CHUNK);
    const seqs = chunk.map((m) => m.seq);
    await db.transaction().execute(async (trx) => {
      for (const h of hours) await finishHour(trx, seqs, h);
      if (newDay) {
        for (const m of chunk) {
          for (let d = Math.max(marks.day, today - 7 * DAY_MS); d < today; d += DAY_MS) await finishDay(trx, m.seq, d);
          const days = await rollupsBetween(trx, m.seq, GRAIN.day, today - 89 * DAY_MS, today);
          await saveBars(trx, m.id, barsFromDays(new Map(days.map((d) => [d.start, d])), today), today);
        }
      }
      if (hours.length > 0) {
        await pruneMonitors(trx, seqs, now - retention.rawHours * HOUR_MS, [
          [GRAIN.minute, now - retention.minuteHours * HOUR_MS],
          [GRAIN.hour, now - retention.hourDays * DAY_MS],
          [GRAIN.day, now - retention.dayDays * DAY_MS],
        ]);
      }
    });
    await yieldToEvents();
  }
  await writeSetting(db, SETTING, { hour: hours.at(-1) ?? marks.hour, day: today } satisfies Watermarks, now);
}

/**
 * An hour's percentiles for a chunk of monitors: one read of their raw latencies, one multi-row
 * write (zero counts; the rows' counts are already there, and percentiles are set only once).
 */
async function finishHour(trx: Executor, seqs: readonly number[], hour: number): Promise<void> {
  const bySeq = new Map<number, number[]>();
  for (const r of await latenciesOf(trx, seqs, hour, hour + HOUR_MS)) {
    const list = bySeq.get(r.seq);
    if (list) list.push(r.latencyMs);
    else bySeq.set(r.seq, [r.latencyMs]);
  }
  const rows: RollupRow[] = [...bySeq].map(([seq, latencies]) => {
    return percentilesRow(
      seq,
      GRAIN.hour,
      hour,
      latencies.sort((a, b) => a - b),
    );
  });
  await addToRollups(trx, rows);
}

/** A day's percentiles as the count-weighted mean of its hours'. */
async function finishDay(trx: Executor, seq: number, day: number): Promise<void> {
  const hours = (await rollupsBetween(trx, seq, GRAIN.hour, day, day + DAY_MS)).filter((h) => h.p50 !== null && h.latencyCount > 0);
  const weight = hours.reduce((n, h) => n + h.latencyCount, 0);
  if (weight === 0) return;
  const mean = (pick: (h: (typeof hours)[number]) => number | null) =>
    Math.round(hours.reduce((n, h) => n + (pick(h) ?? 0) * h.latencyCount, 0) / weight);
  await setPercentiles(trx, seq, GRAIN.day, day, { p50: mean((h) => h.p50), p95: mean((h) => h.p95), p99: mean((h) => h.p99) });
}
