import { FenghuoError } from '../../domain/errors.js';
import { findRun, saveRunIfVersion, type StoredDrillRun } from '../../store/drills-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { drillIntegration } from './drill-integration.js';
import { finishRunIfRecovered } from './measure-drill-run.js';
import { runSignals, type SignalSink } from './run-drill.js';

/** A run of that drill, or not_found (a run id under another drill's path is not found either). */
export async function runOf(db: Executor, drillId: string, runId: string): Promise<StoredDrillRun> {
  const run = await findRun(db, runId);
  if (!run || run.drillId !== drillId) throw new FenghuoError('not_found', `drill "${drillId}" has no run "${runId}"`);
  return run;
}

/**
 * Lifts a run's injected failure: sends the resolving signals through the pipeline, so its
 * alert-opened incidents resolve as they would when a real failure clears ("all alerts
 * resolved"); the run ends once every incident is resolved. Refused for an ended run, or one
 * whose signals are not in yet.
 */
export async function recoverDrillRun(ctx: Context, sink: SignalSink, drillId: string, runId: string): Promise<StoredDrillRun> {
  const run = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await runOf(trx, drillId, runId);
    if (before.endedAt !== null) throw new FenghuoError('invalid_transition', 'the run has already ended');
    if (before.injectedAt === null)
      throw new FenghuoError('invalid_transition', 'the run’s failures are still being injected; retry shortly');
    const now = ctx.clock.now();
    const next: StoredDrillRun = { ...before, recoverRequestedAt: now, version: before.version + 1, updatedAt: now };
    if (!(await saveRunIfVersion(trx, next, before.version))) throw new FenghuoError('conflict', 'the run was changed concurrently; retry');
    await audit(
      ctx,
      trx,
      'drill.recover',
      { type: 'drill-run', id: runId },
      { before: { recoverRequestedAt: before.recoverRequestedAt }, after: { recoverRequestedAt: now } },
    );
    return next;
  });
  await sink.submit(await drillIntegration(ctx), await runSignals(ctx, run, 'resolve'));
  return (await finishRunIfRecovered(ctx, sink, runId)) ?? (await runOf(ctx.store.db, drillId, runId));
}

/** Writes a run's findings (what the drill showed); audited. */
export async function updateDrillRun(
  ctx: Context,
  drillId: string,
  runId: string,
  patch: { findings?: string | null; version?: number },
): Promise<StoredDrillRun> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await runOf(trx, drillId, runId);
    if (patch.version !== undefined && patch.version !== before.version) {
      throw new FenghuoError('conflict', `the run is at version ${before.version}, not ${patch.version}; reload and retry`);
    }
    const findings = patch.findings === undefined ? before.findings : patch.findings?.trim() || null;
    const next: StoredDrillRun = { ...before, findings, version: before.version + 1, updatedAt: ctx.clock.now() };
    if (!(await saveRunIfVersion(trx, next, before.version)))
      throw new FenghuoError('conflict', 'the run was changed concurrently; reload and retry');
    await audit(
      ctx,
      trx,
      'drill.run.update',
      { type: 'drill-run', id: runId },
      { before: { findings: before.findings }, after: { findings } },
    );
    return next;
  });
}
