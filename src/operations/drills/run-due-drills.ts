import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { nextDrillRun } from '../../domain/drills/schedule.js';
import {
  claimDueDrill,
  claimStalledInjection,
  dueDrills,
  insertRun,
  openRuns,
  type StoredDrill,
  type StoredDrillRun,
} from '../../store/drills-repo.js';
import { audit } from '../audit.js';
import type { Context, Deps } from '../context.js';
import { finishRunIfRecovered } from './measure-drill-run.js';
import { INJECTION_LEASE_MS, injectRun, newRun, type SignalSink } from './run-drill.js';

const BATCH = 20;

/**
 * Claims one due occurrence of a drill's schedule and records its run, in one transaction: the
 * claim moves `next_run_at` on only if no other node did, so exactly one node starts the run. An
 * occurrence that finds the previous run still open is skipped (audited), not queued.
 */
async function claimOccurrence(deps: Deps, drill: StoredDrill, owner: string, now: number): Promise<StoredDrillRun | null> {
  const { nextRunAt: dueAt, schedule } = drill;
  if (dueAt === null || schedule === null) return null;
  const ctx: Context = { ...deps, actor: SYSTEM_ACTOR, requestId: null };
  return deps.store.db.transaction().execute(async (trx) => {
    if (!(await claimDueDrill(trx, drill.id, dueAt, nextDrillRun(schedule, now), now))) return null;
    if ((await openRuns(trx, drill.id)).length > 0) {
      await audit(
        ctx,
        trx,
        'drill.run.skipped',
        { type: 'drill', id: drill.id },
        { after: { dueAt, reason: 'a run is still in progress' } },
      );
      return null;
    }
    const run = newRun(deps, drill, 'schedule', 'schedule', owner);
    await insertRun(trx, run);
    await audit(ctx, trx, 'drill.run', { type: 'drill-run', id: run.id }, { after: run });
    return run;
  });
}

/**
 * One round of the drill scheduler: starts the drills that are due, takes over injections whose
 * node died (lease run out), and ends runs whose incidents are all resolved. Returns how many
 * runs it started. A failed injection is left to its lease: the next round after it runs out
 * injects again.
 */
export async function runDueDrills(
  deps: Deps,
  sink: SignalSink,
  owner: string,
  onError: (err: unknown) => void = () => undefined,
): Promise<number> {
  const now = deps.clock.now();
  let started = 0;
  for (const drill of await dueDrills(deps.store.db, now, BATCH)) {
    try {
      const run = await claimOccurrence(deps, drill, owner, now);
      if (!run) continue;
      started++;
      await injectRun(deps, sink, run);
    } catch (err) {
      onError(err);
    }
  }
  for (const run of await openRuns(deps.store.db)) {
    try {
      if (run.injectedAt === null) {
        if (
          run.leaseUntil !== null &&
          run.leaseUntil < now &&
          (await claimStalledInjection(deps.store.db, run, owner, now, now + INJECTION_LEASE_MS))
        ) {
          await injectRun(deps, sink, run);
        }
      } else {
        await finishRunIfRecovered(deps, sink, run.id);
      }
    } catch (err) {
      onError(err);
    }
  }
  return started;
}
