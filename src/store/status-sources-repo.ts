import type { ImpactFacts } from '../domain/grading/facts.js';
import type { Level } from '../domain/grading/policy.js';
import type { IncidentStatus } from '../domain/incident/state-machine.js';
import type { PeriodCounts } from '../domain/monitors/stats.js';
import type { MonitorState } from '../domain/monitors/verdict.js';
import type { InternalIncidentImpact, MappedMonitor } from '../domain/status/derive-component-status.js';
import type { Executor } from '../operations/context.js';
import { GRAIN } from './monitor-results-repo.js';

/**
 * What status pages read of internal incidents: lifecycle, level and impacts only. Titles, summaries,
 * level reasons and people are never selected, so they cannot reach a public page by mistake.
 */

/** Most incidents one snapshot reads (newest first); a page showing more than this is pathological. */
export const MAX_SOURCE_INCIDENTS = 5000;

/**
 * Incidents that count publicly (no drills, nothing suppressed) touching any of `serviceIds` and
 * open, or resolved since `since`. Goes through incident_services' service_id index.
 */
export async function internalImpactsForServices(db: Executor, serviceIds: string[], since: number): Promise<InternalIncidentImpact[]> {
  if (serviceIds.length === 0) return [];
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'status', 'level', 'facts', 'drill', 'suppressed', 'started_at', 'mitigated_at', 'resolved_at'])
    .where('id', 'in', (eb) => eb.selectFrom('incident_services').select('incident_id').where('service_id', 'in', serviceIds))
    .where('drill', '=', 0)
    .where('suppressed', 'is', null)
    .where((eb) => eb.or([eb('status', '!=', 'resolved'), eb('resolved_at', '>=', since)]))
    .orderBy('started_at', 'desc')
    .limit(MAX_SOURCE_INCIDENTS)
    .execute();
  const services = new Map<string, string[]>();
  if (rows.length > 0) {
    const links = await db
      .selectFrom('incident_services')
      .select(['incident_id', 'service_id'])
      .where(
        'incident_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const l of links) services.set(l.incident_id, [...(services.get(l.incident_id) ?? []), l.service_id]);
  }
  return rows.map((r) => ({
    status: r.status as IncidentStatus,
    level: Number(r.level) as Level,
    drill: r.drill === 1,
    suppressed: r.suppressed !== null,
    affected: (JSON.parse(r.facts) as ImpactFacts).affected,
    services: services.get(r.id) ?? [],
    startedAt: Number(r.started_at),
    mitigatedAt: r.mitigated_at === null ? null : Number(r.mitigated_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  }));
}

/** Whether an internal incident with this id exists (a public post may link to it). */
export async function internalIncidentExists(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** What a status page reads of a monitor: its state and its day counts, never its name or target. */
export interface MonitorSource extends MappedMonitor {
  id: string;
  /** UTC day start → that day's counts, for the days since `since`. */
  days: Map<number, PeriodCounts>;
}

/** The monitors among `monitorIds` that exist (deleted ones are skipped), with their day rollups since `since`. */
export async function monitorSources(db: Executor, monitorIds: readonly string[], since: number): Promise<Map<string, MonitorSource>> {
  const out = new Map<string, MonitorSource>();
  const bySeq = new Map<number, MonitorSource>();
  for (let i = 0; i < monitorIds.length; i += 500) {
    const rows = await db
      .selectFrom('monitors')
      .select(['id', 'seq', 'state', 'state_since', 'paused'])
      .where('id', 'in', monitorIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const source: MonitorSource = {
        id: r.id,
        state: r.state as MonitorState,
        paused: Number(r.paused) === 1,
        stateSince: Number(r.state_since),
        days: new Map(),
      };
      out.set(r.id, source);
      bySeq.set(Number(r.seq), source);
    }
  }
  const seqs = [...bySeq.keys()];
  for (let i = 0; i < seqs.length; i += 500) {
    const rows = await db
      .selectFrom('monitor_rollups')
      .select(['monitor_seq', 'start', 'up', 'degraded', 'down'])
      .where('monitor_seq', 'in', seqs.slice(i, i + 500))
      .where('grain', '=', GRAIN.day)
      .where('start', '>=', since)
      .execute();
    for (const r of rows) {
      bySeq.get(Number(r.monitor_seq))?.days.set(Number(r.start), { up: Number(r.up), degraded: Number(r.degraded), down: Number(r.down) });
    }
  }
  return out;
}
