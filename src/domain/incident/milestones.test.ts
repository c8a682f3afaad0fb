import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestPossibleStart, outOfOrderMilestone, type Milestones } from './milestones.js';

const T = Date.parse('2025-06-01T00:00:00Z');
const base: Milestones = { startedAt: T, createdAt: T + 60_000, acknowledgedAt: null, mitigatedAt: null, resolvedAt: null };

describe('incident/milestones', () => {
  it('accepts times in order, equal times, and missing ones', () => {
    assert.equal(outOfOrderMilestone(base), null);
    assert.equal(outOfOrderMilestone({ ...base, acknowledgedAt: T + 60_000, mitigatedAt: T + 60_000 }), null);
    assert.equal(outOfOrderMilestone({ ...base, resolvedAt: T + 90_000 }), null);
  });

  it('names the first time that comes before an earlier milestone', () => {
    assert.equal(outOfOrderMilestone({ ...base, startedAt: T + 61_000 }), 'createdAt');
    assert.equal(outOfOrderMilestone({ ...base, acknowledgedAt: T + 59_000 }), 'acknowledgedAt');
    assert.equal(outOfOrderMilestone({ ...base, acknowledgedAt: T + 120_000, resolvedAt: T + 100_000 }), 'resolvedAt');
  });

  it('bounds the start by detection, or by an earlier recorded time', () => {
    assert.deepEqual(latestPossibleStart(base), { at: T + 60_000, bound: 'createdAt' });
    assert.deepEqual(latestPossibleStart({ ...base, acknowledgedAt: T + 120_000 }), { at: T + 60_000, bound: 'createdAt' });
    // Out-of-order data from before this check: the earliest time wins.
    assert.deepEqual(latestPossibleStart({ ...base, acknowledgedAt: T + 30_000 }), { at: T + 30_000, bound: 'acknowledgedAt' });
  });
});
