import { FenghuoError } from '../../domain/errors.js';
import { overrideIssues } from '../../domain/oncall/validate-schedule.js';
import {
  deleteOverride as removeOverride,
  findOverride,
  findSchedule,
  insertOverride,
  overlappingOverrides,
  type StoredOverride,
} from '../../store/schedules-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { notFound } from './manage-schedules.js';
import { rejectIssues, unknownUsers } from './references.js';

async function requireSchedule(db: Executor, id: string): Promise<void> {
  if (!(await findSchedule(db, id))) throw notFound(id);
}

/** Overrides of a schedule that overlap [from, to), oldest first. */
export async function listOverrides(ctx: Context, scheduleId: string, from: number, to: number): Promise<StoredOverride[]> {
  await requireSchedule(ctx.store.db, scheduleId);
  return overlappingOverrides(ctx.store.db, [scheduleId], from, to);
}

/** `userId` takes over the schedule for [start, end); it beats every layer and earlier overrides. */
export async function addOverride(
  ctx: Context,
  scheduleId: string,
  input: { userId: string; start: number; end: number },
): Promise<StoredOverride> {
  const now = ctx.clock.now();
  const override: StoredOverride = { id: ctx.ids.newId(), scheduleId, ...input, createdBy: ctx.actor.name, createdAt: now };
  rejectIssues(
    overrideIssues(override, 'override').map((i) => ({ ...i, field: i.field.replace(/^override\./, '') })),
    'invalid override',
  );
  await ctx.store.db.transaction().execute(async (trx) => {
    await requireSchedule(trx, scheduleId);
    rejectIssues(await unknownUsers(trx, [{ id: override.userId, field: 'userId' }]), 'invalid override');
    await insertOverride(trx, override);
    await audit(ctx, trx, 'schedule-override.create', { type: 'schedule-override', id: override.id }, { after: override });
  });
  return override;
}

export async function deleteOverride(ctx: Context, scheduleId: string, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findOverride(trx, scheduleId, id);
    if (!before) throw new FenghuoError('not_found', `override "${id}" of schedule "${scheduleId}" not found`);
    await removeOverride(trx, id);
    await audit(ctx, trx, 'schedule-override.delete', { type: 'schedule-override', id }, { before });
  });
}
