import type { EscalationAdjustments } from './adjustments.js';
import type { EscalationPolicy, EscalationTarget } from './policy.js';

const MINUTE = 60_000;

/**
 * One planned page: a step of the policy in a round, due at `at` (epoch ms). A row of its own, so
 * the paging worker can store the plan and mark what happens to it. `targets` is a copy taken when
 * the plan is made (an edit to the policy does not change a running escalation); who they are is
 * resolved when the firing fires (expandTargets).
 */
export interface EscalationFiring {
  /** Position in the incident's escalation, from 0; re-escalation appends after the last. */
  seq: number;
  /** Index into the policy's steps (0-based); null for a firing of the profile's extra targets alone. */
  stepIndex: number | null;
  /** 0 for the first pass through the policy, 1…repeat for the repeats. */
  round: number;
  at: number;
  targets: EscalationTarget[];
  /** When an acknowledgement cancelled it (epoch ms); null while it stands. */
  cancelledAt: number | null;
}

export interface EscalationPlan {
  /** In firing order: by `seq`, and so by `at`. */
  firings: EscalationFiring[];
  /** When to post to the team's channel, or null for no post. */
  teamChannelPostAt: number | null;
}

export interface PlanEscalationInput {
  policy: EscalationPolicy;
  adjustments: EscalationAdjustments;
  triggeredAt: number;
}

/**
 * Every firing of an escalation that nobody acknowledges. The start step fires at `triggeredAt`;
 * each firing after it comes the previous step's `delayMinutes` later. The first round runs from
 * the start step to the last; each repeat runs the whole policy from its first step (the start
 * step only skips the wait at the beginning). The profile's extra targets join the first firing.
 */
export function planEscalation({ policy, adjustments, triggeredAt }: PlanEscalationInput): EscalationPlan {
  const teamChannelPostAt = adjustments.teamChannel ? triggeredAt : null;
  const extras = adjustments.extraTargets;
  const slots = policySlots(policy, adjustments);
  if (slots.length === 0) {
    const firings = extras.length === 0 ? [] : [firing(0, null, 0, triggeredAt, extras)];
    return { firings, teamChannelPostAt };
  }
  const firings: EscalationFiring[] = [];
  let at = triggeredAt;
  slots.forEach(({ stepIndex, round }, seq) => {
    const step = policy.steps[stepIndex]!;
    firings.push(firing(seq, stepIndex, round, at, seq === 0 ? [...step.targets, ...extras] : step.targets));
    at += step.delayMinutes * MINUTE;
  });
  return { firings, teamChannelPostAt };
}

function policySlots(policy: EscalationPolicy, adj: EscalationAdjustments): Array<{ stepIndex: number; round: number }> {
  const count = policy.steps.length;
  if (adj.startStep === null || count === 0) return [];
  const first = Math.min(Math.max(adj.startStep, 1), count) - 1;
  if (!adj.escalate) return [{ stepIndex: first, round: 0 }];
  const slots: Array<{ stepIndex: number; round: number }> = [];
  for (let i = first; i < count; i++) slots.push({ stepIndex: i, round: 0 });
  for (let round = 1; round <= policy.repeat; round++) {
    for (let i = 0; i < count; i++) slots.push({ stepIndex: i, round });
  }
  return slots;
}

function firing(seq: number, stepIndex: number | null, round: number, at: number, targets: EscalationTarget[]): EscalationFiring {
  return { seq, stepIndex, round, at, targets: uniqueTargets(targets), cancelledAt: null };
}

function uniqueTargets(targets: EscalationTarget[]): EscalationTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.kind}:${t.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
