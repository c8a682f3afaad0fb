import { DAY_MS, zoneClock, type ZoneClock } from '../time/zone.js';

export const PERIOD_INTERVALS = ['day', 'week', 'month'] as const;
export type PeriodInterval = (typeof PERIOD_INTERVALS)[number];

/** A calendar period in a time zone: [start, end) as instants. */
export interface Period {
  /** `2025-06-09` (a day, or the Monday a week starts on) or `2025-06` (a month). */
  key: string;
  /** The key, except weeks: ISO week `2025-W24`. */
  label: string;
  start: number;
  end: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dayKey = (wall: number) => {
  const d = new Date(wall);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** ISO 8601 week of the week starting on the Monday `mondayWall`: the week of its Thursday's year. */
export function isoWeekLabel(mondayWall: number): string {
  const thursday = new Date(mondayWall + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${pad(week)}`;
}

/** The local start (a wall value, see time/zone.ts) of the period holding the wall time `wall`. */
function periodStartWall(wall: number, interval: PeriodInterval): number {
  const day = Math.floor(wall / DAY_MS) * DAY_MS;
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      // getUTCDay: 0 = Sunday; weeks start on Monday (ISO 8601).
      return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
    case 'month': {
      const d = new Date(day);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

function nextStartWall(startWall: number, interval: PeriodInterval): number {
  if (interval === 'day') return startWall + DAY_MS;
  if (interval === 'week') return startWall + 7 * DAY_MS;
  const d = new Date(startWall);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function describe(startWall: number, interval: PeriodInterval): { key: string; label: string } {
  if (interval === 'month') {
    const key = dayKey(startWall).slice(0, 7);
    return { key, label: key };
  }
  const key = dayKey(startWall);
  return { key, label: interval === 'week' ? isoWeekLabel(startWall) : key };
}

/**
 * Every period of `interval` in the zone that overlaps [from, to), oldest first, with its natural
 * bounds (the first and last may reach outside the range). Midnights follow the zone's DST rules.
 */
export function periodsBetween(from: number, to: number, interval: PeriodInterval, zone: Intl.DateTimeFormat): Period[] {
  const clock: ZoneClock = zoneClock(zone);
  const periods: Period[] = [];
  let startWall = periodStartWall(clock.toWall(from), interval);
  let start = clock.toInstant(startWall);
  while (start < to) {
    const endWall = nextStartWall(startWall, interval);
    const end = clock.toInstant(endWall);
    periods.push({ ...describe(startWall, interval), start, end });
    startWall = endWall;
    start = end;
  }
  return periods;
}

/** The index of the period holding `at` in ascending, adjacent `periods`, or -1. */
export function periodIndexOf(periods: readonly Period[], at: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid] as Period;
    if (at < p.start) hi = mid - 1;
    else if (at >= p.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** A date `YYYY-MM-DD` as the instant its day starts in the zone, or null if it is no such date. */
export function startOfLocalDate(date: string, zone: Intl.DateTimeFormat): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (dayKey(wall) !== date) return null;
  return zoneClock(zone).toInstant(wall);
}
