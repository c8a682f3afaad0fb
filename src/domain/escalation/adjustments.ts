import type { ResponseProfile } from '../response/profiles.js';
import type { EscalationPolicy, EscalationTarget } from './policy.js';

/**
 * How an incident's level changes the service's policy (see escalationAdjustments).
 * `startStep: null` runs no step of the policy; with no `extraTargets` either, nobody is paged.
 */
export interface EscalationAdjustments {
  /** Step to start at, 1-based as in ResponseProfile; past the last step means the last step. */
  startStep: number | null;
  /** false: the start step fires once and the escalation ends there (no later steps, no repeats). */
  escalate: boolean;
  /** Paged once, together with the first firing (the leadership list, the incident commander, …). */
  extraTargets: EscalationTarget[];
  /** Post to the owning team's channel when the incident triggers (a post, not a page). */
  teamChannel: boolean;
}

/** The service's policy as written: from the first step, all of it, nothing more. */
export const NO_ADJUSTMENTS: EscalationAdjustments = { startStep: 1, escalate: true, extraTargets: [], teamChannel: false };

/** The people behind the profile's named paging targets. */
export interface ProfileTargets {
  leadership: EscalationTarget[];
  incidentCommander: EscalationTarget[];
}

/**
 * Reads a level's profile. Its `page` list means:
 * - `escalation-policy`: the policy runs from `escalationStartStep`, with its repeats;
 * - `on-call`: the policy's first step (the service's first responders). With `escalation-policy`
 *   starting later, they are paged with the start step — level 1 does not skip the on-call, it skips
 *   the wait; without `escalation-policy`, the first step fires once and nothing follows (level 3);
 * - `leadership`, `incident-commander`: those people, once, with the first firing;
 * - `team-channel`: a post to the team's channel. Level 4 lists only that, so it pages nobody.
 */
export function escalationAdjustments(
  profile: Pick<ResponseProfile, 'page' | 'escalationStartStep'>,
  policy: Pick<EscalationPolicy, 'steps'>,
  people: ProfileTargets,
): EscalationAdjustments {
  const pages = (t: ResponseProfile['page'][number]): boolean => profile.page.includes(t);
  const extraTargets: EscalationTarget[] = [];
  let startStep: number | null = null;
  let escalate = false;
  if (pages('escalation-policy')) {
    startStep = profile.escalationStartStep;
    escalate = true;
    if (pages('on-call') && startStep > 1) extraTargets.push(...(policy.steps[0]?.targets ?? []));
  } else if (pages('on-call')) {
    startStep = 1;
  }
  if (pages('leadership')) extraTargets.push(...people.leadership);
  if (pages('incident-commander')) extraTargets.push(...people.incidentCommander);
  return { startStep, escalate, extraTargets, teamChannel: pages('team-channel') };
}
