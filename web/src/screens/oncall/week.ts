// Calendar arithmetic in a named time zone (the reader's, not necessarily the browser's): days are
// `YYYY-MM-DD` strings, instants are epoch milliseconds. Days start at local midnight, so a DST day
// is 23 or 25 hours long, as the shifts on it are.

export type Ymd = string;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

export function zonedParts(ms: number, zone: string): Parts & { second: number } {
  const get: Record<string, string> = {};
  for (const p of format(zone).formatToParts(ms)) get[p.type] = p.value;
  return {
    year: Number(get.year),
    month: Number(get.month),
    day: Number(get.day),
    hour: Number(get.hour) % 24,
    minute: Number(get.minute),
    second: Number(get.second),
    weekday: WEEKDAYS[get.weekday ?? 'Mon'] ?? 1,
  };
}

/** How far the zone's wall clock is ahead of UTC at `ms`. */
function offsetAt(ms: number, zone: string): number {
  const p = zonedParts(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time happens in `zone` (a time in the spring gap moves forward). */
export function zonedToInstant(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  return second === first ? first : Math.max(first, second);
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymdOf = (year: number, month: number, day: number): Ymd => `${year}-${pad(month)}-${pad(day)}`;

export function parseYmd(value: string | null | undefined): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? [y, mo, d] : null;
}

export function addDays(ymd: Ymd, days: number): Ymd {
  const [y, m, d] = parseYmd(ymd) ?? [1970, 1, 1];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return ymdOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The day `ms` falls on in `zone`. */
export function dayOf(ms: number, zone: string): Ymd {
  const p = zonedParts(ms, zone);
  return ymdOf(p.year, p.month, p.day);
}

/** The Monday of the week `ms` falls in, in `zone`. */
export function mondayOf(ms: number, zone: string): Ymd {
  return addDays(dayOf(ms, zone), 1 - zonedParts(ms, zone).weekday);
}

/** Local midnight of a day in `zone`. */
export function startOfDay(ymd: Ymd, zone: string): number {
  const [y, m, d] = parseYmd(ymd) ?? [1970, 1, 1];
  return zonedToInstant(y, m, d, 0, 0, zone);
}

/** `<input type="datetime-local">` value for an instant, in `zone`. */
export function toLocalInput(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  return `${ymdOf(p.year, p.month, p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant of a `datetime-local` value read in `zone`; null when it is not one. */
export function fromLocalInput(value: string, zone: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  const day = parseYmd(m?.[1]);
  if (!m || !day) return null;
  return zonedToInstant(day[0], day[1], day[2], Number(m[2]), Number(m[3]), zone);
}
