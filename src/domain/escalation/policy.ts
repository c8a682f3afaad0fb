import type { FieldIssue } from '../errors.js';

/**
 * Who a step pages: one user; whoever is on call in a schedule at the moment the step fires; or
 * every member of a team. Schedules and teams are resolved late (see expandTargets), so a hand-off
 * between two steps changes who the later step pages.
 */
export type EscalationTarget = { kind: 'user'; id: string } | { kind: 'schedule'; id: string } | { kind: 'team'; id: string };

export const ESCALATION_TARGET_KINDS: readonly EscalationTarget['kind'][] = ['user', 'schedule', 'team'];

/**
 * One step of a policy. `delayMinutes` is PagerDuty's escalation delay: the minutes after *this*
 * step fires, with nobody acknowledging, before the next step fires — or, after the last step, before
 * the policy starts its next round. So the first step fires when the incident triggers and the last
 * step's delay matters only when the policy repeats.
 */
export interface EscalationStep {
  delayMinutes: number;
  targets: EscalationTarget[];
}

/** Ordered steps; after the last one the whole policy runs again `repeat` more times (0: it runs once). */
export interface EscalationPolicy {
  id: string;
  name: string;
  steps: EscalationStep[];
  repeat: number;
}

export const MAX_ESCALATION_STEPS = 20;
export const MAX_TARGETS_PER_STEP = 10;
export const MAX_ESCALATION_REPEAT = 9;
/** Longest step delay: a day. */
export const MAX_STEP_DELAY_MINUTES = 1440;
export const MAX_POLICY_NAME_LENGTH = 200;
export const MAX_TARGET_ID_LENGTH = 128;

function isWholeIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/**
 * Checks a policy as submitted (its id is not checked: it may not be assigned yet). Every delay
 * that schedules something must be at least a minute, so that no two steps fire at the same instant
 * and a repeating policy never loops without pause; the only delay allowed to be 0 is the last
 * step's when the policy does not repeat (it schedules nothing) — e.g. a single step, repeat 0.
 */
export function validateEscalationPolicy(p: EscalationPolicy): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof p.name !== 'string' || p.name.trim() === '') issues.push({ field: 'name', message: 'is required' });
  else if (p.name.length > MAX_POLICY_NAME_LENGTH)
    issues.push({ field: 'name', message: `must be at most ${MAX_POLICY_NAME_LENGTH} characters` });
  if (!isWholeIn(p.repeat, 0, MAX_ESCALATION_REPEAT)) {
    issues.push({ field: 'repeat', message: `must be a whole number from 0 to ${MAX_ESCALATION_REPEAT}` });
  }
  if (!Array.isArray(p.steps) || p.steps.length === 0) {
    issues.push({ field: 'steps', message: 'needs at least one step' });
  } else if (p.steps.length > MAX_ESCALATION_STEPS) {
    issues.push({ field: 'steps', message: `must have at most ${MAX_ESCALATION_STEPS} steps` });
  } else {
    const repeats = p.repeat !== 0;
    p.steps.forEach((step, i) => {
      const isLast = i === p.steps.length - 1;
      issues.push(...stepIssues(step, `steps[${i}]`, isLast && !repeats ? 0 : 1, isLast));
    });
  }
  return issues;
}

function stepIssues(step: EscalationStep, path: string, minDelay: number, isLast: boolean): FieldIssue[] {
  if (typeof step !== 'object' || step === null) return [{ field: path, message: 'must be an object' }];
  const issues: FieldIssue[] = [];
  if (!isWholeIn(step.delayMinutes, minDelay, MAX_STEP_DELAY_MINUTES)) {
    const why = minDelay === 0 ? '' : isLast ? ' (it is the wait before the policy repeats)' : ' (it is the wait before the next step)';
    issues.push({
      field: `${path}.delayMinutes`,
      message: `must be a whole number of minutes from ${minDelay} to ${MAX_STEP_DELAY_MINUTES}${why}`,
    });
  }
  if (!Array.isArray(step.targets) || step.targets.length === 0) {
    issues.push({ field: `${path}.targets`, message: 'needs at least one target' });
  } else if (step.targets.length > MAX_TARGETS_PER_STEP) {
    issues.push({ field: `${path}.targets`, message: `must have at most ${MAX_TARGETS_PER_STEP} targets` });
  } else {
    issues.push(...targetIssues(step.targets, `${path}.targets`));
  }
  return issues;
}

function targetIssues(targets: EscalationTarget[], path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  targets.forEach((t, j) => {
    const at = `${path}[${j}]`;
    if (typeof t !== 'object' || t === null) {
      issues.push({ field: at, message: 'must be an object' });
      return;
    }
    if (!ESCALATION_TARGET_KINDS.includes(t.kind)) {
      issues.push({ field: `${at}.kind`, message: `must be one of ${ESCALATION_TARGET_KINDS.join(', ')}` });
    }
    if (typeof t.id !== 'string' || t.id.trim() === '') {
      issues.push({ field: `${at}.id`, message: 'is required' });
    } else if (t.id.length > MAX_TARGET_ID_LENGTH) {
      issues.push({ field: `${at}.id`, message: `must be at most ${MAX_TARGET_ID_LENGTH} characters` });
    } else {
      const key = `${t.kind}:${t.id}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, j);
      else issues.push({ field: at, message: `repeats ${path}[${first}]` });
    }
  });
  return issues;
}
