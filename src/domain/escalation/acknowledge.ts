import type { EscalationState } from './next-escalation-step.js';
import type { EscalationFiring } from './plan-escalation.js';

export interface AcknowledgedEscalation {
  state: EscalationState;
  /** The firings the acknowledgement cancelled (rows to mark). */
  cancelled: EscalationFiring[];
}

/**
 * Stops the escalation at `ackAt`: every firing that has not fired is cancelled. With a punctual
 * worker those are exactly the firings due after `ackAt`; one a late worker has not fired yet is
 * cancelled too, since a page after someone acknowledged is moot. Call it on mitigate and resolve
 * as well (mitigating acknowledges, see transitionIncident). Stopping a stopped escalation changes
 * nothing.
 */
export function acknowledgeEscalation(state: EscalationState, ackAt: number): AcknowledgedEscalation {
  if (state.acknowledgedAt !== null) return { state, cancelled: [] };
  const cancelled: EscalationFiring[] = [];
  const firings = state.firings.map((f) => {
    if (f.seq < state.nextSeq || f.cancelledAt !== null) return f;
    const c = { ...f, cancelledAt: ackAt };
    cancelled.push(c);
    return c;
  });
  return { state: { ...state, firings, acknowledgedAt: ackAt }, cancelled };
}

/**
 * Of scheduled items (firings of a plan, personal notifications), those an acknowledgement at
 * `ackAt` cancels: everything due after it. An item due at the very instant of the ack counts as
 * due before it, and is kept.
 */
export function cancelledByAck<T extends { at: number }>(items: readonly T[], ackAt: number): T[] {
  return items.filter((item) => item.at > ackAt);
}
