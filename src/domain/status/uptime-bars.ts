import { uptimePermille, type PeriodCounts } from '../monitors/stats.js';
import {
  atMost,
  countsPublicly,
  impactOnServices,
  monitorStatus,
  type InternalIncidentImpact,
  type MappedMonitor,
} from './derive-component-status.js';
import { worseStatus, type ComponentStatus, type UptimeDay } from './snapshot.js';

/**
 * The 90-day uptime bars. A component's history is a set of intervals, each with the status it
 * showed; intervals may overlap (two incidents at once) and are united, never summed. Major and
 * partial outages count as down; degraded performance and maintenance do not, but colour the day
 * (`worst`). Days are UTC days; today counts up to `now`, and the day the component was created
 * from its creation. Uptime is time-weighted: `uptime90` is the share of every observed minute.
 *
 * Mapped monitors count twice over, simply:
 * - their current spell (`monitorIntervals`): a monitor `down` since `stateSince` is a major outage
 *   from then to now, `degraded` a degraded performance (the spell is what the page already shows);
 * - their day rollups, for completed days only (today's still grows, and every process must build
 *   the same bytes): such a day's uptime is at most the lowest of the monitors' uptimes that day
 *   (per mille, rounded down, degraded checks counting as up, as the monitor's own bars show it),
 *   its down minutes are raised to match, and a day with down checks shows at least
 *   `major_outage`, one with degraded checks at least `degraded_performance`.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const UPTIME_DAYS = 90;

/** A span of `[start, end)` during which a component showed `status`. */
export interface StatusInterval {
  start: number;
  end: number;
  status: ComponentStatus;
}

export interface UptimeBars {
  days: UptimeDay[];
  uptime90: number | null;
}

/** Whether a status counts against uptime. */
export function isDown(status: ComponentStatus): boolean {
  return status === 'major_outage' || status === 'partial_outage';
}

/**
 * The intervals an internal incident gives these services: from `startedAt` to the mitigation at
 * full weight, then (mitigated) as degraded at most, until `resolvedAt ?? now`.
 */
export function incidentIntervals(incident: InternalIncidentImpact, serviceIds: readonly string[], now: number): StatusInterval[] {
  if (!countsPublicly(incident)) return [];
  const status = impactOnServices(incident, serviceIds);
  if (status === 'operational') return [];
  const end = Math.min(incident.resolvedAt ?? now, now);
  const mitigated = incident.mitigatedAt !== null && incident.mitigatedAt < end ? Math.max(incident.mitigatedAt, incident.startedAt) : end;
  const out: StatusInterval[] = [];
  if (mitigated > incident.startedAt) out.push({ start: incident.startedAt, end: mitigated, status });
  const after = atMost(status, 'degraded_performance');
  if (end > mitigated && after !== 'operational') out.push({ start: mitigated, end, status: after });
  return out;
}

/** The interval a mapped monitor's current state gives its component: none when it gives nothing. */
export function monitorIntervals(monitor: MappedMonitor, now: number): StatusInterval[] {
  const status = monitorStatus(monitor);
  if (status === 'operational' || monitor.stateSince >= now) return [];
  return [{ start: monitor.stateSince, end: now, status }];
}

/** The UTC midnight at or before `ms`. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Down intervals united into disjoint, sorted spans. */
function downSpans(intervals: readonly StatusInterval[]): Array<[number, number]> {
  const sorted = intervals
    .filter((i) => isDown(i.status) && i.end > i.start)
    .map((i): [number, number] => [i.start, i.end])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function overlap(spanStart: number, spanEnd: number, from: number, to: number): number {
  return Math.max(0, Math.min(spanEnd, to) - Math.max(spanStart, from));
}

/** One bar per UTC day for the last `days` days, oldest first, ending with the day of `now`. */
export function uptimeBars(
  intervals: readonly StatusInterval[],
  opts: {
    createdAt: number;
    now: number;
    days?: number;
    /** Mapped monitors' day rollups: UTC day start → one count per monitor with data that day. */
    monitorDays?: ReadonlyMap<number, readonly PeriodCounts[]>;
  },
): UptimeBars {
  const count = opts.days ?? UPTIME_DAYS;
  const spans = downSpans(intervals);
  const today = utcDayStart(opts.now);
  const days: UptimeDay[] = [];
  let observedTotal = 0;
  let downTotal = 0;
  let anyData = false;
  for (let i = count - 1; i >= 0; i--) {
    const dayStart = today - i * DAY_MS;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const from = Math.max(dayStart, opts.createdAt);
    const to = Math.min(dayStart + DAY_MS, opts.now);
    if (opts.createdAt >= dayStart + DAY_MS || opts.createdAt > opts.now) {
      days.push({ date, uptime: null, worst: 'operational', downMinutes: 0 });
      continue;
    }
    anyData = true;
    const observed = Math.max(0, to - from);
    let down = 0;
    for (const [s, e] of spans) down += overlap(s, e, from, to);
    let worst: ComponentStatus = 'operational';
    for (const interval of intervals) {
      if (overlap(interval.start, interval.end, from, to) > 0) worst = worseStatus(worst, interval.status);
    }
    let uptime = observed === 0 ? 1 : 1 - down / observed;
    for (const counts of dayStart < today ? (opts.monitorDays?.get(dayStart) ?? []) : []) {
      const permille = uptimePermille(counts);
      if (permille === null) continue;
      if (permille / 1000 < uptime) {
        uptime = permille / 1000;
        down = observed * (1 - uptime);
      }
      if (counts.down > 0) worst = worseStatus(worst, 'major_outage');
      else if (counts.degraded > 0) worst = worseStatus(worst, 'degraded_performance');
    }
    observedTotal += observed;
    downTotal += down;
    days.push({ date, uptime, worst, downMinutes: Math.round(down / MINUTE_MS) });
  }
  const uptime90 = !anyData ? null : observedTotal === 0 ? 1 : 1 - downTotal / observedTotal;
  return { days, uptime90 };
}
