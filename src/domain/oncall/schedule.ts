/**
 * On-call schedules: who answers the pager when. Plain JSON-friendly data (stored as JSON, sent over
 * the API); every time is epoch milliseconds, every wall-clock time is `HH:MM` (24-hour) read in the
 * schedule's `timeZone`.
 *
 * Resolution, PagerDuty-like:
 * - each layer is a rotation through its participants, in order, starting with `participants[0]` at
 *   `start`, optionally narrowed by restrictions (times of day or of the week it applies);
 * - layers are ordered lowest priority first: a later layer wins wherever it has someone on call, and
 *   where it has nobody (before its start, after its end, outside its restrictions) the layers below
 *   show through;
 * - overrides beat every layer for their span; of two overlapping overrides the later one in the list
 *   wins.
 *
 * Daylight saving time. Handoff times and restrictions are wall-clock times, so a daily rotation hands
 * off at 09:00 local every day and its shift across a DST change lasts 23 or 25 real hours; custom
 * rotations are elapsed time. A wall-clock time that does not exist or exists twice is turned into an
 * instant by the rule maintenance windows use (Temporal's `compatible`, see ../time/zone.ts):
 * - skipped (clocks go forward): read with the offset before the change, i.e. later by the size of
 *   the jump — a 02:30 handoff in Europe/Berlin on 2026-03-29 happens at 03:30 CEST (01:30 UTC);
 * - repeated (clocks go back): the first occurrence — a 02:30 handoff on 2026-10-25 happens at 02:30
 *   CEST (00:30 UTC), and the shift that starts then lasts 25 real hours.
 * A restriction window is wall-clock from its start to its end, each mapped by the same rule, so
 * 22:00–06:00 lasts 9 real hours on the night the clocks go back and 7 on the night they go forward;
 * a window whose mapped end is not after its mapped start is empty that day (02:45–03:15 on the day
 * Berlin skips 02:00–03:00 maps to 03:45–03:15 CEST).
 */
export interface Schedule {
  id: string;
  name: string;
  /** IANA time zone (`Asia/Shanghai`, `America/New_York`) in which handoff times and restrictions are read. */
  timeZone: string;
  /** Lowest priority first: a later layer wins wherever it has someone on call. */
  layers: Layer[];
  /** Temporary replacements; they beat every layer. A later override wins over an earlier one. */
  overrides: Override[];
}

/**
 * How a layer hands off.
 * - `daily`: every day at `handoffTime` (wall clock);
 * - `weekly`: every 7 days at `handoffTime` (wall clock), on the weekday of the layer's `start` in the
 *   schedule's zone;
 * - `custom`: every `lengthMinutes` of elapsed time from the layer's `start` (no wall clock involved).
 */
export type Rotation =
  { kind: 'daily'; handoffTime: string } | { kind: 'weekly'; handoffTime: string } | { kind: 'custom'; lengthMinutes: number };

/**
 * One layer of a schedule: a rotation through `participants` (user ids, in order; a user may appear
 * more than once) that is in effect on [start, end).
 *
 * `start` is the first handoff: `participants[0]` is on call from then. For daily and weekly rotations
 * the next handoff is at `handoffTime` on the local day after `start` (or 7 days after it), so give
 * `start` at the handoff time for a full first shift; a `start` at another time of day makes the first
 * shift shorter or longer to reach that handoff.
 */
export interface Layer {
  id: string;
  name: string;
  start: number;
  /** When the layer stops (exclusive); null or absent: never. */
  end?: number | null;
  rotation: Rotation;
  participants: string[];
  /** When the layer applies (the union of the windows); empty: always. */
  restrictions: Restriction[];
}

/**
 * A window in which a layer applies, in wall-clock time of the schedule's zone; `start` inclusive,
 * `end` exclusive, both `HH:MM` and never equal (no restriction at all means "always").
 * - `time-of-day`: every day from `start` to `end`; an `end` before `start` wraps past midnight
 *   (`22:00`–`06:00` is overnight);
 * - `weekly`: from `start` on `startDay` to `end` on `endDay` (0 = Sunday … 6 = Saturday), wrapping past
 *   Saturday (Friday 18:00 to Monday 09:00 is a weekend); the same day with `end` before `start` is a
 *   whole week less the gap.
 */
export type Restriction =
  { kind: 'time-of-day'; start: string; end: string } | { kind: 'weekly'; startDay: number; start: string; endDay: number; end: string };

/** `userId` replaces whoever is on call on [start, end). */
export interface Override {
  id: string;
  userId: string;
  start: number;
  end: number;
}

/**
 * A resolved stretch of on-call time, [start, end), and why: the layer it comes from or the override
 * (exactly one of the two is set).
 */
export interface Shift {
  userId: string;
  start: number;
  end: number;
  layerId: string | null;
  overrideId: string | null;
}

/** Longest range resolved at once (366 days): bounds the work of one request. */
export const MAX_RANGE_DAYS = 366;
/** Most shifts one resolution produces (per layer and in the result); more means "ask for less". */
export const MAX_SHIFTS = 20_000;
export const MAX_LAYERS = 10;
export const MAX_PARTICIPANTS = 100;
export const MAX_RESTRICTIONS = 21;
export const MAX_OVERRIDES = 1000;
export const MAX_NAME_LENGTH = 200;
export const MAX_ID_LENGTH = 200;
/** Shortest custom rotation (an hour) and longest (a year). */
export const MIN_CUSTOM_ROTATION_MINUTES = 60;
export const MAX_CUSTOM_ROTATION_MINUTES = 365 * 24 * 60;

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` wall-clock time (`00:00`–`23:59`), or null if malformed. */
export function parseClock(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = CLOCK.exec(value);
  return m === null ? null : Number(m[1]) * 60 + Number(m[2]);
}

/** True for a day of the week 0 (Sunday) … 6 (Saturday). */
export function isWeekday(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6;
}

/** True for a finite epoch-ms time. */
export function isInstant(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** True for a custom rotation length this module accepts (whole minutes, within the limits). */
export function isCustomLength(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= MIN_CUSTOM_ROTATION_MINUTES && value <= MAX_CUSTOM_ROTATION_MINUTES
  );
}

/** True for a non-empty id or user id of sensible length. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ID_LENGTH;
}
