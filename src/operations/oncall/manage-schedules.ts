import { FenghuoError } from '../../domain/errors.js';
import type { Layer } from '../../domain/oncall/schedule.js';
import { validateSchedule } from '../../domain/oncall/validate-schedule.js';
import {
  deleteSchedule as removeSchedule,
  findSchedule,
  listSchedules as querySchedules,
  saveSchedule,
  type StoredSchedule,
} from '../../store/schedules-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { refuseIfReferenced, rejectIssues, unknownTeam, unknownUsers } from './references.js';
import { layersOf, type ScheduleInput } from './schedule-input.js';

/** Shape (the domain's rules), then references: the team and every participant must exist. */
async function checkSchedule(db: Executor, schedule: StoredSchedule, extraIssues: ReturnType<typeof layersOf>['issues']): Promise<void> {
  const shapeIssues = [...extraIssues, ...validateSchedule({ ...schedule, overrides: [] })];
  rejectIssues(shapeIssues, 'invalid schedule');
  const participants = schedule.layers.flatMap((l: Layer, i) =>
    l.participants.map((id, j) => ({ id, field: `layers[${i}].participants[${j}]` })),
  );
  rejectIssues([...(await unknownTeam(db, schedule.teamId, 'teamId')), ...(await unknownUsers(db, participants))], 'invalid schedule');
}

export function notFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `schedule "${id}" not found`);
}

/** An on-call schedule: layers of rotations read in its time zone (see domain/oncall/schedule.ts). */
export async function createSchedule(
  ctx: Context,
  input: ScheduleInput & Required<Pick<ScheduleInput, 'name' | 'timeZone' | 'layers'>>,
): Promise<StoredSchedule> {
  const now = ctx.clock.now();
  const { layers, issues } = layersOf(input.layers, () => ctx.ids.newId());
  const schedule: StoredSchedule = {
    id: ctx.ids.newId(),
    name: input.name.trim(),
    teamId: input.teamId ?? null,
    timeZone: input.timeZone,
    layers,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.store.db.transaction().execute(async (trx) => {
    await checkSchedule(trx, schedule, issues);
    await saveSchedule(trx, schedule, true);
    await audit(ctx, trx, 'schedule.create', { type: 'schedule', id: schedule.id }, { after: schedule });
  });
  return schedule;
}

/** Changes a schedule; fields left out keep their value, `layers` replaces all layers. */
export async function updateSchedule(ctx: Context, id: string, input: ScheduleInput): Promise<StoredSchedule> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findSchedule(trx, id);
    if (!before) throw notFound(id);
    const { layers, issues } = input.layers ? layersOf(input.layers, () => ctx.ids.newId()) : { layers: before.layers, issues: [] };
    const schedule: StoredSchedule = {
      ...before,
      name: input.name?.trim() ?? before.name,
      timeZone: input.timeZone ?? before.timeZone,
      teamId: input.teamId !== undefined ? input.teamId : before.teamId,
      layers,
      updatedAt: ctx.clock.now(),
    };
    await checkSchedule(trx, schedule, issues);
    await saveSchedule(trx, schedule, false);
    await audit(ctx, trx, 'schedule.update', { type: 'schedule', id }, { before, after: schedule });
    return schedule;
  });
}

/** Removes a schedule (and its overrides) that no escalation policy or paging setting names. */
export async function deleteSchedule(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findSchedule(trx, id);
    if (!before) throw notFound(id);
    await refuseIfReferenced(trx, { kind: 'schedule', id }, `schedule "${before.name}"`);
    await removeSchedule(trx, id);
    await audit(ctx, trx, 'schedule.delete', { type: 'schedule', id }, { before });
  });
}

export function listSchedules(ctx: Context): Promise<StoredSchedule[]> {
  return querySchedules(ctx.store.db);
}

export async function getSchedule(ctx: Context, id: string): Promise<StoredSchedule> {
  const schedule = await findSchedule(ctx.store.db, id);
  if (!schedule) throw notFound(id);
  return schedule;
}
