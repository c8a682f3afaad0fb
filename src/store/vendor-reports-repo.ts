import type { VendorContact } from '../domain/catalog/service.js';
import type { AffectedService, ImpactFacts } from '../domain/grading/facts.js';
import type { VendorIncident } from '../domain/metrics/vendor-outages.js';
import type { Executor } from '../operations/context.js';

export interface VendorRow {
  id: string;
  name: string;
  contacts: VendorContact[];
  contractedSlaPct: number | null;
}

/** Every catalog component of kind `vendor`, by id. */
export async function vendors(db: Executor): Promise<VendorRow[]> {
  const rows = await db
    .selectFrom('services')
    .select(['id', 'name', 'contacts', 'contracted_sla_pct'])
    .where('kind', '=', 'vendor')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    contacts: JSON.parse(r.contacts) as VendorContact[],
    contractedSlaPct: r.contracted_sla_pct === null ? null : Number(r.contracted_sla_pct),
  }));
}

/**
 * Incidents (drills left out) started in [from, to) that list one of `vendorIds` among their
 * services, with the vendor they list: one row per (incident, vendor).
 */
export async function incidentsListingVendors(
  db: Executor,
  vendorIds: readonly string[],
  from: number,
  to: number,
): Promise<Array<{ vendorId: string; incident: VendorIncident }>> {
  if (vendorIds.length === 0) return [];
  const rows = await db
    .selectFrom('incident_services')
    .innerJoin('incidents', 'incidents.id', 'incident_services.incident_id')
    .select([
      'incident_services.service_id',
      'incidents.id',
      'incidents.number',
      'incidents.title',
      'incidents.level',
      'incidents.facts',
      'incidents.started_at',
      'incidents.mitigated_at',
      'incidents.resolved_at',
    ])
    .where('incident_services.service_id', 'in', [...vendorIds])
    .where('incidents.started_at', '>=', from)
    .where('incidents.started_at', '<', to)
    .where('incidents.drill', '=', 0)
    .orderBy('incidents.started_at')
    .orderBy('incidents.id')
    .execute();
  return rows.map((r) => ({
    vendorId: r.service_id,
    incident: {
      id: r.id,
      number: Number(r.number),
      title: r.title,
      level: Number(r.level),
      affected: (JSON.parse(r.facts) as ImpactFacts).affected as AffectedService[],
      startedAt: Number(r.started_at),
      mitigatedAt: r.mitigated_at === null ? null : Number(r.mitigated_at),
      resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    },
  }));
}
