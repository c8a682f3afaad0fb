/**
 * Time zones as pure functions over Intl: offsets, wall-clock time ↔ instant. Shared by maintenance
 * windows and on-call schedules so that both read a wall-clock time in a zone by the same rule.
 *
 * A "wall" value is a wall-clock date-time encoded as the epoch ms it would have if it were UTC
 * (2026-03-29 02:30 in Europe/Berlin is `Date.UTC(2026, 2, 29, 2, 30)`), so day arithmetic on wall
 * values is plain arithmetic: `Math.floor(wall / DAY_MS)` is the local calendar day.
 *
 * Daylight saving time, by one rule (Temporal's `compatible` disambiguation), see wallToInstant:
 * - a wall-clock time skipped when the clocks go forward is read with the offset in force before the
 *   change, so it lands later by the size of the jump (02:30 on 2026-03-29 in Europe/Berlin is 03:30
 *   CEST, 01:30 UTC);
 * - a wall-clock time repeated when the clocks go back is its first occurrence (02:30 on 2026-10-25 in
 *   Europe/Berlin is 02:30 CEST, 00:30 UTC).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter giving the wall-clock fields of an instant in `tz`, or null for an unknown zone. Cached. */
export function zoneFormatter(tz: string): Intl.DateTimeFormat | null {
  let fmt = zoneFormatters.get(tz);
  if (fmt === undefined) {
    fmt = null;
    // Intl accepts offset forms (`+08:00`) in newer engines; we want a named zone.
    if (typeof tz === 'string' && tz !== '' && !/^[+-]/.test(tz)) {
      try {
        fmt = new Intl.DateTimeFormat('en-US', {
          timeZone: tz,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
      } catch {
        fmt = null;
      }
    }
    if (zoneFormatters.size >= 1000) zoneFormatters.clear();
    zoneFormatters.set(tz, fmt);
  }
  return fmt;
}

/** True for an IANA time zone name Intl knows (`Asia/Shanghai`, `UTC`); offsets like `+08:00` are not. */
export function isValidTimeZone(tz: string): boolean {
  return zoneFormatter(tz) !== null;
}

/** The UTC offset (ms, local minus UTC) in force at `instant`. */
export function offsetAt(fmt: Intl.DateTimeFormat, instant: number): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of fmt.formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  const offset = wall - Math.floor(instant / 1000) * 1000;
  return Number.isFinite(offset) ? offset : 0;
}

/** The wall-clock time (as a wall value, see above) of `instant` in the formatter's zone. */
export function instantToWall(fmt: Intl.DateTimeFormat, instant: number): number {
  return instant + offsetAt(fmt, instant);
}

/**
 * How far the offset strays within two days either side of `t` (0 away from DST changes). Bounds how
 * far the order of wall-clock times and of instants can disagree around t.
 */
export function offsetDrift(fmt: Intl.DateTimeFormat, t: number): number {
  const here = offsetAt(fmt, t);
  return Math.max(Math.abs(offsetAt(fmt, t - 2 * DAY_MS) - here), Math.abs(offsetAt(fmt, t + 2 * DAY_MS) - here));
}

/**
 * The instant of a wall-clock time (a wall value), disambiguated like Temporal's `compatible`: a time
 * skipped when the clocks go forward is read with the offset before the change (so it lands later by
 * the size of the jump), a time repeated when the clocks go back is its earlier occurrence.
 */
export function wallToInstant(fmt: Intl.DateTimeFormat, wall: number): number {
  const before = offsetAt(fmt, wall - DAY_MS);
  const after = offsetAt(fmt, wall + DAY_MS);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyValid = offsetAt(fmt, early) === before;
  const lateValid = offsetAt(fmt, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  return early; // valid (only the old offset applies), or in the gap: the offset before the change
}

/** Wall-clock ↔ instant conversions in one zone, for computations that convert many times. */
export interface ZoneClock {
  /** wallToInstant, memoised per local day. */
  toInstant(wall: number): number;
  /** instantToWall. */
  toWall(instant: number): number;
}

/**
 * A ZoneClock for `fmt`, to keep for one computation (its memo grows with the days it sees). On a
 * local day whose offset is the same at every midnight (UTC-read) from two days before to three days
 * after it, wallToInstant gives `wall - offset` for every time of that day, so that is what it
 * returns after a single new offset lookup per day; around a DST change it calls wallToInstant.
 */
export function zoneClock(fmt: Intl.DateTimeFormat): ZoneClock {
  const midnightOffsets = new Map<number, number>();
  const quietOffsets = new Map<number, number | null>();
  const midnightOffset = (day: number): number => {
    let offset = midnightOffsets.get(day);
    if (offset === undefined) {
      offset = offsetAt(fmt, day * DAY_MS);
      midnightOffsets.set(day, offset);
    }
    return offset;
  };
  const quietOffset = (day: number): number | null => {
    let offset = quietOffsets.get(day);
    if (offset === undefined) {
      const here = midnightOffset(day);
      offset = here;
      for (let d = day - 2; d <= day + 3; d++) if (midnightOffset(d) !== here) offset = null;
      quietOffsets.set(day, offset);
    }
    return offset;
  };
  return {
    toInstant(wall) {
      const offset = quietOffset(Math.floor(wall / DAY_MS));
      return offset === null ? wallToInstant(fmt, wall) : wall - offset;
    },
    toWall: (instant) => instantToWall(fmt, instant),
  };
}
