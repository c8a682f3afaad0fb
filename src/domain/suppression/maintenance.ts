import { CronExpressionParser, type CronExpression } from 'cron-parser';
import type { FieldIssue } from '../errors.js';
import { isValidTimeZone, MINUTE_MS, offsetAt, offsetDrift, wallToInstant, zoneFormatter } from '../time/zone.js';

export { isValidTimeZone };

/**
 * Maintenance windows: while a service is in maintenance its alerts page nobody, but the alerts and
 * incidents are still recorded, marked.
 *
 * A window is exactly one of:
 * - one-off: `startsAt`/`endsAt` (epoch ms, active on [startsAt, endsAt)); `cron` and
 *   `durationMinutes` are null;
 * - recurring: `cron`, a 5-field cron expression (minute hour day-of-month month day-of-week) giving
 *   the start times as wall-clock times in `timeZone`, plus `durationMinutes`; `startsAt`/`endsAt`
 *   are null. `0 2 * * 0` + 120 in Asia/Shanghai is Sundays 02:00–04:00 Shanghai time, i.e. Saturdays
 *   18:00–20:00 UTC. Each occurrence is active on [start, start + duration).
 *
 * Daylight saving time. Start times are wall-clock times in `timeZone`; each is turned into an
 * instant by one rule (Temporal's `compatible` disambiguation, in ../time/zone.ts, shared with on-call
 * schedules), the same for every query:
 * - a start time that does not exist on the day the clocks go forward (02:30 on the last Sunday of
 *   March in Europe/Berlin) is read with the offset in force before the change, so the window still
 *   opens once that day, at 03:30 CEST (01:30 UTC), one real hour after 01:30 CET would have been;
 *   `0 2 * * 0` opens at 03:00 CEST (01:00 UTC) that Sunday and at 02:00 local on the Sundays around it;
 * - a start time that occurs twice on the day the clocks go back (02:30 on the last Sunday of October
 *   in Europe/Berlin) opens the window once, at the first occurrence (02:30 CEST, 00:30 UTC);
 * - the duration is elapsed time, not wall-clock time: a 60-minute window from 01:30 CET on the spring
 *   Sunday ends at 03:30 CEST, one real hour later.
 *
 * Everything here is a pure function of its arguments (time is passed in); parsed cron expressions
 * and the last computed occurrence are memoised, which changes no result.
 */
export interface MaintenanceWindow {
  id: string;
  serviceIds: string[];
  startsAt: number | null;
  endsAt: number | null;
  cron: string | null;
  durationMinutes: number | null;
  /** IANA time zone the cron expression is read in (e.g. `Asia/Shanghai`); also used for display. */
  timeZone: string;
  comment: string;
}

/** One occurrence of a window: active on [startsAt, endsAt). */
export interface WindowRange {
  startsAt: number;
  endsAt: number;
}

/** Longest recurring window: 31 days. */
export const MAX_MAINTENANCE_DURATION_MINUTES = 31 * 24 * 60;
export const MAX_MAINTENANCE_COMMENT_LENGTH = 4096;

// ---------------------------------------------------------------------------
// Cron schedules
// ---------------------------------------------------------------------------

// `H` (cron-parser's hashed/random value) is not cron: it would make the schedule depend on a seed.
// Match it as a token of its own so that day names such as THU are not caught.
const HASH_TOKEN = /(^|[^A-Za-z])H($|[^A-Za-z])/;

/** Why a cron expression is unusable, or null. Time zones are validated separately. */
export function cronExpressionError(cron: string): string | null {
  if (typeof cron !== 'string' || cron.trim() === '') return 'must be a cron expression';
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  if (fields.some((f) => HASH_TOKEN.test(f))) return 'H (hashed values) is not supported';
  try {
    const expr = CronExpressionParser.parse(fields.join(' '), { currentDate: 0, tz: 'UTC', hashSeed: 'fenghuo' });
    expr.next();
  } catch (err) {
    return `invalid cron expression: ${err instanceof Error ? err.message : String(err)}`;
  }
  return null;
}

/*
 * cron-parser's own time-zone arithmetic is not used for the instants: around DST changes its answers
 * depend on where the search starts (from 2025-03-30T01:00Z, `30 2 * * *` in Europe/Berlin skips the
 * 01:30Z start that a search from the day before returns, and prev() never returns it), so a window
 * could be "open" for one query and "not started" for the next. Instead the expression is evaluated in
 * UTC as a pure wall-clock calendar (no DST there, so next() and prev() agree), and each wall-clock
 * start is turned into an instant by wallToInstant, one rule for every query.
 */

interface Schedule {
  /** The expression over wall-clock time (evaluated in UTC). Stateful: reset before each use. */
  expr: CronExpression;
  fmt: Intl.DateTimeFormat;
  /** Memo of the last lookup: `latest` is the last start ≤ `from`, `next` the first start > `from`. */
  memo: { from: number; latest: number | null; next: number | null } | null;
}

const SCHEDULE_CACHE_LIMIT = 1000;
const MAX_STEPS = 10_000;
const schedules = new Map<string, Schedule | null>();

/** The schedule for (cron, tz), or null when either is unusable. Cached. */
function scheduleFor(cron: string, tz: string): Schedule | null {
  const key = `${tz}\u0000${cron}`;
  let schedule = schedules.get(key);
  if (schedule === undefined) {
    schedule = null;
    const fmt = zoneFormatter(tz);
    if (fmt !== null && cronExpressionError(cron) === null) {
      try {
        const expr = CronExpressionParser.parse(cron.trim().split(/\s+/).join(' '), { currentDate: 0, tz: 'UTC', hashSeed: 'fenghuo' });
        schedule = { expr, fmt, memo: null };
      } catch {
        schedule = null;
      }
    }
    if (schedules.size >= SCHEDULE_CACHE_LIMIT) schedules.clear();
    schedules.set(key, schedule);
  }
  return schedule;
}

/** The last start ≤ now, walking wall-clock starts backwards. */
function latestStart(schedule: Schedule, now: number): number | null {
  const { expr, fmt } = schedule;
  // A start whose wall-clock time is later than this is an instant after now.
  const hi = now + offsetAt(fmt, now) + offsetDrift(fmt, now);
  expr.reset(new Date(hi + 1));
  let best: number | null = null;
  let stopBelow = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < MAX_STEPS; i++) {
    let wall: number;
    try {
      wall = expr.prev().getTime();
    } catch {
      break;
    }
    if (wall < stopBelow) break;
    const instant = wallToInstant(fmt, wall);
    if (instant <= now && (best === null || instant > best)) {
      // Wall-clock starts earlier than this by more than the local drift are earlier instants.
      if (best === null) stopBelow = wall - offsetDrift(fmt, wall);
      best = instant;
    }
  }
  return best;
}

/** The first start > now, walking wall-clock starts forwards. */
function nextStart(schedule: Schedule, now: number): number | null {
  const { expr, fmt } = schedule;
  // A start whose wall-clock time is earlier than this is an instant at or before now.
  const lo = now + offsetAt(fmt, now) - offsetDrift(fmt, now);
  expr.reset(new Date(lo - 1));
  let best: number | null = null;
  let stopAbove = Number.POSITIVE_INFINITY;
  for (let i = 0; i < MAX_STEPS; i++) {
    let wall: number;
    try {
      wall = expr.next().getTime();
    } catch {
      break;
    }
    if (wall > stopAbove) break;
    const instant = wallToInstant(fmt, wall);
    if (instant > now && (best === null || instant < best)) {
      if (best === null) stopAbove = wall + offsetDrift(fmt, wall);
      best = instant;
    }
  }
  return best;
}

/** The last start ≤ now and the first start > now (null if there is none). Memoised per schedule. */
function startsAround(schedule: Schedule, now: number): { latest: number | null; next: number | null } {
  const memo = schedule.memo;
  // Nothing starts in (memo.from, memo.next), so the answer holds for any now in [memo.from, memo.next).
  if (memo !== null && memo.next !== null && memo.from <= now && now < memo.next) return memo;
  const found = { from: now, latest: latestStart(schedule, now), next: nextStart(schedule, now) };
  schedule.memo = found;
  return found;
}

// ---------------------------------------------------------------------------
// Windows
// ---------------------------------------------------------------------------

type Shape =
  { kind: 'one-off'; startsAt: number; endsAt: number } | { kind: 'recurring'; cron: string; durationMs: number; timeZone: string } | null;

function isEpochMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isDuration(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_MAINTENANCE_DURATION_MINUTES;
}

/** What kind of window this is, or null for a malformed one (which never applies). */
function shapeOf(w: MaintenanceWindow): Shape {
  if (w.cron == null && w.durationMinutes == null) {
    if (isEpochMs(w.startsAt) && isEpochMs(w.endsAt) && w.startsAt < w.endsAt) {
      return { kind: 'one-off', startsAt: w.startsAt, endsAt: w.endsAt };
    }
    return null;
  }
  if (w.startsAt == null && w.endsAt == null && typeof w.cron === 'string' && isDuration(w.durationMinutes)) {
    return { kind: 'recurring', cron: w.cron, durationMs: w.durationMinutes * MINUTE_MS, timeZone: w.timeZone };
  }
  return null;
}

/** One-off or recurring, or null when the window is malformed (see validateMaintenanceWindow). */
export function maintenanceWindowKind(w: MaintenanceWindow): 'one-off' | 'recurring' | null {
  return shapeOf(w)?.kind ?? null;
}

/**
 * Validates a window as submitted; each issue names its field (`cron`, `durationMinutes`,
 * `startsAt`, `endsAt`, `timeZone`, `serviceIds`, `serviceIds[1]`, `comment`). The id is not checked
 * (it may not be assigned yet). Whether a one-off window lies in the future is the caller's business.
 */
export function validateMaintenanceWindow(w: MaintenanceWindow): FieldIssue[] {
  const issues: FieldIssue[] = [];

  if (!Array.isArray(w.serviceIds) || w.serviceIds.length === 0) {
    issues.push({ field: 'serviceIds', message: 'at least one service is required' });
  } else {
    const seen = new Set<string>();
    w.serviceIds.forEach((id, i) => {
      if (typeof id !== 'string' || id.trim() === '') issues.push({ field: `serviceIds[${i}]`, message: 'must be a service id' });
      else if (seen.has(id)) issues.push({ field: `serviceIds[${i}]`, message: `duplicate service ${JSON.stringify(id)}` });
      else seen.add(id);
    });
  }

  if (!isValidTimeZone(w.timeZone)) {
    issues.push({ field: 'timeZone', message: `unknown time zone ${JSON.stringify(w.timeZone)}: use an IANA name such as Asia/Shanghai` });
  }

  if (typeof w.comment !== 'string') issues.push({ field: 'comment', message: 'must be a string' });
  else if (w.comment.length > MAX_MAINTENANCE_COMMENT_LENGTH) {
    issues.push({ field: 'comment', message: `must be at most ${MAX_MAINTENANCE_COMMENT_LENGTH} characters` });
  }

  const oneOff = w.startsAt != null || w.endsAt != null;
  const recurring = w.cron != null || w.durationMinutes != null;
  if (oneOff && recurring) {
    issues.push({
      field: 'cron',
      message: 'a window is either one-off (startsAt/endsAt) or recurring (cron/durationMinutes), not both',
    });
  } else if (!oneOff && !recurring) {
    issues.push({
      field: 'startsAt',
      message: 'give startsAt and endsAt for a one-off window, or cron and durationMinutes for a recurring one',
    });
  } else if (oneOff) {
    if (!isEpochMs(w.startsAt)) issues.push({ field: 'startsAt', message: 'must be a time (epoch ms)' });
    if (!isEpochMs(w.endsAt)) issues.push({ field: 'endsAt', message: 'must be a time (epoch ms)' });
    else if (isEpochMs(w.startsAt) && w.endsAt <= w.startsAt) issues.push({ field: 'endsAt', message: 'must be after startsAt' });
  } else {
    const cronError = w.cron == null ? 'is required with durationMinutes' : cronExpressionError(w.cron);
    if (cronError !== null) issues.push({ field: 'cron', message: cronError });
    if (!isDuration(w.durationMinutes)) {
      issues.push({
        field: 'durationMinutes',
        message: `must be a whole number of minutes from 1 to ${MAX_MAINTENANCE_DURATION_MINUTES}`,
      });
    }
  }
  return issues;
}

/**
 * The occurrence of the window that contains `now`, or null when the window is not active (or is
 * malformed: a malformed window never suppresses anything). Useful to mark an alert "in maintenance
 * until endsAt".
 */
export function maintenanceRangeAt(w: MaintenanceWindow, now: number): WindowRange | null {
  const shape = shapeOf(w);
  if (shape === null) return null;
  if (shape.kind === 'one-off') {
    return shape.startsAt <= now && now < shape.endsAt ? { startsAt: shape.startsAt, endsAt: shape.endsAt } : null;
  }
  const schedule = scheduleFor(shape.cron, shape.timeZone);
  if (schedule === null) return null;
  // Only the latest start can still be open: an earlier start with the same duration ends earlier.
  const { latest } = startsAround(schedule, now);
  if (latest === null || now >= latest + shape.durationMs) return null;
  return { startsAt: latest, endsAt: latest + shape.durationMs };
}

/** True while `now` lies in an occurrence of the window: [start, start + duration), or [startsAt, endsAt). */
export function isInMaintenance(w: MaintenanceWindow, now: number): boolean {
  return maintenanceRangeAt(w, now) !== null;
}

/**
 * When the window next opens strictly after `now` (epoch ms), for listing upcoming windows; null when
 * it never will (a one-off window that has started or passed, or a malformed window). A window open
 * at `now` is reported by maintenanceRangeAt, not here.
 */
export function nextWindowStart(w: MaintenanceWindow, now: number): number | null {
  const shape = shapeOf(w);
  if (shape === null) return null;
  if (shape.kind === 'one-off') return shape.startsAt > now ? shape.startsAt : null;
  const schedule = scheduleFor(shape.cron, shape.timeZone);
  if (schedule === null) return null;
  return startsAround(schedule, now).next;
}

/** The first window (in list order) that covers the service and is active at `now`, or null. */
export function serviceInMaintenance<W extends MaintenanceWindow>(windows: readonly W[], serviceId: string, now: number): W | null {
  for (const w of windows) {
    if (Array.isArray(w.serviceIds) && w.serviceIds.includes(serviceId) && isInMaintenance(w, now)) return w;
  }
  return null;
}
