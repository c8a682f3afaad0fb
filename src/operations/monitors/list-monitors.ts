import { DAY_MS, periodStart, uptimePercent, type PeriodCounts } from '../../domain/monitors/stats.js';
import type { ListedMonitorState } from '../../domain/monitors/monitor.js';
import { monitorFaces, monitorPulse, type MonitorFaceRow, type MonitorPulseRow } from '../../store/monitors-repo.js';
import type { Context } from '../context.js';

/**
 * ISO 8601 for a list of timestamps that mostly fall in the same few seconds (checks spread over
 * an interval): the part up to the second is formatted once per second and reused.
 */
const secondPrefixes = new Map<number, string>();
function isoOrNull(value: number | null): string {
  if (value === null) return 'null';
  const ms = Number(value);
  const millis = ((ms % 1000) + 1000) % 1000;
  const second = ms - millis;
  let prefix = secondPrefixes.get(second);
  if (prefix === undefined) {
    if (secondPrefixes.size > 10_000) secondPrefixes.clear();
    prefix = new Date(second).toISOString().slice(0, 20);
    secondPrefixes.set(second, prefix);
  }
  return `"${prefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z"`;
}

/**
 * The part of a list item that changes only with the monitor's settings or its daily bars, as
 * JSON text, by monitor id. Each use is checked against the version and bars day just read, so
 * a change made on another node is never served stale.
 */
const faces = new Map<string, { version: number; barsDay: number; head: string; bars: string }>();
const MAX_FACES = 200_000;

function faceOf(row: MonitorFaceRow, pulse: MonitorPulseRow) {
  const head =
    `{"id":${JSON.stringify(row.id)},"name":${JSON.stringify(row.name)},"serviceId":${JSON.stringify(row.service_id)},"kind":"${row.kind}",` +
    `"paused":${Number(row.paused) === 1},"intervalSeconds":${Number(row.interval_seconds)},"locations":${row.locations},`;
  return { version: Number(pulse.version), barsDay: Number(pulse.bars_day), head, bars: row.bars };
}

/** The 90 bars as JSON: the saved 89 (shifted when saved on an earlier day) and today's. */
function barsJson(saved: string, barsDay: number, today: number, counts: PeriodCounts | null): string {
  const todayBar = counts ? uptimePercent(counts) : null;
  const shift = Math.round((today - barsDay) / DAY_MS);
  // The saved bars are JSON text already: spliced in as they are unless a day has passed since.
  if (shift <= 0) return `${saved.slice(0, -1)},${todayBar ?? 'null'}]`;
  const past = JSON.parse(saved) as Array<number | null>;
  const n = Math.min(shift, past.length);
  return JSON.stringify([...past.slice(n), ...Array.from({ length: n }, () => null), todayBar]);
}

function lastJson(last: MonitorPulseRow): string {
  if (last.last_at === null) return '"lastCheckAt":null,"lastStatus":null,"lastLatencyMs":null,"lastError":null';
  return (
    `"lastCheckAt":${isoOrNull(last.last_at)},"lastStatus":"${last.last_status}",` +
    `"lastLatencyMs":${last.last_latency_ms === null ? 'null' : Number(last.last_latency_ms)},"lastError":${last.last_error === null ? 'null' : JSON.stringify(last.last_error)}`
  );
}

/**
 * The monitor list as JSON text: what a list shows of each monitor (state, last check at any
 * location, 90 daily bars). Per request it reads only what changes (state, last checks, today's
 * counts) and reuses the rest; settings and each location's verdict are in
 * `GET /api/v1/monitors/{id}`. 10,000 monitors fit one page. `states` keeps only monitors in those
 * listed states (`paused`, or the state of a monitor that is checked).
 */
export async function listMonitorsJson(
  ctx: Context,
  q: { after: string | null; limit: number; serviceId: string | null; states?: readonly ListedMonitorState[] | null },
): Promise<string> {
  const db = ctx.store.db;
  const today = periodStart(ctx.clock.now(), DAY_MS);
  // One query for what changes (a row per monitor and location), so a busy server interleaves
  // its checks with one read, not two dozen.
  const rows = await monitorPulse(db, { ...q, limit: q.limit + 1, today });
  const page: MonitorPulseRow[] = [];
  for (const row of rows) {
    const prev = page.at(-1);
    if (prev?.id !== row.id) page.push(row);
    else if (row.last_at !== null && (prev.last_at === null || Number(row.last_at) > Number(prev.last_at))) page[page.length - 1] = row;
  }
  const more = page.length > q.limit;
  if (more) page.pop();

  const stale = page.filter((p) => {
    const f = faces.get(p.id);
    return !f || f.version !== Number(p.version) || f.barsDay !== Number(p.bars_day);
  });
  if (faces.size + stale.length > MAX_FACES) faces.clear();
  const pulses = new Map(stale.map((p) => [p.id, p]));
  for (const row of await monitorFaces(
    db,
    stale.map((p) => p.id),
  )) {
    const pulse = pulses.get(row.id);
    if (pulse) faces.set(row.id, faceOf(row, pulse));
  }

  const items: string[] = [];
  for (const p of page) {
    const face = faces.get(p.id);
    if (!face) continue; // deleted between the two reads
    const counts = p.up === null ? null : { up: Number(p.up), degraded: Number(p.degraded), down: Number(p.down) };
    items.push(
      `${face.head}"state":"${p.state}","stateSince":${isoOrNull(p.state_since)},${lastJson(p)},"uptime90d":${barsJson(face.bars, Number(p.bars_day), today, counts)}}`,
    );
  }
  return `{"items":[${items.join(',')}],"nextCursor":${more ? JSON.stringify(page.at(-1)?.id ?? null) : 'null'}}`;
}
