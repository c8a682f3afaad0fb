import { FenghuoError, type FieldIssue } from '../errors.js';
import { DAY_MS, zoneClock, zoneFormatter } from '../time/zone.js';
import { layerSegments, tooManyShifts, type Segment } from './layer-segments.js';
import { isInstant, MAX_RANGE_DAYS, MAX_SHIFTS, type Schedule, type Shift } from './schedule.js';
import { layerIssues, overrideIssues } from './validate-schedule.js';

/** A shift in one of several schedules (see userShifts). */
export interface ScheduleShift extends Shift {
  scheduleId: string;
}

/** How far either side of the instant onCallAt looks for the bounds of the current shift (14 days). */
export const ONCALL_HORIZON_DAYS = 14;

const MAX_RANGE_MS = MAX_RANGE_DAYS * DAY_MS;

function checkRange(from: number, to: number): void {
  const issues: FieldIssue[] = [];
  if (!isInstant(from)) issues.push({ field: 'from', message: 'must be a time (epoch ms)' });
  if (!isInstant(to)) issues.push({ field: 'to', message: 'must be a time (epoch ms)' });
  if (issues.length === 0) {
    if (to <= from) issues.push({ field: 'to', message: 'must be after from' });
    else if (to - from > MAX_RANGE_MS) issues.push({ field: 'to', message: `must be at most ${MAX_RANGE_DAYS} days after from` });
  }
  if (issues.length > 0) throw new FenghuoError('invalid_request', 'invalid time range', issues);
}

function piece(shift: Shift, start: number, end: number): Shift {
  return { userId: shift.userId, start, end, layerId: shift.layerId, overrideId: shift.overrideId };
}

/** Two sorted lists of disjoint shifts, merged into one sorted list. */
function mergeSorted(a: Shift[], b: Shift[]): Shift[] {
  const out: Shift[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.start < y.start)) {
      out.push(x as Shift);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * The parts of `lower` where `upper` has nobody, plus all of `upper`: `upper` wins where both have
 * someone. Both sorted and disjoint; so is the result.
 */
function overlay(lower: Shift[], upper: Shift[]): Shift[] {
  if (upper.length === 0) return lower;
  const uncovered: Shift[] = [];
  let j = 0;
  for (const seg of lower) {
    while (j < upper.length && (upper[j] as Shift).end <= seg.start) j++;
    let cursor = seg.start;
    for (let k = j; k < upper.length && cursor < seg.end; k++) {
      const cover = upper[k] as Shift;
      if (cover.start >= seg.end) break;
      if (cover.start > cursor) uncovered.push(piece(seg, cursor, cover.start));
      cursor = Math.max(cursor, cover.end);
    }
    if (cursor < seg.end) uncovered.push(cursor === seg.start ? seg : piece(seg, cursor, seg.end));
  }
  return mergeSorted(uncovered, upper);
}

/** Joins back-to-back shifts of the same user from the same layer or override. */
function mergeAdjacent(shifts: Shift[]): Shift[] {
  const out: Shift[] = [];
  for (const s of shifts) {
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      last.end === s.start &&
      last.userId === s.userId &&
      last.layerId === s.layerId &&
      last.overrideId === s.overrideId
    ) {
      last.end = s.end;
    } else {
      out.push(piece(s, s.start, s.end));
    }
  }
  return out;
}

/** Everyone the layers put on call in [from, to), the higher layer winning, before overrides. */
function layeredShifts(schedule: Schedule, from: number, to: number): Shift[] {
  const fmt = zoneFormatter(schedule.timeZone);
  if (fmt === null || !Array.isArray(schedule.layers)) return [];
  const zone = zoneClock(fmt);
  let result: Shift[] = [];
  for (const layer of schedule.layers) {
    // A layer validateSchedule would reject puts nobody on call (rather than someone unexpected).
    if (layerIssues(layer, 'layer').length > 0) continue;
    const segments = layerSegments(layer, zone, from, to);
    result = overlay(
      result,
      segments.map((s: Segment): Shift => ({ userId: s.userId, start: s.start, end: s.end, layerId: layer.id, overrideId: null })),
    );
  }
  return result;
}

/** The overrides within [from, to), a later one winning over an earlier one where they overlap. */
function overrideShifts(schedule: Schedule, from: number, to: number): Shift[] {
  if (!Array.isArray(schedule.overrides)) return [];
  let result: Shift[] = [];
  for (const o of schedule.overrides) {
    if (overrideIssues(o, 'override').length > 0 || o.end <= from || o.start >= to) continue;
    const shift = { userId: o.userId, start: Math.max(o.start, from), end: Math.min(o.end, to), layerId: null, overrideId: o.id };
    result = overlay(result, [shift]);
  }
  return result;
}

/**
 * Who is on call in [from, to) (epoch ms; at most MAX_RANGE_DAYS long): sorted, disjoint shifts
 * clipped to the range, back-to-back shifts of one user from one layer or override merged. Malformed
 * layers and overrides (see validateSchedule) put nobody on call; so do all layers when the time zone
 * is unknown. Throws an invalid_request FenghuoError for a bad or too long range, or more than
 * MAX_SHIFTS shifts.
 */
export function resolveShifts(schedule: Schedule, from: number, to: number): Shift[] {
  checkRange(from, to);
  const shifts = mergeAdjacent(overlay(layeredShifts(schedule, from, to), overrideShifts(schedule, from, to)));
  if (shifts.length > MAX_SHIFTS) throw tooManyShifts();
  return shifts;
}

/**
 * Who is on call at `at`: none or one shift, the one containing `at` (start inclusive, end exclusive),
 * its bounds as resolved within ONCALL_HORIZON_DAYS either side of `at`.
 */
export function onCallAt(schedule: Schedule, at: number): Shift[] {
  if (!isInstant(at)) {
    throw new FenghuoError('invalid_request', 'invalid time', [{ field: 'at', message: 'must be a time (epoch ms)' }]);
  }
  const horizon = ONCALL_HORIZON_DAYS * DAY_MS;
  return resolveShifts(schedule, at - horizon, at + horizon).filter((s) => s.start <= at && at < s.end);
}

/** The shifts of one user across schedules in [from, to), sorted by start (then schedule id). */
export function userShifts(schedules: readonly Schedule[], userId: string, from: number, to: number): ScheduleShift[] {
  checkRange(from, to);
  const out: ScheduleShift[] = [];
  for (const schedule of schedules) {
    for (const shift of resolveShifts(schedule, from, to)) {
      if (shift.userId === userId) out.push({ ...shift, scheduleId: schedule.id });
    }
    if (out.length > MAX_SHIFTS) throw tooManyShifts();
  }
  return out.sort((a, b) => a.start - b.start || (a.scheduleId < b.scheduleId ? -1 : a.scheduleId > b.scheduleId ? 1 : 0));
}
