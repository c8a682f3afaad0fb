import { FenghuoError } from '../../domain/errors.js';
import { onCallAt, ONCALL_HORIZON_DAYS, resolveShifts } from '../../domain/oncall/resolve-shifts.js';
import type { Schedule, Shift } from '../../domain/oncall/schedule.js';
import { DAY_MS } from '../../domain/time/zone.js';
import { findUsersByIds } from '../../store/access-repo.js';
import { findSchedule, overlappingOverrides, type StoredSchedule } from '../../store/schedules-repo.js';
import type { Context, Executor } from '../context.js';
import { notFound } from './manage-schedules.js';

/** Longest range /shifts resolves at once: a quarter, enough for a calendar view, small enough to answer fast. */
export const MAX_SHIFT_RANGE_DAYS = 93;

/** The domain's schedules with the overrides that matter within [from, to). */
export async function resolvable(db: Executor, schedules: readonly StoredSchedule[], from: number, to: number): Promise<Schedule[]> {
  const overrides = await overlappingOverrides(
    db,
    schedules.map((s) => s.id),
    from,
    to,
  );
  return schedules.map((s) => ({
    id: s.id,
    name: s.name,
    timeZone: s.timeZone,
    layers: s.layers,
    overrides: overrides.filter((o) => o.scheduleId === s.id).map((o) => ({ id: o.id, userId: o.userId, start: o.start, end: o.end })),
  }));
}

async function load(ctx: Context, id: string): Promise<StoredSchedule> {
  const schedule = await findSchedule(ctx.store.db, id);
  if (!schedule) throw notFound(id);
  return schedule;
}

/** Shifts as the API shows them: with the display name of each person (names only, nothing else of theirs). */
export interface NamedShifts {
  schedule: StoredSchedule;
  shifts: Shift[];
  /** user id → display name, for every person in `shifts` who still exists. */
  names: Map<string, string>;
}

async function named(db: Executor, schedule: StoredSchedule, shifts: Shift[]): Promise<NamedShifts> {
  const users = await findUsersByIds(db, [...new Set(shifts.map((s) => s.userId))]);
  return { schedule, shifts, names: new Map(users.map((u) => [u.id, u.name])) };
}

/** Who is on call in a schedule at `at`: the shift holding it (none or one), with its layer or override. */
export async function whoIsOnCall(ctx: Context, id: string, at: number): Promise<NamedShifts> {
  const stored = await load(ctx, id);
  const horizon = ONCALL_HORIZON_DAYS * DAY_MS;
  const [schedule] = await resolvable(ctx.store.db, [stored], at - horizon, at + horizon);
  return named(ctx.store.db, stored, schedule ? onCallAt(schedule, at) : []);
}

/** The resolved shifts of a schedule in [from, to), at most MAX_SHIFT_RANGE_DAYS long. */
export async function listShifts(ctx: Context, id: string, from: number, to: number): Promise<NamedShifts> {
  if (to <= from) throw rangeError('must be after from');
  if (to - from > MAX_SHIFT_RANGE_DAYS * DAY_MS) throw rangeError(`must be at most ${MAX_SHIFT_RANGE_DAYS} days after from`);
  const stored = await load(ctx, id);
  const [schedule] = await resolvable(ctx.store.db, [stored], from, to);
  return named(ctx.store.db, stored, schedule ? resolveShifts(schedule, from, to) : []);
}

function rangeError(message: string): FenghuoError {
  return new FenghuoError('invalid_request', `querystring.to: ${message}`, [{ field: 'querystring.to', message }]);
}
