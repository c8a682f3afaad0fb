import type { FieldIssue } from '../errors.js';

/**
 * Flap detection for one alert. The engine keeps a FlapState per alert (as JSON on the alert row),
 * records every fire/resolve transition with recordTransition, and asks isFlapping before opening or
 * closing an incident: while an alert is flapping it is held as flapping instead of opening and
 * closing incidents each time.
 *
 * - It starts flapping when `threshold` transitions fall within `windowMs` (a transition at t counts
 *   for the window (t − windowMs, t]; transitions exactly windowMs apart are not in one window).
 * - It stops flapping only after `quietMs` without any transition (at last + quietMs it has stopped).
 *   Transitions during that time, however sparse, keep it flapping: that is the hysteresis that stops
 *   an alert from flipping between flapping and not.
 */
export interface FlapPolicy {
  windowMs: number;
  threshold: number;
  quietMs: number;
}

export const DEFAULT_FLAP_POLICY: Readonly<FlapPolicy> = Object.freeze({
  windowMs: 10 * 60_000,
  threshold: 4,
  quietMs: 10 * 60_000,
});

/** Longest history kept, whatever the policy's threshold (which validateFlapPolicy caps to this). */
export const MAX_FLAP_HISTORY = 100;

export interface FlapState {
  /** Epoch ms of recent fire/resolve transitions, oldest first, newest last; at most `threshold` kept. */
  changes: number[];
  /**
   * When the current flapping episode began (epoch ms), or null/absent when not flapping as of the
   * last transition. Kept because the bounded history alone cannot tell whether sparse transitions
   * belong to an episode that started long ago. Optional: `{ changes: [] }` is a valid state.
   */
  flappingSince?: number | null;
}

function historyLength(policy: FlapPolicy): number {
  return Math.min(MAX_FLAP_HISTORY, Math.max(1, Math.floor(policy.threshold)));
}

/**
 * The time at which `changes` (sorted) first reached `threshold` transitions within the window, among
 * the transitions of the current episode (after the last gap of quietMs or more), or null.
 */
function flapOnset(changes: readonly number[], policy: FlapPolicy): number | null {
  const threshold = Math.max(1, Math.floor(policy.threshold));
  let start = 0;
  for (let i = changes.length - 1; i > 0; i--) {
    if ((changes[i] ?? 0) - (changes[i - 1] ?? 0) >= policy.quietMs) {
      start = i;
      break;
    }
  }
  for (let i = start + threshold - 1; i < changes.length; i++) {
    const first = changes[i - threshold + 1];
    const last = changes[i];
    if (first !== undefined && last !== undefined && last - first < policy.windowMs) return last;
  }
  return null;
}

/**
 * Records a fire or resolve transition at `at` (epoch ms) and returns the new state; the given state
 * is not modified. A transition earlier than the newest recorded one (a clock step back, an event
 * delivered late) is recorded at the newest time instead, so the history stays sorted.
 */
export function recordTransition(state: FlapState | null | undefined, at: number, policy: FlapPolicy = DEFAULT_FLAP_POLICY): FlapState {
  const previous = Array.isArray(state?.changes) ? state.changes.filter((c) => Number.isFinite(c)) : [];
  const last = previous.at(-1);
  const when = last !== undefined && at < last ? last : at;
  // A quiet gap ends the episode: whatever flapping there was is over.
  let flappingSince = last !== undefined && when - last < policy.quietMs ? (state?.flappingSince ?? null) : null;
  const changes = [...previous, when].slice(-historyLength(policy));
  if (flappingSince === null) flappingSince = flapOnset(changes, policy);
  return { changes, flappingSince };
}

/**
 * True when the alert is flapping at `now`: it reached `threshold` transitions within `windowMs`
 * and `quietMs` has not yet passed since its last transition.
 */
export function isFlapping(state: FlapState | null | undefined, now: number, policy: FlapPolicy = DEFAULT_FLAP_POLICY): boolean {
  const changes = Array.isArray(state?.changes) ? state.changes : [];
  const last = changes.at(-1);
  if (last === undefined || now - last >= policy.quietMs) return false;
  if (state?.flappingSince != null) return true;
  return flapOnset(changes, policy) !== null;
}

/** When the alert stops flapping if no transition comes, or null when it is not flapping at `now`. */
export function flappingEndsAt(state: FlapState | null | undefined, now: number, policy: FlapPolicy = DEFAULT_FLAP_POLICY): number | null {
  if (!isFlapping(state, now, policy)) return null;
  const last = state?.changes.at(-1);
  return last === undefined ? null : last + policy.quietMs;
}

/** Validates a policy (e.g. from configuration); field names are the policy's keys. */
export function validateFlapPolicy(p: FlapPolicy): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const positive = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (!positive(p.windowMs)) issues.push({ field: 'windowMs', message: 'must be a positive whole number of milliseconds' });
  if (!positive(p.quietMs)) issues.push({ field: 'quietMs', message: 'must be a positive whole number of milliseconds' });
  if (typeof p.threshold !== 'number' || !Number.isInteger(p.threshold) || p.threshold < 2 || p.threshold > MAX_FLAP_HISTORY) {
    issues.push({ field: 'threshold', message: `must be a whole number of transitions from 2 to ${MAX_FLAP_HISTORY}` });
  }
  return issues;
}
