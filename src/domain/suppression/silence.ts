import type { FieldIssue } from '../errors.js';
import { compileMatchers, matchesAll, validateMatchers, type LabelPredicate, type Labels, type Matcher } from './matchers.js';

/**
 * A silence suppresses pages for the alerts its matchers select while it is active. It never
 * suppresses the record: the alert and its incident still exist, marked as silenced.
 */
export interface Silence {
  id: string;
  /** All must match (Alertmanager semantics, see matchers.ts). */
  matchers: Matcher[];
  /** Epoch ms, inclusive. */
  startsAt: number;
  /** Epoch ms, exclusive. */
  endsAt: number;
  createdBy: string;
  comment: string;
}

/** Active on the half-open interval [startsAt, endsAt): at startsAt it is active, at endsAt it has expired. */
export function isSilenceActive(s: Pick<Silence, 'startsAt' | 'endsAt'>, now: number): boolean {
  return s.startsAt <= now && now < s.endsAt;
}

/** A silence that has not started yet (for listings: pending / active / expired). */
export function silenceState(s: Pick<Silence, 'startsAt' | 'endsAt'>, now: number): 'pending' | 'active' | 'expired' {
  if (now < s.startsAt) return 'pending';
  return now < s.endsAt ? 'active' : 'expired';
}

/**
 * The first silence (in list order) that is active at `now` and whose matchers all match the labels,
 * or null. Silences with invalid matchers match nothing (see matchesAll).
 */
export function findSilence<S extends Silence>(silences: readonly S[], labels: Labels, now: number): S | null {
  for (const s of silences) {
    if (isSilenceActive(s, now) && matchesAll(s.matchers, labels)) return s;
  }
  return null;
}

/**
 * findSilence for the hot path: compiles every silence's matchers once (compileMatchers) and returns
 * a function that answers exactly like findSilence(silences, labels, now). Silences whose matchers
 * are invalid never match. Rebuild it when the set of silences changes.
 */
export function compileSilences<S extends Silence>(silences: readonly S[]): (labels: Labels, now: number) => S | null {
  const compiled: Array<{ silence: S; test: LabelPredicate }> = silences.map((silence) => ({
    silence,
    test: compileMatchers(silence.matchers),
  }));
  return (labels, now) => {
    for (const { silence, test } of compiled) {
      if (isSilenceActive(silence, now) && test(labels)) return silence;
    }
    return null;
  };
}

/** Longest comment / author name accepted, in characters. */
export const MAX_SILENCE_COMMENT_LENGTH = 4096;
export const MAX_SILENCE_AUTHOR_LENGTH = 256;

function isEpochMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Validates a silence as submitted (the id is not checked: it may not be assigned yet). Like
 * Alertmanager: matchers valid (validateMatchers), endsAt after startsAt, author and comment given.
 * Whether endsAt is in the future is the caller's business (it knows the time).
 */
export function validateSilence(s: Omit<Silence, 'id'> & { id?: string }): FieldIssue[] {
  const issues: FieldIssue[] = [...validateMatchers(s.matchers, 'matchers')];
  if (!isEpochMs(s.startsAt)) issues.push({ field: 'startsAt', message: 'must be a time (epoch ms)' });
  if (!isEpochMs(s.endsAt)) issues.push({ field: 'endsAt', message: 'must be a time (epoch ms)' });
  else if (isEpochMs(s.startsAt) && s.endsAt <= s.startsAt) issues.push({ field: 'endsAt', message: 'must be after startsAt' });
  if (typeof s.createdBy !== 'string' || s.createdBy.trim() === '') {
    issues.push({ field: 'createdBy', message: 'is required' });
  } else if (s.createdBy.length > MAX_SILENCE_AUTHOR_LENGTH) {
    issues.push({ field: 'createdBy', message: `must be at most ${MAX_SILENCE_AUTHOR_LENGTH} characters` });
  }
  if (typeof s.comment !== 'string' || s.comment.trim() === '') {
    issues.push({ field: 'comment', message: 'is required: say why the alerts are silenced' });
  } else if (s.comment.length > MAX_SILENCE_COMMENT_LENGTH) {
    issues.push({ field: 'comment', message: `must be at most ${MAX_SILENCE_COMMENT_LENGTH} characters` });
  }
  return issues;
}
