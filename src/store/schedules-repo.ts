import type { Selectable } from 'kysely';
import type { Layer, Override } from '../domain/oncall/schedule.js';
import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';
import type { ScheduleOverridesTable, SchedulesTable } from './schema.js';

export interface StoredSchedule {
  id: string;
  name: string;
  teamId: string | null;
  timeZone: string;
  layers: Layer[];
  createdAt: number;
  updatedAt: number;
}

export interface StoredOverride extends Override {
  scheduleId: string;
  createdBy: string;
  createdAt: number;
}

function toSchedule(r: Selectable<SchedulesTable>): StoredSchedule {
  return {
    id: r.id,
    name: r.name,
    teamId: r.team_id,
    timeZone: r.time_zone,
    layers: JSON.parse(r.layers) as Layer[],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toOverride(r: Selectable<ScheduleOverridesTable>): StoredOverride {
  return {
    id: r.id,
    scheduleId: r.schedule_id,
    userId: r.user_id,
    start: Number(r.starts_at),
    end: Number(r.ends_at),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  };
}

export async function listSchedules(db: Executor): Promise<StoredSchedule[]> {
  const rows = await db.selectFrom('schedules').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toSchedule);
}

export async function findSchedule(db: Executor, id: string): Promise<StoredSchedule | null> {
  const row = await db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSchedule(row) : null;
}

export async function findSchedules(db: Executor, ids: readonly string[]): Promise<StoredSchedule[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('schedules')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toSchedule);
}

/** Schedules that belong to a team. */
export async function schedulesOfTeam(db: Executor, teamId: string): Promise<StoredSchedule[]> {
  const rows = await db.selectFrom('schedules').selectAll().where('team_id', '=', teamId).orderBy('name').execute();
  return rows.map(toSchedule);
}

export async function saveSchedule(db: Executor, s: StoredSchedule, isNew: boolean): Promise<void> {
  const row = { name: s.name, team_id: s.teamId, time_zone: s.timeZone, layers: JSON.stringify(s.layers), updated_at: s.updatedAt };
  if (isNew)
    await db
      .insertInto('schedules')
      .values({ id: s.id, created_at: s.createdAt, ...row })
      .execute();
  else await db.updateTable('schedules').set(row).where('id', '=', s.id).execute();
  await bumpConfigVersion(db);
}

/** Removes a schedule and its overrides. */
export async function deleteSchedule(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('schedule_overrides').where('schedule_id', '=', id).execute();
  await db.deleteFrom('schedules').where('id', '=', id).execute();
  await bumpConfigVersion(db);
}

/** Overrides of the given schedules that overlap [from, to), oldest first (a later one wins). */
export async function overlappingOverrides(
  db: Executor,
  scheduleIds: readonly string[],
  from: number,
  to: number,
): Promise<StoredOverride[]> {
  if (scheduleIds.length === 0) return [];
  const rows = await db
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('schedule_id', 'in', [...scheduleIds])
    .where('ends_at', '>', from)
    .where('starts_at', '<', to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toOverride);
}

/** Overrides of the given schedules that end after `since` (current and future ones), oldest first. */
export async function overridesEndingAfter(db: Executor, scheduleIds: readonly string[], since: number): Promise<StoredOverride[]> {
  if (scheduleIds.length === 0) return [];
  const rows = await db
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('schedule_id', 'in', [...scheduleIds])
    .where('ends_at', '>', since)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toOverride);
}

export async function findOverride(db: Executor, scheduleId: string, id: string): Promise<StoredOverride | null> {
  const row = await db
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toOverride(row) : null;
}

export async function insertOverride(db: Executor, o: StoredOverride): Promise<void> {
  await db
    .insertInto('schedule_overrides')
    .values({
      id: o.id,
      schedule_id: o.scheduleId,
      user_id: o.userId,
      starts_at: o.start,
      ends_at: o.end,
      created_by: o.createdBy,
      created_at: o.createdAt,
    })
    .execute();
  await bumpConfigVersion(db);
}

export async function deleteOverride(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('schedule_overrides').where('id', '=', id).execute();
  await bumpConfigVersion(db);
}
