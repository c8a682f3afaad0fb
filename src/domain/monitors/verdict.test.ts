import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyResult, NO_VERDICT, quorumOf, quorumState, type CheckStatus, type LocationVerdict } from './verdict.js';
import { barsFromDays, DAY_MS, percentile, periodStart, phaseOf, uptimePermille } from './stats.js';

const t = { failureThreshold: 3, recoveryThreshold: 2 };
function run(statuses: CheckStatus[], from: LocationVerdict = NO_VERDICT, th = t): LocationVerdict {
  return statuses.reduce((v, s) => applyResult(v, s, th), from);
}

describe('a location verdict', () => {
  it('changes only after the failure threshold in a row', () => {
    const up = run(['up', 'up'], NO_VERDICT);
    assert.equal(up.state, 'up');
    assert.equal(run(['down', 'down'], up).state, 'up');
    assert.equal(run(['down', 'down', 'down'], up).state, 'down');
    assert.equal(run(['down', 'up', 'down', 'down'], up).state, 'up', 'an up in between restarts the streak');
  });
  it('counts degraded and down results together and ends on the last one', () => {
    const up = run(['up', 'up']);
    assert.equal(run(['degraded', 'down', 'degraded'], up).state, 'degraded');
    assert.equal(run(['degraded', 'degraded', 'down'], up).state, 'down');
  });
  it('recovers after the recovery threshold', () => {
    const down = run(['down', 'down', 'down']);
    assert.equal(down.state, 'down');
    assert.equal(run(['up'], down).state, 'down');
    assert.equal(run(['up', 'up'], down).state, 'up');
  });
  it('moves between degraded and down at once', () => {
    const down = run(['down', 'down', 'down']);
    assert.equal(run(['degraded'], down).state, 'degraded');
  });
  it('decides a new monitor with thresholds of 1 on the first result', () => {
    assert.equal(run(['down'], NO_VERDICT, { failureThreshold: 1, recoveryThreshold: 1 }).state, 'down');
  });
});

describe('the quorum', () => {
  it('defaults to a majority', () => {
    assert.equal(quorumOf(1, null), 1);
    assert.equal(quorumOf(2, null), 2);
    assert.equal(quorumOf(3, null), 2);
    assert.equal(quorumOf(3, 1), 1);
    assert.equal(quorumOf(3, 5), 3);
  });
  it('one of three locations failing does not take the monitor down; two do', () => {
    assert.equal(quorumState(['down', 'up', 'up'], 3, null), 'up');
    assert.equal(quorumState(['down', 'down', 'up'], 3, null), 'down');
    assert.equal(quorumState(['down', 'degraded', 'up'], 3, null), 'degraded');
    assert.equal(quorumState(['down', 'pending', 'pending'], 3, null), 'pending');
  });
});

describe('statistics', () => {
  it('percentiles by nearest rank', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentile(v, 50), 5);
    assert.equal(percentile(v, 95), 10);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([], 50), null);
  });
  it('uptime counts degraded as up and nothing checked as null', () => {
    assert.equal(uptimePermille({ up: 997, degraded: 1, down: 2 }), 998);
    assert.equal(uptimePermille({ up: 0, degraded: 0, down: 0 }), null);
  });
  it('bars cover the 89 days before today, oldest first', () => {
    const today = periodStart(Date.UTC(2026, 10, 30, 15), DAY_MS);
    const days = new Map([
      [today - DAY_MS, { up: 9, degraded: 0, down: 1 }],
      [today - 89 * DAY_MS, { up: 1, degraded: 0, down: 0 }],
      [today - 90 * DAY_MS, { up: 0, degraded: 0, down: 1 }],
    ]);
    const bars = barsFromDays(days, today);
    assert.equal(bars.length, 89);
    assert.equal(bars[0], 100);
    assert.equal(bars[88], 90);
    assert.equal(bars[1], null);
  });
  it('phases spread neighbouring monitors across the interval', () => {
    const phases = Array.from({ length: 100 }, (_, i) => phaseOf(i + 1, 20_000));
    const buckets = new Set(phases.map((p) => Math.floor(p / 2_000)));
    assert.equal(buckets.size, 10, 'every tenth of the interval gets some');
    assert.ok(phases.every((p) => p >= 0 && p < 20_000));
  });
});
