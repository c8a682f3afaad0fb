import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { measureRun, type RunMeasurement } from '../../domain/drills/measure-run.js';
import { findRun, saveRunIfVersion, type StoredDrillRun } from '../../store/drills-repo.js';
import { findIncidentsByIds, type StoredIncident } from '../../store/incidents-repo.js';
import { audit } from '../audit.js';
import { configSnapshot } from '../config-snapshot.js';
import type { Context, Deps, Executor } from '../context.js';
import { drillIntegration } from './drill-integration.js';
import { runSignals, type SignalSink } from './run-drill.js';

/**
 * A run's numbers: kept ones once it has ended, else measured now from its incidents and the
 * catalog's RTOs (so a run in progress shows its clock and any RTO already overrun).
 */
export async function measurementOf(
  db: Executor,
  deps: Deps,
  run: StoredDrillRun,
): Promise<{ measurement: RunMeasurement; incidents: StoredIncident[] }> {
  const incidents = await findIncidentsByIds(db, run.incidentIds);
  if (run.measured && run.endedAt !== null) {
    return { measurement: { ...run.measured, verdict: run.verdict, complete: true, endedAt: run.endedAt }, incidents };
  }
  const catalog = await configSnapshot(db, deps);
  const scenario = run.snapshot.scenario.map((c) => c.serviceId);
  const affected = new Set([...scenario, ...incidents.flatMap((i) => i.services)]);
  const rto = new Map([...affected].map((id) => [id, catalog.service(id)?.rtoMinutes ?? null]));
  return { measurement: measureRun(run.startedAt, incidents, scenario, rto, deps.clock.now()), incidents };
}

/**
 * Ends a run whose incidents are all resolved: keeps its numbers and verdict, then lifts the
 * injected failure (resolves its alerts, which a person resolving the incident by hand leaves
 * firing). Returns the ended run, or null when it is not over (or another node ended it).
 */
export async function finishRunIfRecovered(deps: Deps, sink: SignalSink, runId: string): Promise<StoredDrillRun | null> {
  const ended = await deps.store.db.transaction().execute(async (trx) => {
    const run = await findRun(trx, runId);
    if (!run || run.endedAt !== null || run.injectedAt === null) return null;
    const { measurement: m } = await measurementOf(trx, deps, run);
    if (!m.complete || m.endedAt === null) return null;
    const { detectMs, acknowledgeMs, mitigateMs, recoverMs, services } = m;
    const next: StoredDrillRun = {
      ...run,
      measured: { detectMs, acknowledgeMs, mitigateMs, recoverMs, services },
      verdict: m.verdict,
      endedAt: m.endedAt,
      version: run.version + 1,
      updatedAt: deps.clock.now(),
    };
    if (!(await saveRunIfVersion(trx, next, run.version))) return null;
    const ctx: Context = { ...deps, actor: SYSTEM_ACTOR, requestId: null };
    await audit(
      ctx,
      trx,
      'drill.run.end',
      { type: 'drill-run', id: run.id },
      { after: next.measured && { ...next.measured, verdict: next.verdict } },
    );
    return next;
  });
  // A recover request has lifted it already.
  if (ended && ended.recoverRequestedAt === null) await sink.submit(await drillIntegration(deps), await runSignals(deps, ended, 'resolve'));
  return ended;
}
