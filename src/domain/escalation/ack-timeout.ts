import type { IncidentLifecycle } from '../incident/state-machine.js';
import type { EscalationState } from './next-escalation-step.js';
import type { EscalationFiring } from './plan-escalation.js';

const MINUTE = 60_000;

/** When an acknowledgement times out (epoch ms): null while the escalation runs or without a timeout. */
export function ackTimeoutAt(state: EscalationState, ackTimeoutMinutes: number | null): number | null {
  if (state.acknowledgedAt === null || ackTimeoutMinutes === null) return null;
  return state.acknowledgedAt + ackTimeoutMinutes * MINUTE;
}

export interface Reescalation {
  /** Running again, with the new firings appended. */
  state: EscalationState;
  /** The new firing rows to store. */
  added: EscalationFiring[];
}

/**
 * PagerDuty's acknowledgement timeout: an incident still only acknowledged (not mitigated, not
 * resolved) `ackTimeoutMinutes` after the ack returns to triggered, and the escalation resumes from
 * its current step. The current step is the last one that fired before the ack; it fires again at
 * the timeout instant (with the same targets, re-resolved then), and the firings the ack cancelled
 * follow with their original spacing, repeats included. When the ack came after the last firing, only
 * that last firing fires again. The incident's own return to triggered is the caller's to record.
 *
 * Returns null when there is nothing to do at `now`: not acknowledged, no timeout for the level, the
 * incident mitigated or resolved, or the timeout not yet reached.
 */
export function reescalateOnAckTimeout(
  state: EscalationState,
  incident: Pick<IncidentLifecycle, 'status'>,
  ackTimeoutMinutes: number | null,
  now: number,
): Reescalation | null {
  const timeoutAt = ackTimeoutAt(state, ackTimeoutMinutes);
  if (timeoutAt === null || incident.status !== 'acknowledged' || now < timeoutAt) return null;
  const replay = resumeFrom(state);
  const first = replay[0];
  if (first === undefined) return null;
  const shift = timeoutAt - first.at;
  const base = Math.max(-1, ...state.firings.map((f) => f.seq)) + 1;
  const added = replay.map((f, i) => ({ ...f, seq: base + i, at: f.at + shift, cancelledAt: null }));
  return { state: { firings: [...state.firings, ...added], nextSeq: state.nextSeq, acknowledgedAt: null }, added };
}

/** The current firing followed by the ones the ack cancelled, in order. */
function resumeFrom(state: EscalationState): EscalationFiring[] {
  const firings = [...state.firings].sort((a, b) => a.seq - b.seq);
  const firstCancelled = firings.findIndex((f) => f.cancelledAt !== null && f.cancelledAt === state.acknowledgedAt);
  if (firstCancelled === -1) {
    const lastFired = firings.findLast((f) => f.cancelledAt === null && f.seq < state.nextSeq);
    return lastFired === undefined ? [] : [lastFired];
  }
  const cancelledByThisAck = firings.slice(firstCancelled).filter((f) => f.cancelledAt === state.acknowledgedAt);
  // The firing just before the cancelled ones is the current step if it fired; if it was itself
  // cancelled (by an earlier ack), the re-escalation that followed had fired nothing before this ack.
  const before = firings[firstCancelled - 1];
  const current = before !== undefined && before.cancelledAt === null ? [before] : [];
  return [...current, ...cancelledByThisAck];
}
