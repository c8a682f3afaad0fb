import type { AffectedService } from '../grading/facts.js';

/** An incident attributed to a vendor, as the vendor report reads it. */
export interface VendorIncident {
  id: string;
  number: number;
  title: string;
  level: number;
  affected: AffectedService[];
  startedAt: number;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

/** True when the incident names the vendor itself as affected (not only reached through the catalog). */
export function namesVendorDirectly(incident: Pick<VendorIncident, 'affected'>, vendorId: string): boolean {
  return incident.affected.some((a) => a.service === vendorId);
}

/** True when any service of the incident has an outage (not a degradation, complaint, …). */
export function isOutage(incident: Pick<VendorIncident, 'affected'>): boolean {
  return incident.affected.some((a) => a.impact === 'outage');
}

/**
 * Minutes in [from, to) covered by the outages among `incidents`, each from its start to its
 * mitigation (resolving mitigates too), or to `now` while open. Overlapping outages count once.
 */
export function outageMinutes(incidents: readonly VendorIncident[], from: number, to: number, now: number): number {
  const spans = incidents
    .filter(isOutage)
    .map((i) => [Math.max(i.startedAt, from), Math.min(i.mitigatedAt ?? i.resolvedAt ?? now, to)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = -Infinity;
  for (const [start, end] of spans) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return Number((total / 60_000).toFixed(3));
}
