import { validateEscalationPolicy, type EscalationStep } from '../../domain/escalation/policy.js';
import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import {
  deleteEscalationPolicy as removePolicy,
  findEscalationPolicy,
  listEscalationPolicies as queryPolicies,
  saveEscalationPolicy,
  type StoredEscalationPolicy,
} from '../../store/escalation-policies-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { refuseIfReferenced, rejectIssues, unknownTargets, unknownTeam } from './references.js';

export interface EscalationPolicyInput {
  name: string;
  teamId?: string | null;
  steps: EscalationStep[];
  repeat?: number;
}

/** The domain's rules first, then every target (user, schedule, team) and the team must exist. */
async function checkPolicy(db: Executor, policy: StoredEscalationPolicy): Promise<void> {
  rejectIssues(validateEscalationPolicy(policy), 'invalid escalation policy');
  const issues: FieldIssue[] = await unknownTeam(db, policy.teamId, 'teamId');
  for (const [i, step] of policy.steps.entries()) issues.push(...(await unknownTargets(db, step.targets, `steps[${i}].targets`)));
  rejectIssues(issues, 'invalid escalation policy');
}

function fromInput(input: EscalationPolicyInput): Pick<StoredEscalationPolicy, 'name' | 'teamId' | 'steps' | 'repeat'> {
  return {
    name: input.name.trim(),
    teamId: input.teamId ?? null,
    steps: input.steps.map((s) => ({ delayMinutes: s.delayMinutes, targets: s.targets.map((t) => ({ kind: t.kind, id: t.id })) })),
    repeat: input.repeat ?? 0,
  };
}

function notFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `escalation policy "${id}" not found`);
}

/** Who is paged, in which order and after how long, when an incident is not acknowledged. */
export async function createEscalationPolicy(ctx: Context, input: EscalationPolicyInput): Promise<StoredEscalationPolicy> {
  const now = ctx.clock.now();
  const policy: StoredEscalationPolicy = { id: ctx.ids.newId(), ...fromInput(input), createdAt: now, updatedAt: now };
  await ctx.store.db.transaction().execute(async (trx) => {
    await checkPolicy(trx, policy);
    await saveEscalationPolicy(trx, policy, true);
    await audit(ctx, trx, 'escalation-policy.create', { type: 'escalation-policy', id: policy.id }, { after: policy });
  });
  return policy;
}

/** Replaces a policy's name, team, steps and repeat count. */
export async function replaceEscalationPolicy(ctx: Context, id: string, input: EscalationPolicyInput): Promise<StoredEscalationPolicy> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findEscalationPolicy(trx, id);
    if (!before) throw notFound(id);
    const policy: StoredEscalationPolicy = { ...before, ...fromInput(input), updatedAt: ctx.clock.now() };
    await checkPolicy(trx, policy);
    await saveEscalationPolicy(trx, policy, false);
    await audit(ctx, trx, 'escalation-policy.update', { type: 'escalation-policy', id }, { before, after: policy });
    return policy;
  });
}

/** Removes a policy no service follows any more. */
export async function deleteEscalationPolicy(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findEscalationPolicy(trx, id);
    if (!before) throw notFound(id);
    await refuseIfReferenced(trx, { kind: 'escalation-policy', id }, `escalation policy "${before.name}"`);
    await removePolicy(trx, id);
    await audit(ctx, trx, 'escalation-policy.delete', { type: 'escalation-policy', id }, { before });
  });
}

export function listEscalationPolicies(ctx: Context): Promise<StoredEscalationPolicy[]> {
  return queryPolicies(ctx.store.db);
}

export async function getEscalationPolicy(ctx: Context, id: string): Promise<StoredEscalationPolicy> {
  const policy = await findEscalationPolicy(ctx.store.db, id);
  if (!policy) throw notFound(id);
  return policy;
}
