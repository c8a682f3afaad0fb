import type { EscalationTarget } from '../../domain/escalation/policy.js';
import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import { findUser } from '../../store/access-repo.js';
import { channelsOfTeam, findChannel } from '../../store/channels-repo.js';
import { findEscalationPolicy, listEscalationPolicies } from '../../store/escalation-policies-repo.js';
import { findSchedule, schedulesOfTeam } from '../../store/schedules-repo.js';
import { loadCatalog } from '../../store/services-repo.js';
import { findTeam } from '../../store/teams-repo.js';
import type { Executor } from '../context.js';
import { readPagingSettings } from './paging-settings.js';

/** Throws the first of `issues` (all of them in the details) as an invalid_request. */
export function rejectIssues(issues: FieldIssue[], what: string): void {
  const first = issues[0];
  if (first) throw new FenghuoError('invalid_request', `${what}: ${first.field}: ${first.message}`, issues);
}

/** Issues for the user ids that do not exist, each at its field. */
export async function unknownUsers(db: Executor, refs: ReadonlyArray<{ id: string; field: string }>): Promise<FieldIssue[]> {
  const known = new Map<string, boolean>();
  const issues: FieldIssue[] = [];
  for (const { id, field } of refs) {
    if (!known.has(id)) known.set(id, (await findUser(db, { id })) !== null);
    if (known.get(id) === false) issues.push({ field, message: `unknown user "${id}"` });
  }
  return issues;
}

export async function unknownTeam(db: Executor, teamId: string | null | undefined, field: string): Promise<FieldIssue[]> {
  if (teamId == null || (await findTeam(db, teamId))) return [];
  return [{ field, message: `unknown team "${teamId}"` }];
}

/** Issues for escalation targets (users, schedules, teams) that do not exist, named `${path}[i].id`. */
export async function unknownTargets(db: Executor, targets: readonly EscalationTarget[], path: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [i, target] of targets.entries()) {
    const field = `${path}[${i}].id`;
    switch (target.kind) {
      case 'user':
        issues.push(...(await unknownUsers(db, [{ id: target.id, field }])));
        break;
      case 'schedule':
        if (!(await findSchedule(db, target.id))) issues.push({ field, message: `unknown schedule "${target.id}"` });
        break;
      case 'team':
        issues.push(...(await unknownTeam(db, target.id, field)));
        break;
    }
  }
  return issues;
}

/** Something that may be referred to by policies, services, schedules, channels or the paging settings. */
export type Referable = { kind: 'schedule' | 'team' | 'escalation-policy' | 'channel'; id: string };

const targets = (list: readonly EscalationTarget[], kind: string, id: string) => list.some((t) => t.kind === kind && t.id === id);

/** Who still refers to `ref`, in words ("escalation policy "Payments" (id)"); empty when nobody. */
export async function referrersOf(db: Executor, ref: Referable): Promise<string[]> {
  const out: string[] = [];
  if (ref.kind === 'schedule' || ref.kind === 'team') {
    for (const p of await listEscalationPolicies(db)) {
      const inSteps = p.steps.some((s) => targets(s.targets, ref.kind, ref.id));
      if (inSteps || (ref.kind === 'team' && p.teamId === ref.id)) out.push(`escalation policy "${p.name}" (${p.id})`);
    }
  }
  if (ref.kind === 'team' || ref.kind === 'escalation-policy') {
    for (const s of await loadCatalog(db)) {
      if ((ref.kind === 'team' && s.teamId === ref.id) || (ref.kind === 'escalation-policy' && s.escalationPolicyId === ref.id)) {
        out.push(`service "${s.id}"`);
      }
    }
  }
  if (ref.kind === 'team') {
    for (const s of await schedulesOfTeam(db, ref.id)) out.push(`schedule "${s.name}" (${s.id})`);
    for (const c of await channelsOfTeam(db, ref.id)) out.push(`channel "${c.name}" (${c.id})`);
  }
  const paging = await readPagingSettings(db);
  if (ref.kind === 'channel') {
    if (paging.smsGatewayChannelId === ref.id) out.push('paging settings (smsGatewayChannelId)');
    if (paging.voiceGatewayChannelId === ref.id) out.push('paging settings (voiceGatewayChannelId)');
  } else if (ref.kind !== 'escalation-policy') {
    if (targets(paging.leadership, ref.kind, ref.id)) out.push('paging settings (leadership)');
    if (targets(paging.incidentCommander, ref.kind, ref.id)) out.push('paging settings (incidentCommander)');
  }
  return out;
}

/** A 409 when anything still refers to `ref`, naming what does. */
export async function refuseIfReferenced(db: Executor, ref: Referable, label: string): Promise<void> {
  const referrers = await referrersOf(db, ref);
  if (referrers.length > 0) throw new FenghuoError('conflict', `${label} is still used by: ${referrers.join(', ')}`);
}

/** Issues for a channel id that is unknown or not of `kind`. */
export async function unknownChannel(db: Executor, id: string | null, field: string, kind: string): Promise<FieldIssue[]> {
  if (id === null) return [];
  const channel = await findChannel(db, id);
  if (!channel) return [{ field, message: `unknown channel "${id}"` }];
  return channel.kind === kind ? [] : [{ field, message: `channel "${id}" is a ${channel.kind} channel, not ${kind}` }];
}

/** A service's team and escalation policy must exist (a 400 naming the field otherwise). */
export async function checkServiceReferences(
  db: Executor,
  refs: { teamId?: string | null; escalationPolicyId?: string | null },
): Promise<void> {
  const issues = await unknownTeam(db, refs.teamId, 'teamId');
  const policyId = refs.escalationPolicyId;
  if (policyId != null && !(await findEscalationPolicy(db, policyId))) {
    issues.push({ field: 'escalationPolicyId', message: `unknown escalation policy "${policyId}"` });
  }
  rejectIssues(issues, 'invalid service');
}
