import type { CatalogEntry } from '../catalog/service.js';
import { transitiveDependents } from '../catalog/service.js';
import { FenghuoError } from '../errors.js';
import type { GradingPolicy, ImpactType, Scope } from './policy.js';

/** One affected service and how it is affected. */
export interface AffectedService {
  service: string;
  impact: ImpactType;
}

/** What is known about an incident's impact; everything but `affected` is optional. */
export interface ImpactFacts {
  affected: AffectedService[];
  usersAffectedPct?: number | null | undefined;
  usersAffected?: number | null | undefined;
  scope?: Scope | null | undefined;
  recordsExposed?: number | null | undefined;
  durationMinutes?: number | null | undefined;
}

/** An impact as grading sees it: on a catalog entry, directly or through a dependency. */
export interface EffectiveImpact {
  service: CatalogEntry;
  impact: ImpactType;
  /** Dependency path from this service down to the directly impacted one; null when direct. */
  via: string[] | null;
}

/** Expands `{ services, impact }` (one impact or several) into per-service facts. */
export function affectedFrom(services: string[], impact: ImpactType | ImpactType[]): AffectedService[] {
  const impacts = Array.isArray(impact) ? impact : [impact];
  return services.flatMap((service) => impacts.map((i) => ({ service, impact: i })));
}

/**
 * The direct impacts plus, for impacts the policy propagates, the same impact on every
 * service that depends on an impacted one (a facility outage reaches the services above it).
 */
export function effectiveImpacts(
  facts: ImpactFacts,
  catalog: ReadonlyArray<CatalogEntry>,
  policy: Pick<GradingPolicy, 'propagate'>,
): EffectiveImpact[] {
  const byId = new Map(catalog.map((s) => [s.id, s]));
  const result: EffectiveImpact[] = [];
  const seen = new Set<string>();
  const add = (entry: EffectiveImpact): void => {
    const key = `${entry.service.id}\u0000${entry.impact}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.push(entry);
  };
  facts.affected.forEach((a, i) => {
    const service = byId.get(a.service);
    if (!service) {
      throw new FenghuoError('unknown_service', `unknown service "${a.service}"`, [
        { field: `services[${i}]`, message: `unknown service "${a.service}"` },
      ]);
    }
    add({ service, impact: a.impact, via: null });
  });
  for (const a of facts.affected) {
    if (!policy.propagate.includes(a.impact)) continue;
    for (const dependent of transitiveDependents(catalog, a.service)) {
      const service = byId.get(dependent.id);
      if (service) add({ service, impact: a.impact, via: dependent.path.slice(1) });
    }
  }
  return result;
}

export interface ScopeVerdict {
  large: boolean;
  detail: string;
}

/** Whether the stated scope reaches the policy's "large" threshold, and the facts that decided it. */
export function judgeScope(facts: ImpactFacts, policy: Pick<GradingPolicy, 'scope'>): ScopeVerdict {
  const { largePct, largeUsers, whenUnknown } = policy.scope;
  const stated: string[] = [];
  const pct = facts.usersAffectedPct;
  if (pct !== null && pct !== undefined) {
    if (pct >= largePct) return { large: true, detail: `usersAffectedPct ${pct} ≥ ${largePct}` };
    stated.push(`usersAffectedPct ${pct} < ${largePct}`);
  }
  if (facts.scope === 'all' || facts.scope === 'region') return { large: true, detail: `scope ${facts.scope}` };
  if (facts.scope) stated.push(`scope ${facts.scope}`);
  const users = facts.usersAffected;
  if (largeUsers !== null && users !== null && users !== undefined) {
    if (users >= largeUsers) return { large: true, detail: `usersAffected ${users} ≥ ${largeUsers}` };
    stated.push(`usersAffected ${users} < ${largeUsers}`);
  }
  if (stated.length > 0) return { large: false, detail: stated.join(', ') };
  return { large: whenUnknown === 'large', detail: `scope unknown, treated as ${whenUnknown} by policy` };
}

export function describeImpact(e: EffectiveImpact): string {
  const what = `${e.service.kind === 'business' ? 'service' : e.service.kind} "${e.service.id}" ${impactPhrase(e.impact)}`;
  return e.via ? `${what} via ${e.via.join(' → ')}` : what;
}

function impactPhrase(impact: ImpactType): string {
  switch (impact) {
    case 'outage':
      return 'has an outage';
    case 'degraded':
      return 'is degraded';
    case 'data_leak':
      return 'leaked data';
    case 'security_attack':
      return 'is under attack';
    case 'vulnerability':
      return 'has a vulnerability';
    case 'complaint':
      return 'drew a complaint';
    case 'incorrect_results':
      return 'returns incorrect results';
  }
}
