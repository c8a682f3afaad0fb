import { FenghuoError } from '../../domain/errors.js';
import type { Monitor } from '../../domain/monitors/monitor.js';
import { DAY_MS, periodStart, uptimePercent } from '../../domain/monitors/stats.js';
import { listLocations } from '../../store/monitor-locations-repo.js';
import {
  dayRowsOf,
  GRAIN,
  readLocationStates,
  recentResults,
  rollupsBetween,
  type Grain,
  type LocationStateRow,
  type RollupRow,
} from '../../store/monitor-results-repo.js';
import type { Context } from '../context.js';
import { getMonitor } from './manage-monitors.js';

/** A monitor with what it looks like now: each location's verdict, the last check, 90 daily bars. */
export interface MonitorView {
  monitor: Monitor;
  locationStates: LocationStateRow[];
  /** The most recent check at any location. */
  last: LocationStateRow | null;
  /** 90 values, oldest first, today last: uptime percent of each UTC day, null where nothing was checked. */
  bars: Array<number | null>;
}

function viewOf(m: Monitor, states: LocationStateRow[], today: RollupRow | undefined, todayStart: number): MonitorView {
  // Bars saved on an earlier day are shifted by the days since, until the daily job rebuilds them.
  const shift = Math.max(0, Math.round((todayStart - m.barsDay) / DAY_MS));
  const past = [...m.bars.slice(Math.min(shift, m.bars.length)), ...Array.from({ length: Math.min(shift, m.bars.length) }, () => null)];
  const last = states.reduce<LocationStateRow | null>((a, s) => (a === null || s.lastAt > a.lastAt ? s : a), null);
  return { monitor: m, locationStates: states, last, bars: [...past, today ? uptimePercent(today) : null] };
}

async function viewsOf(ctx: Context, monitors: Monitor[]): Promise<MonitorView[]> {
  const todayStart = periodStart(ctx.clock.now(), DAY_MS);
  const states = new Map<string, LocationStateRow[]>();
  for (const s of await readLocationStates(
    ctx.store.db,
    monitors.map((m) => m.id),
  )) {
    states.set(s.monitorId, [...(states.get(s.monitorId) ?? []), s]);
  }
  const today = await dayRowsOf(
    ctx.store.db,
    monitors.map((m) => m.seq),
    todayStart,
  );
  return monitors.map((m) => viewOf(m, states.get(m.id) ?? [], today.get(m.seq), todayStart));
}

export async function getMonitorView(ctx: Context, id: string): Promise<MonitorView> {
  const [view] = await viewsOf(ctx, [await getMonitor(ctx, id)]);
  return view as MonitorView;
}

/** Raw results, newest first, with their location's name. */
export async function monitorResults(ctx: Context, id: string, q: { before: number | null; limit: number }) {
  const m = await getMonitor(ctx, id);
  const names = new Map((await listLocations(ctx.store.db)).map((l) => [l.seq, l.name]));
  const rows = await recentResults(ctx.store.db, m.seq, q.before ?? Number.MAX_SAFE_INTEGER, q.limit);
  return rows.map((r) => ({ ...r, location: names.get(r.locationSeq) ?? `#${r.locationSeq}` }));
}

const GRAIN_SPAN: Record<Grain, number> = { minute: 2 * DAY_MS, hour: 90 * DAY_MS, day: 731 * DAY_MS };

/** Rollups of one grain in [from, to): counts, uptime, latency mean and percentiles. */
export async function monitorRollups(
  ctx: Context,
  id: string,
  q: { grain: Grain; from: number | null; to: number | null },
): Promise<RollupRow[]> {
  const m = await getMonitor(ctx, id);
  const to = q.to ?? ctx.clock.now() + 1;
  const from = q.from ?? to - GRAIN_SPAN[q.grain];
  if (from >= to)
    throw new FenghuoError('invalid_request', 'from must be before to', [{ field: 'querystring.from', message: 'must be before to' }]);
  return rollupsBetween(ctx.store.db, m.seq, GRAIN[q.grain], from, to);
}
