import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import type { StoredUser } from '../../store/access-repo.js';
import {
  INCIDENT_ROLES,
  setIncidentRolesIfVersion,
  type IncidentRef,
  type IncidentRoleIds,
  type StoredIncident,
} from '../../store/incidents-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appendTimeline, requireIncident, timelineEntry } from './incident-helpers.js';
import { NO_ROLES, roleHolderIds, usersById } from './role-holders.js';

/** The roles to change: a user id, null to clear, absent to keep. */
export type RolesInput = Partial<IncidentRoleIds>;

/** A role can go only to an active user; the issue names the field. */
function holderIssues(input: RolesInput, users: ReadonlyMap<string, StoredUser>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const role of INCIDENT_ROLES) {
    const id = input[role];
    if (!id) continue;
    const user = users.get(id);
    if (!user) issues.push({ field: role, message: `unknown user "${id}"` });
    else if (user.disabled) issues.push({ field: role, message: `user "${id}" is disabled` });
  }
  return issues;
}

/**
 * Names the incident commander and the communications lead. Written under the incident's
 * version (a concurrent change wins, this one gets 409), with a `role` timeline entry per role
 * that changed and an audit row, in one transaction; the version rises, so live views hear of it.
 */
export async function setIncidentRoles(ctx: Context, ref: IncidentRef, input: RolesInput): Promise<StoredIncident> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIncident(trx, ref);
    const current = before.roles ?? NO_ROLES;
    const users = await usersById(trx, roleHolderIds([input, current]));
    const issues = holderIssues(input, users);
    const first = issues[0];
    if (first) throw new FenghuoError('invalid_request', `${first.field}: ${first.message}`, issues);

    const next: IncidentRoleIds = {
      commander: input.commander === undefined ? current.commander : input.commander,
      communications: input.communications === undefined ? current.communications : input.communications,
    };
    const changed = INCIDENT_ROLES.filter((role) => next[role] !== current[role]);
    if (changed.length === 0) return before;

    const now = ctx.clock.now();
    if (!(await setIncidentRolesIfVersion(trx, before.id, next, before.version, now))) {
      throw new FenghuoError('conflict', `incident #${before.number} was changed concurrently; reload and retry`);
    }
    const nameOf = (id: string | null) => (id === null ? null : (users.get(id)?.name ?? id));
    await appendTimeline(
      trx,
      changed.map((role) => timelineEntry(ctx, before.id, 'role', { from: nameOf(current[role]), to: nameOf(next[role]), message: role })),
    );
    await audit(ctx, trx, 'incident.roles', { type: 'incident', id: before.id }, { before: current, after: next });
    return { ...before, roles: next, version: before.version + 1, updatedAt: now };
  });
}
