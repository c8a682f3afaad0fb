import { FenghuoError } from '../errors.js';
import { DAY_MS, MINUTE_MS, type ZoneClock } from '../time/zone.js';
import { MAX_SHIFTS, parseClock, type Layer, type Restriction } from './schedule.js';

/** A stretch of time [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** A user on call for [start, end). */
export interface Segment extends Span {
  userId: string;
}

/** The error for a request that would produce more than MAX_SHIFTS shifts. */
export function tooManyShifts(): FenghuoError {
  return new FenghuoError('invalid_request', `more than ${MAX_SHIFTS} shifts in the range: ask for a shorter one`, [
    { field: 'to', message: `the range holds more than ${MAX_SHIFTS} shifts` },
  ]);
}

/** The local calendar day (days since 1970-01-01 in the zone) of an instant. */
function localDay(zone: ZoneClock, instant: number): number {
  return Math.floor(zone.toWall(instant) / DAY_MS);
}

/** The instant of `minutes` after midnight on local `day`, by the zone's DST rule. */
function wallTime(zone: ZoneClock, day: number, minutes: number): number {
  return zone.toInstant(day * DAY_MS + minutes * MINUTE_MS);
}

/**
 * The rotation's handoffs as a function of their index (0 is the layer's start), and the index of the
 * shift that contains `t` (t ≥ start). Assumes a layer without validation issues.
 */
function handoffs(layer: Layer, zone: ZoneClock): { at: (k: number) => number; indexAt: (t: number) => number } {
  const rotation = layer.rotation;
  const start = layer.start;
  if (rotation.kind === 'custom') {
    const length = rotation.lengthMinutes * MINUTE_MS;
    return { at: (k) => start + k * length, indexAt: (t) => Math.max(0, Math.floor((t - start) / length)) };
  }
  const period = rotation.kind === 'daily' ? 1 : 7;
  const handoffMinutes = parseClock(rotation.handoffTime) ?? 0;
  const startDay = localDay(zone, start);
  const at = (k: number): number => (k === 0 ? start : wallTime(zone, startDay + k * period, handoffMinutes));
  const indexAt = (t: number): number => {
    // The day count lands within one period of the answer; step forward to it.
    let k = Math.max(0, Math.floor((localDay(zone, t) - startDay) / period) - 1);
    while (at(k + 1) <= t) k++;
    return k;
  };
  return { at, indexAt };
}

/** The rotation's shifts clipped to [lo, hi), lo ≥ the layer's start. */
function rotationShifts(layer: Layer, zone: ZoneClock, lo: number, hi: number): Segment[] {
  const { at, indexAt } = handoffs(layer, zone);
  const participants = layer.participants;
  const out: Segment[] = [];
  let prevEnd = lo;
  for (let k = indexAt(lo); ; k++) {
    const start = Math.max(at(k), prevEnd);
    if (start >= hi) break;
    const end = Math.min(at(k + 1), hi);
    if (end <= start) continue; // a handoff that DST folded onto the previous one
    const userId = participants[k % participants.length];
    if (userId !== undefined) out.push({ userId, start, end });
    prevEnd = end;
    if (out.length > MAX_SHIFTS) throw tooManyShifts();
  }
  return out;
}

/** The windows of one restriction that start on local days [firstDay, lastDay]. */
function restrictionWindows(r: Restriction, zone: ZoneClock, firstDay: number, lastDay: number): Span[] {
  const from = parseClock(r.start) ?? 0;
  const until = parseClock(r.end) ?? 0;
  const out: Span[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    let span: number;
    if (r.kind === 'time-of-day') {
      span = until > from ? 0 : 1;
    } else {
      if ((((day + 4) % 7) + 7) % 7 !== r.startDay) continue; // 1970-01-01 was a Thursday
      span = (r.endDay - r.startDay + 7) % 7;
      if (span === 0 && until <= from) span = 7;
    }
    const start = wallTime(zone, day, from);
    const end = wallTime(zone, day + span, until);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** Sorted, disjoint union of spans, clipped to [lo, hi). */
function union(spans: Span[], lo: number, hi: number): Span[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(s.start, lo), end: Math.min(s.end, hi) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push(s);
  }
  return out;
}

/** When the layer applies within [lo, hi): the union of its restriction windows, or all of it. */
function allowedSpans(layer: Layer, zone: ZoneClock, lo: number, hi: number): Span[] {
  if (layer.restrictions.length === 0) return [{ start: lo, end: hi }];
  // A weekly window lasts at most 7 days, so one starting 8 local days before lo cannot reach it.
  const firstDay = localDay(zone, lo) - 8;
  const lastDay = localDay(zone, hi) + 1;
  return union(
    layer.restrictions.flatMap((r) => restrictionWindows(r, zone, firstDay, lastDay)),
    lo,
    hi,
  );
}

/** Segments cut to the spans (both sorted and disjoint). */
function intersect(segments: Segment[], spans: Span[]): Segment[] {
  const out: Segment[] = [];
  let j = 0;
  for (const seg of segments) {
    while (j < spans.length && (spans[j] as Span).end <= seg.start) j++;
    for (let k = j; k < spans.length; k++) {
      const span = spans[k] as Span;
      if (span.start >= seg.end) break;
      const start = Math.max(seg.start, span.start);
      const end = Math.min(seg.end, span.end);
      if (end > start) out.push({ userId: seg.userId, start, end });
    }
    if (out.length > MAX_SHIFTS) throw tooManyShifts();
  }
  return out;
}

/**
 * Who the layer has on call within [from, to): its rotation's shifts cut to its restrictions, sorted
 * and disjoint. The layer must have no validation issues and `zone` be the schedule's.
 */
export function layerSegments(layer: Layer, zone: ZoneClock, from: number, to: number): Segment[] {
  const lo = Math.max(from, layer.start);
  const hi = Math.min(to, layer.end ?? Number.POSITIVE_INFINITY);
  if (lo >= hi) return [];
  return intersect(rotationShifts(layer, zone, lo, hi), allowedSpans(layer, zone, lo, hi));
}
