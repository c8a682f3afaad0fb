import type { CatalogEntry } from '../catalog/service.js';
import { transitiveDependencies, transitiveDependents } from '../catalog/service.js';

/** What correlation needs to know of an open incident. */
export interface OpenIncidentView {
  id: string;
  /** Services named directly in the incident's facts. */
  direct: string[];
  /** Every affected service, including those reached through dependencies. */
  services: string[];
  origin: 'manual' | 'signals';
  /** A drill incident: only drill alerts join it, and drill alerts join nothing else. */
  drill: boolean;
  lastActivityAt: number;
}

export type Correlation = { kind: 'same-service'; incidentId: string } | { kind: 'dependency'; incidentId: string; component: string };

const UNDERLYING = new Set(['infrastructure', 'facility', 'vendor']);

/**
 * Picks the open incident an alert on `service` joins: the most recently active incident of the
 * same service within the grouping window, else an incident about a component the service
 * depends on (the nearest one) — the facility case: a cooling failure's incident absorbs the
 * alerts of every service above it, however long it has been open. A drill alert (`drill`) only
 * joins drill incidents and a real one only real incidents: a rehearsal never hides in, or
 * swallows, a real outage.
 */
export function correlateAlert(
  service: string,
  catalog: ReadonlyArray<CatalogEntry>,
  open: ReadonlyArray<OpenIncidentView>,
  now: number,
  windowMs: number,
  drill = false,
): Correlation | null {
  const same = open
    .filter((i) => i.drill === drill && i.services.includes(service) && now - i.lastActivityAt <= windowMs)
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt)[0];
  if (same) return { kind: 'same-service', incidentId: same.id };
  for (const component of transitiveDependencies(catalog, service)) {
    const incident = open.find((i) => i.drill === drill && i.direct.includes(component));
    if (incident) return { kind: 'dependency', incidentId: incident.id, component };
  }
  return null;
}

/**
 * When an incident opens for an underlying component, the open alert-driven incidents whose
 * services all sit above that component are merged into it (their alerts arrived first) — only
 * incidents of the same kind: a drill never merges a real incident, nor a real one a drill.
 */
export function incidentsToMerge(
  component: string,
  catalog: ReadonlyArray<CatalogEntry>,
  open: ReadonlyArray<OpenIncidentView>,
  drill = false,
): string[] {
  const entry = catalog.find((s) => s.id === component);
  if (!entry || !UNDERLYING.has(entry.kind)) return [];
  const above = new Set(transitiveDependents(catalog, component).map((d) => d.id));
  return open
    .filter((i) => i.drill === drill && i.origin === 'signals' && i.direct.length > 0 && i.direct.every((s) => above.has(s)))
    .map((i) => i.id);
}
