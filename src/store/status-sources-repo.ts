import type { ImpactFacts } from '../domain/grading/facts.js';
import type { Level } from '../domain/grading/policy.js';
import type { IncidentStatus } from '../domain/incident/state-machine.js';
import type { InternalIncidentImpact } from '../domain/status/derive-component-status.js';
import type { Executor } from '../operations/context.js';

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
