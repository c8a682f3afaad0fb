import { startOfLocalDate } from '../metrics/periods.js';
import { DAY_MS, zoneClock } from '../time/zone.js';

/** Monday to Friday; public holidays are not known to Fenghuo (docs/postmortems.md). */
function isWorkingDay(wallDay: number): boolean {
  // Day 0 of the epoch (1970-01-01) was a Thursday: 0 Thu, 1 Fri, 2 Sat, 3 Sun.
  const weekday = (((wallDay + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday
  return weekday !== 0 && weekday !== 6;
}

/**
 * The deadline "within N working days of `from`" in a time zone: the end (next local midnight) of
 * the Nth working day after `from`'s local date. Resolved on a Friday afternoon with 5 days, it is
 * due at the end of the next Friday; resolved on a Saturday, at the end of the Friday after. N = 0
 * means the end of `from`'s own day.
 */
export function workingDaysDeadline(from: number, days: number, zone: Intl.DateTimeFormat): number {
  const clock = zoneClock(zone);
  let day = Math.floor(clock.toWall(from) / DAY_MS);
  for (let left = days; left > 0;) {
    day++;
    if (isWorkingDay(day)) left--;
  }
  return clock.toInstant((day + 1) * DAY_MS);
}

/** The end (next local midnight) of a date `YYYY-MM-DD` in the zone, or null if it is no date. */
export function endOfLocalDate(date: string, zone: Intl.DateTimeFormat): number | null {
  const start = startOfLocalDate(date, zone);
  if (start === null) return null;
  const clock = zoneClock(zone);
  return clock.toInstant(Math.floor(clock.toWall(start) / DAY_MS) * DAY_MS + DAY_MS);
}
