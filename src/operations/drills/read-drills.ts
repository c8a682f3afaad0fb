import type { RunMeasurement } from '../../domain/drills/measure-run.js';
import { FenghuoError } from '../../domain/errors.js';
import { findDrill, findRun, listDrills, listRunsOfDrill, type StoredDrill, type StoredDrillRun } from '../../store/drills-repo.js';
import type { StoredIncident } from '../../store/incidents-repo.js';
import type { Context } from '../context.js';
import { drillNotFound } from './manage-drills.js';
import { measurementOf } from './measure-drill-run.js';

export interface DrillRunView {
  run: StoredDrillRun;
  measurement: RunMeasurement;
  incidents: StoredIncident[];
}

export async function getDrill(ctx: Context, id: string): Promise<StoredDrill> {
  const drill = await findDrill(ctx.store.db, id);
  if (!drill) throw drillNotFound(id);
  return drill;
}

export function findDrills(ctx: Context, q: { afterId?: string; limit: number }) {
  return listDrills(ctx.store.db, q);
}

async function view(ctx: Context, run: StoredDrillRun): Promise<DrillRunView> {
  return { run, ...(await measurementOf(ctx.store.db, ctx, run)) };
}

/** A drill's runs, newest first, each with its numbers (measured now while it is in progress). */
export async function findDrillRuns(ctx: Context, drillId: string, q: { beforeId?: string; limit: number }) {
  await getDrill(ctx, drillId);
  const page = await listRunsOfDrill(ctx.store.db, drillId, q);
  return { items: await Promise.all(page.items.map((r) => view(ctx, r))), hasMore: page.hasMore };
}

/** One run by id. */
export async function getDrillRun(ctx: Context, runId: string): Promise<DrillRunView> {
  const run = await findRun(ctx.store.db, runId);
  if (!run) throw new FenghuoError('not_found', `no drill run "${runId}"`);
  return view(ctx, run);
}

/** A run as the result of a change: with its numbers. */
export function drillRunView(ctx: Context, run: StoredDrillRun): Promise<DrillRunView> {
  return view(ctx, run);
}
