import type { EscalationFiring, EscalationPlan } from './plan-escalation.js';

/**
 * An incident's escalation as the paging worker stores it: the firing rows, a cursor, and whether
 * an acknowledgement has stopped it. Everything changes through the functions of this folder.
 */
export interface EscalationState {
  /** Ordered by `seq`; cancelled rows stay, for the record and for re-escalation. */
  firings: readonly EscalationFiring[];
  /** Firings with a smaller `seq` have been handled (fired, or skipped as cancelled). */
  nextSeq: number;
  /** When the escalation was stopped by an acknowledgement; null while it runs. */
  acknowledgedAt: number | null;
}

/** A new escalation: nothing fired yet, running. */
export function startEscalation(plan: EscalationPlan): EscalationState {
  return { firings: plan.firings, nextSeq: 0, acknowledgedAt: null };
}

export interface EscalationTick {
  /** Firings due at `now` that have not fired yet, oldest first: fire them now. */
  due: EscalationFiring[];
  /** The cursor to store once `due` has fired. */
  nextSeq: number;
  /** When the next firing is due, to wake up then; null when nothing is left (or it is stopped). */
  wakeAt: number | null;
}

/**
 * What the worker does at `now`: the firings due since it last looked (several if it was late), the
 * new cursor and when to look again. A stopped (acknowledged) escalation fires nothing.
 */
export function nextEscalationStep(state: EscalationState, now: number): EscalationTick {
  const due: EscalationFiring[] = [];
  let nextSeq = state.nextSeq;
  if (state.acknowledgedAt !== null) return { due, nextSeq, wakeAt: null };
  for (const f of [...state.firings].sort((a, b) => a.seq - b.seq)) {
    if (f.seq < nextSeq) continue;
    if (f.cancelledAt !== null) {
      nextSeq = f.seq + 1;
      continue;
    }
    if (f.at > now) return { due, nextSeq, wakeAt: f.at };
    due.push(f);
    nextSeq = f.seq + 1;
  }
  return { due, nextSeq, wakeAt: null };
}
