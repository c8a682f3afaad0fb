import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_FLAP_POLICY,
  flappingEndsAt,
  isFlapping,
  recordTransition,
  validateFlapPolicy,
  type FlapPolicy,
  type FlapState,
} from './flapping.js';

const T0 = Date.parse('2025-06-01T10:00:00Z');
const MIN = 60_000;

function record(times: number[], policy: FlapPolicy = DEFAULT_FLAP_POLICY, from: FlapState = { changes: [] }): FlapState {
  let state = from;
  for (const t of times) state = recordTransition(state, t, policy);
  return state;
}

describe('suppression/flapping', () => {
  it('has the documented defaults', () => {
    assert.deepEqual({ ...DEFAULT_FLAP_POLICY }, { windowMs: 10 * MIN, threshold: 4, quietMs: 10 * MIN });
    assert.deepEqual(validateFlapPolicy(DEFAULT_FLAP_POLICY), []);
  });

  it('is not flapping with no history or below the threshold', () => {
    assert.equal(isFlapping({ changes: [] }, T0), false);
    assert.equal(isFlapping(null, T0), false);
    const three = record([T0, T0 + MIN, T0 + 2 * MIN]);
    assert.equal(isFlapping(three, T0 + 2 * MIN), false);
  });

  it('starts flapping at the threshold-th transition within the window', () => {
    const times = [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN];
    const state = record(times);
    assert.equal(isFlapping(state, T0 + 3 * MIN), true);
    assert.equal(state.flappingSince, T0 + 3 * MIN);
    assert.equal(flappingEndsAt(state, T0 + 3 * MIN), T0 + 13 * MIN);
  });

  it('does not count transitions exactly windowMs apart as one window', () => {
    assert.equal(isFlapping(record([T0, T0 + MIN, T0 + 2 * MIN, T0 + 10 * MIN]), T0 + 10 * MIN), false);
    assert.equal(isFlapping(record([T0, T0 + MIN, T0 + 2 * MIN, T0 + 10 * MIN - 1]), T0 + 10 * MIN - 1), true);
  });

  it('stops flapping only after quietMs without transitions', () => {
    const last = T0 + 3 * MIN;
    const state = record([T0, T0 + MIN, T0 + 2 * MIN, last]);
    assert.equal(isFlapping(state, last + 5 * MIN), true);
    assert.equal(isFlapping(state, last + 10 * MIN - 1), true);
    assert.equal(isFlapping(state, last + 10 * MIN), false);
    assert.equal(flappingEndsAt(state, last + 10 * MIN), null);
  });

  it('keeps flapping while transitions keep coming less than quietMs apart, even sparse ones', () => {
    let state = record([T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
    let t = T0 + 3 * MIN;
    for (let i = 0; i < 20; i++) {
      t += 9 * MIN; // never 4 within 10 minutes, but never 10 quiet minutes either
      state = recordTransition(state, t, DEFAULT_FLAP_POLICY);
      assert.equal(isFlapping(state, t + 9 * MIN), true, `transition ${i}`);
    }
    assert.equal(state.flappingSince, T0 + 3 * MIN);
    assert.ok(state.changes.length <= DEFAULT_FLAP_POLICY.threshold, 'history is bounded');
    assert.equal(isFlapping(state, t + 10 * MIN), false);
  });

  it('sparse transitions alone never start flapping', () => {
    const times = Array.from({ length: 20 }, (_, i) => T0 + i * 4 * MIN); // 3 per 10 minutes at most
    const state = record(times);
    assert.equal(isFlapping(state, T0 + 19 * 4 * MIN), false);
    assert.equal(state.flappingSince, null);
  });

  it('starts afresh after a quiet period', () => {
    const flapped = record([T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
    const next = recordTransition(flapped, T0 + 3 * MIN + 10 * MIN, DEFAULT_FLAP_POLICY);
    assert.equal(next.flappingSince, null);
    assert.equal(isFlapping(next, T0 + 13 * MIN), false);
    const again = record([T0 + 14 * MIN, T0 + 15 * MIN, T0 + 16 * MIN], DEFAULT_FLAP_POLICY, next);
    assert.equal(isFlapping(again, T0 + 16 * MIN), true);
  });

  it('does not modify the given state and survives a JSON round trip', () => {
    const before = record([T0, T0 + MIN]);
    const snapshot = JSON.stringify(before);
    const after = recordTransition(before, T0 + 2 * MIN, DEFAULT_FLAP_POLICY);
    assert.equal(JSON.stringify(before), snapshot);
    assert.deepEqual(after.changes, [T0, T0 + MIN, T0 + 2 * MIN]);
    const stored = JSON.parse(JSON.stringify(recordTransition(after, T0 + 3 * MIN, DEFAULT_FLAP_POLICY))) as FlapState;
    assert.equal(isFlapping(stored, T0 + 4 * MIN), true);
  });

  it('works from a bare { changes } state', () => {
    assert.equal(isFlapping({ changes: [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN] }, T0 + 4 * MIN), true);
    assert.equal(isFlapping({ changes: [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN] }, T0 + 13 * MIN), false);
    assert.equal(isFlapping({ changes: [T0, T0 + 20 * MIN, T0 + 21 * MIN, T0 + 22 * MIN] }, T0 + 22 * MIN), false);
  });

  it('records a late transition at the newest time, keeping the history sorted', () => {
    const state = recordTransition(record([T0 + 5 * MIN]), T0, DEFAULT_FLAP_POLICY);
    assert.deepEqual(state.changes, [T0 + 5 * MIN, T0 + 5 * MIN]);
  });

  it('follows a custom policy', () => {
    const policy: FlapPolicy = { windowMs: 60_000, threshold: 2, quietMs: 5 * MIN };
    assert.equal(isFlapping(record([T0], policy), T0, policy), false);
    const state = record([T0, T0 + 59_999], policy);
    assert.equal(isFlapping(state, T0 + 59_999, policy), true);
    assert.equal(isFlapping(state, T0 + 59_999 + 5 * MIN - 1, policy), true);
    assert.equal(isFlapping(state, T0 + 59_999 + 5 * MIN, policy), false);
    assert.equal(state.changes.length, 2);
  });

  it('validates policies', () => {
    assert.deepEqual(
      validateFlapPolicy({ windowMs: 0, threshold: 1, quietMs: -5 }).map((i) => i.field),
      ['windowMs', 'quietMs', 'threshold'],
    );
  });
});
