import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { drillSignals } from '../../domain/drills/drill-signals.js';
import { FenghuoError } from '../../domain/errors.js';
import type { Signal } from '../../domain/signals/signal.js';
import type { SignalOutcome } from '../../signals/ingest/types.js';
import {
  findDrill,
  findRun,
  insertRun,
  lockDrill,
  openRuns,
  saveRunIfVersion,
  type StoredDrill,
  type StoredDrillRun,
} from '../../store/drills-repo.js';
import type { StoredIntegration } from '../../store/integrations-repo.js';
import { audit } from '../audit.js';
import { configSnapshot } from '../config-snapshot.js';
import type { Context, Deps, Executor } from '../context.js';
import { drillIntegration } from './drill-integration.js';
import { drillNotFound } from './manage-drills.js';

/** Where a run's signals go: the ingest engine, the very path real alerts take. */
export interface SignalSink {
  submit(integration: StoredIntegration, signals: Signal[]): Promise<SignalOutcome[]>;
}

/** How long a node may take to commit a run's signals before another takes the injection over. */
export const INJECTION_LEASE_MS = 60_000;

/** This process, as the holder of injection leases. */
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** A new run of `drill`, leased to `owner` until its signals are in. */
export function newRun(
  deps: Deps,
  drill: StoredDrill,
  via: StoredDrillRun['startedVia'],
  startedBy: string,
  owner: string,
): StoredDrillRun {
  const now = deps.clock.now();
  return {
    id: deps.ids.newId(),
    drillId: drill.id,
    startedVia: via,
    startedBy,
    startedAt: now,
    snapshot: { name: drill.name, scenario: drill.scenario, hypothesis: drill.hypothesis },
    incidentIds: [],
    injectedAt: null,
    leaseOwner: owner,
    leaseUntil: now + INJECTION_LEASE_MS,
    recoverRequestedAt: null,
    measured: null,
    verdict: 'pending',
    findings: null,
    endedAt: null,
    version: 1,
    updatedAt: now,
  };
}

/** Refuses a second run of a drill while one is open: their alerts would join the same incidents. */
export async function refuseIfRunning(db: Executor, drill: StoredDrill): Promise<void> {
  if ((await openRuns(db, drill.id)).length > 0) {
    throw new FenghuoError('conflict', `drill "${drill.name}" already has a run in progress; recover it first`);
  }
}

/** Runs a drill now, by hand (`POST /api/v1/drills/{id}/run`): the run is recorded, then its failures injected. */
export async function runDrillNow(ctx: Context, sink: SignalSink, drillId: string): Promise<StoredDrillRun> {
  const run = await ctx.store.db.transaction().execute(async (trx) => {
    await lockDrill(trx, drillId);
    const drill = await findDrill(trx, drillId);
    if (!drill) throw drillNotFound(drillId);
    await refuseIfRunning(trx, drill);
    const started = newRun(ctx, drill, 'manual', ctx.actor.name, PROCESS_OWNER);
    await insertRun(trx, started);
    await audit(ctx, trx, 'drill.run', { type: 'drill-run', id: started.id }, { after: started });
    return started;
  });
  return injectRun(ctx, sink, run);
}

/** The run's signals for `action`, with the catalog's names in their summaries. */
export async function runSignals(deps: Deps, run: StoredDrillRun, action: 'trigger' | 'resolve'): Promise<Signal[]> {
  const catalog = await configSnapshot(deps.store.db, deps);
  const names = new Map(run.snapshot.scenario.map((c) => [c.serviceId, catalog.service(c.serviceId)?.name ?? c.serviceId]));
  const source = { drillId: run.drillId, drillName: run.snapshot.name, runId: run.id, hypothesis: run.snapshot.hypothesis };
  return drillSignals(source, run.snapshot.scenario, names, action);
}

/**
 * Injects a run's failures through the ingest engine (answered once committed: the incidents exist
 * and their first pages are queued) and records the incidents they opened or joined. Injecting
 * twice is harmless: the second time every alert is a repeat of an open one.
 */
export async function injectRun(deps: Deps, sink: SignalSink, run: StoredDrillRun): Promise<StoredDrillRun> {
  const outcomes = await sink.submit(await drillIntegration(deps), await runSignals(deps, run, 'trigger'));
  const incidentIds = [...new Set(outcomes.map((o) => o.incidentId).filter((id): id is string => id !== null))];
  return deps.store.db.transaction().execute(async (trx) => {
    const current = await findRun(trx, run.id);
    if (!current) throw new FenghuoError('not_found', `drill run "${run.id}" is gone`);
    if (current.injectedAt !== null) return current;
    const now = deps.clock.now();
    const next: StoredDrillRun = {
      ...current,
      incidentIds,
      injectedAt: now,
      leaseOwner: null,
      leaseUntil: null,
      version: current.version + 1,
      updatedAt: now,
    };
    if (!(await saveRunIfVersion(trx, next, current.version))) return (await findRun(trx, run.id)) ?? next;
    const ctx: Context = { ...deps, actor: SYSTEM_ACTOR, requestId: null };
    await audit(ctx, trx, 'drill.run.injected', { type: 'drill-run', id: run.id }, { after: { incidentIds } });
    return next;
  });
}
