import { FenghuoError } from '../errors.js';

export const SERVICE_KINDS = ['business', 'infrastructure', 'facility', 'vendor'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** A node of the service catalog: business services, the infrastructure and facilities under them, vendors. */
export interface Service {
  id: string;
  name: string;
  kind: ServiceKind;
  /** Core business: its outage is a level-1 incident at scale. */
  critical: boolean;
  /** Touches payment: any real impact on it is level 1. */
  payment: boolean;
  userFacing: boolean;
  /** Ids of the services this one needs to work. */
  dependsOn: string[];
  ownerTeam: string | null;
  /** The team that is paged for it (a team id). */
  teamId: string | null;
  /** The escalation policy its incidents follow (null: the team channel only, if any). */
  escalationPolicyId: string | null;
  /** The emergency plan (应急预案), Markdown. */
  runbook: string | null;
  rtoMinutes: number | null;
  rpoMinutes: number | null;
  /** Whom to call at a vendor (or anyone outside who runs the component). */
  contacts: VendorContact[];
  /** The availability a vendor's contract promises, percent (e.g. 99.95). */
  contractedSlaPct: number | null;
}

/** A person or desk at a vendor: a name and at least one of e-mail and phone. */
export interface VendorContact {
  name: string;
  /** What they are for: "NOC 24×7", "account manager". */
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** The subset of a service that grading and correlation read. */
export type CatalogEntry = Pick<Service, 'id' | 'name' | 'kind' | 'critical' | 'payment' | 'userFacing' | 'dependsOn'>;

/** A service with the defaults a new catalog entry gets: a user-facing, non-critical business service. */
export function newService(id: string, name: string): Service {
  return {
    id,
    name,
    kind: 'business',
    critical: false,
    payment: false,
    userFacing: true,
    dependsOn: [],
    ownerTeam: null,
    teamId: null,
    escalationPolicyId: null,
    runbook: null,
    rtoMinutes: null,
    rpoMinutes: null,
    contacts: [],
    contractedSlaPct: null,
  };
}

/** Contacts that give no way to reach anyone, each at its field (`contacts[1]`). */
export function contactIssues(contacts: readonly VendorContact[]): Array<{ field: string; message: string }> {
  return contacts.flatMap((c, i) =>
    c.email === null && c.phone === null ? [{ field: `contacts[${i}]`, message: 'needs an email or a phone' }] : [],
  );
}

export const SERVICE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';
const SERVICE_ID_RE = new RegExp(SERVICE_ID_PATTERN);

export function isServiceId(value: string): boolean {
  return SERVICE_ID_RE.test(value);
}

/**
 * Checks that a catalog is a DAG whose edges all point at known services.
 * Throws `unknown_service` or `dependency_cycle` naming the offending services.
 */
export function validateCatalog(entries: ReadonlyArray<Pick<Service, 'id' | 'dependsOn'>>): void {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const entry of entries) {
    entry.dependsOn.forEach((dep, i) => {
      if (!byId.has(dep)) {
        throw new FenghuoError('unknown_service', `service "${entry.id}" depends on unknown service "${dep}"`, [
          { field: `dependsOn[${i}]`, message: `unknown service "${dep}"` },
        ]);
      }
      if (dep === entry.id) {
        throw new FenghuoError('dependency_cycle', `service "${entry.id}" cannot depend on itself`, [
          { field: `dependsOn[${i}]`, message: 'a service cannot depend on itself' },
        ]);
      }
    });
  }
  const cycle = findCycle(byId);
  if (cycle) {
    throw new FenghuoError('dependency_cycle', `dependency cycle: ${cycle.join(' → ')}`, [
      { field: 'dependsOn', message: `would create the cycle ${cycle.join(' → ')}` },
    ]);
  }
}

function findCycle(byId: ReadonlyMap<string, Pick<Service, 'id' | 'dependsOn'>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    const seen = state.get(id);
    if (seen === 'done') return null;
    if (seen === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of [...byId.keys()].sort()) {
    const found = visit(id);
    if (found) return found;
  }
  return null;
}

/**
 * Every service that depends on `id`, directly or through other services, with the
 * dependency path from the dependent down to `id` (nearest first, stable order).
 */
export function transitiveDependents(
  entries: ReadonlyArray<Pick<Service, 'id' | 'dependsOn'>>,
  id: string,
): Array<{ id: string; path: string[] }> {
  const dependentsOf = new Map<string, string[]>();
  for (const e of entries) {
    for (const dep of e.dependsOn) {
      const list = dependentsOf.get(dep) ?? [];
      list.push(e.id);
      dependentsOf.set(dep, list);
    }
  }
  const result: Array<{ id: string; path: string[] }> = [];
  const seen = new Set<string>([id]);
  let frontier: Array<{ id: string; path: string[] }> = [{ id, path: [id] }];
  while (frontier.length > 0) {
    const next: Array<{ id: string; path: string[] }> = [];
    for (const node of frontier) {
      for (const dependent of [...(dependentsOf.get(node.id) ?? [])].sort()) {
        if (seen.has(dependent)) continue;
        seen.add(dependent);
        const item = { id: dependent, path: [dependent, ...node.path] };
        result.push(item);
        next.push(item);
      }
    }
    frontier = next;
  }
  return result;
}

/** Every service `id` depends on, directly or through others, nearest first (stable order). */
export function transitiveDependencies(entries: ReadonlyArray<Pick<Service, 'id' | 'dependsOn'>>, id: string): string[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const result: string[] = [];
  const seen = new Set<string>([id]);
  let frontier = [id];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const dep of [...(byId.get(node)?.dependsOn ?? [])].sort()) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        result.push(dep);
        next.push(dep);
      }
    }
    frontier = next;
  }
  return result;
}
