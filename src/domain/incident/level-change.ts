import { FenghuoError } from '../errors.js';
import type { Level } from '../grading/policy.js';

export type LevelChange =
  { kind: 'none' } | { kind: 'raise' | 'lower'; from: Level; to: Level; by: 'policy' | 'person'; reason: string | null };

/**
 * Automatic regrading may only raise the level (a smaller number is more severe);
 * it never lowers what a person or an earlier, graver fact established.
 */
export function decideAutomaticLevel(current: Level, computed: Level): LevelChange {
  return computed < current ? { kind: 'raise', from: current, to: computed, by: 'policy', reason: null } : { kind: 'none' };
}

/** A person may set any level; lowering it needs a reason, which goes to the timeline. */
export function decideManualLevel(current: Level, requested: Level, reason: string | null | undefined): LevelChange {
  const why = reason?.trim() ? reason.trim() : null;
  if (requested === current) return { kind: 'none' };
  if (requested > current && why === null) {
    throw new FenghuoError('reason_required', `lowering the level from ${current} to ${requested} needs a reason`, [
      { field: 'reason', message: 'required when lowering the level' },
    ]);
  }
  return { kind: requested < current ? 'raise' : 'lower', from: current, to: requested, by: 'person', reason: why };
}
