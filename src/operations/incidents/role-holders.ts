import { findUsersByIds, type StoredUser } from '../../store/access-repo.js';
import { INCIDENT_ROLES, type IncidentRoleIds, type StoredIncident } from '../../store/incidents-repo.js';
import type { Deps, Executor } from '../context.js';

export const NO_ROLES: IncidentRoleIds = { commander: null, communications: null };

/** The user ids named in some incidents' roles (or role inputs), each once. */
export function roleHolderIds(roles: ReadonlyArray<Partial<IncidentRoleIds> | undefined>): string[] {
  const ids = new Set<string>();
  for (const r of roles) for (const role of INCIDENT_ROLES) if (r?.[role]) ids.add(r[role]);
  return [...ids];
}

export async function usersById(db: Executor, ids: readonly string[]): Promise<Map<string, StoredUser>> {
  return new Map((await findUsersByIds(db, ids)).map((u) => [u.id, u]));
}

/** The names of the people holding the roles of these incidents, by user id (one query). */
export async function roleHolderNames(deps: Deps, incidents: readonly StoredIncident[]): Promise<Map<string, string>> {
  const users = await usersById(deps.store.db, roleHolderIds(incidents.map((i) => i.roles)));
  return new Map([...users.values()].map((u) => [u.id, u.name]));
}
