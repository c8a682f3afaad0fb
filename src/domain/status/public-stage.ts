import { FenghuoError } from '../errors.js';
import { PUBLIC_STAGES, type PublicStage } from './snapshot.js';

/**
 * A public incident's stage, moved by each new update:
 * - while open, an update may keep the stage or move it forward
 *   (investigating → identified → monitoring → resolved, skipping allowed); going back is refused;
 * - `resolved` stamps `resolvedAt` (a second `resolved` update is a follow-up note and keeps the first time);
 * - an update with an open stage on a resolved incident reopens it: any stage may follow `resolved`,
 *   and `resolvedAt` is cleared (the earlier updates keep the history).
 */
export interface PublicStageState {
  stage: PublicStage;
  resolvedAt: number | null;
}

const order = (stage: PublicStage): number => PUBLIC_STAGES.indexOf(stage);

/** The stages an update may give an incident that is at `stage`. */
export function allowedNextStages(stage: PublicStage): PublicStage[] {
  return stage === 'resolved' ? [...PUBLIC_STAGES] : PUBLIC_STAGES.filter((s) => order(s) >= order(stage));
}

/** The state after an update with stage `next` at time `at`; `invalid_transition` when it goes back. */
export function advancePublicStage(current: PublicStageState, next: PublicStage, at: number): PublicStageState {
  if (!allowedNextStages(current.stage).includes(next)) {
    throw new FenghuoError(
      'invalid_transition',
      `a public incident that is ${current.stage} cannot go back to ${next} (allowed: ${allowedNextStages(current.stage).join(', ')})`,
      [{ field: 'stage', message: `cannot go back from ${current.stage} to ${next}` }],
    );
  }
  if (next !== 'resolved') return { stage: next, resolvedAt: null };
  return { stage: next, resolvedAt: current.stage === 'resolved' ? (current.resolvedAt ?? at) : at };
}

/** A new public incident's state from its first update's stage (one created as resolved is resolved at once). */
export function initialPublicStage(stage: PublicStage, at: number): PublicStageState {
  return { stage, resolvedAt: stage === 'resolved' ? at : null };
}
