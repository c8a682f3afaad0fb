import { FenghuoError } from '../../domain/errors.js';
import { deleteDrillRow, findDrill, insertDrill, openRuns, saveDrillIfVersion, type StoredDrill } from '../../store/drills-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { rejectIssues } from '../oncall/references.js';
import { drillInputIssues, nextRunFor, text, type DrillInput } from './drill-input.js';

export function drillNotFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `no drill "${id}"`);
}

/** A new drill; with a schedule it will run by itself (docs/drills.md). */
export async function createDrill(
  ctx: Context,
  input: DrillInput & { name: string; scenario: StoredDrill['scenario'] },
): Promise<StoredDrill> {
  const now = ctx.clock.now();
  const status = input.status ?? 'active';
  const schedule = input.schedule ?? null;
  const drill: StoredDrill = {
    id: ctx.ids.newId(),
    name: input.name.trim(),
    scenario: input.scenario,
    hypothesis: text(input.hypothesis, null),
    blastRadius: text(input.blastRadius, null),
    participants: input.participants ?? [],
    schedule,
    status,
    nextRunAt: nextRunFor({ schedule, status }, now),
    version: 1,
    createdBy: ctx.actor.name,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.store.db.transaction().execute(async (trx) => {
    rejectIssues(
      await drillInputIssues(trx, ctx, drill, { ...input, scenario: drill.scenario, participants: drill.participants }, now),
      'invalid drill',
    );
    await insertDrill(trx, drill);
    await audit(ctx, trx, 'drill.create', { type: 'drill', id: drill.id }, { after: drill });
    return drill;
  });
}

/** Changes a drill (absent fields are kept); a changed schedule or status recomputes the next run. */
export async function updateDrill(ctx: Context, id: string, input: DrillInput & { version?: number }): Promise<StoredDrill> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findDrill(trx, id);
    if (!before) throw drillNotFound(id);
    const now = ctx.clock.now();
    const next: StoredDrill = {
      ...before,
      name: input.name?.trim() ?? before.name,
      scenario: input.scenario ?? before.scenario,
      hypothesis: text(input.hypothesis, before.hypothesis),
      blastRadius: text(input.blastRadius, before.blastRadius),
      participants: input.participants ?? before.participants,
      schedule: input.schedule === undefined ? before.schedule : input.schedule,
      status: input.status ?? before.status,
      version: before.version + 1,
      updatedAt: now,
    };
    rejectIssues(await drillInputIssues(trx, ctx, next, input, now), 'invalid drill');
    if (input.schedule !== undefined || input.status !== undefined) next.nextRunAt = nextRunFor(next, now);
    if (input.version !== undefined && input.version !== before.version) {
      throw new FenghuoError('conflict', `the drill is at version ${before.version}, not ${input.version}; reload and retry`);
    }
    if (!(await saveDrillIfVersion(trx, next, before.version)))
      throw new FenghuoError('conflict', 'the drill was changed concurrently; reload and retry');
    await audit(ctx, trx, 'drill.update', { type: 'drill', id }, { before, after: next });
    return next;
  });
}

/** Removes a drill and its run records; refused while a run is open (recover it first). */
export async function deleteDrill(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findDrill(trx, id);
    if (!before) throw drillNotFound(id);
    if ((await openRuns(trx, id)).length > 0)
      throw new FenghuoError('conflict', `drill "${before.name}" has a run in progress; recover it first`);
    await deleteDrillRow(trx, id);
    await audit(ctx, trx, 'drill.delete', { type: 'drill', id }, { before });
  });
}
