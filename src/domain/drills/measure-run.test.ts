import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureRun, type RunIncident } from './measure-run.js';

const MIN = 60_000;
const START = Date.parse('2026-04-01T02:00:00Z');
const RTO = new Map<string, number | null>([
  ['gz-1', null],
  ['pay', 30],
  ['chat', 60],
]);

function incident(overrides: Partial<RunIncident> = {}): RunIncident {
  return {
    services: ['gz-1', 'pay', 'chat'],
    createdAt: START + 2_000,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    ...overrides,
  };
}

describe('measuring a drill run', () => {
  it('while open: times so far, pending verdict, and an RTO already overrun shows as breached', () => {
    const m = measureRun(START, [incident({ acknowledgedAt: START + 3 * MIN })], ['gz-1'], RTO, START + 45 * MIN);
    assert.equal(m.detectMs, 2_000);
    assert.equal(m.acknowledgeMs, 3 * MIN);
    assert.equal(m.mitigateMs, null);
    assert.equal(m.recoverMs, null);
    assert.equal(m.verdict, 'pending');
    assert.equal(m.complete, false);
    assert.deepEqual(
      m.services.map((s) => [s.serviceId, s.verdict]),
      [
        ['gz-1', 'no_target'],
        ['pay', 'breached'],
        ['chat', 'pending'],
      ],
    );
  });

  it('recovered within every RTO: met; mitigation defaults to the recovery when nobody mitigated', () => {
    const m = measureRun(
      START,
      [incident({ acknowledgedAt: START + 3 * MIN, resolvedAt: START + 20 * MIN })],
      ['gz-1'],
      RTO,
      START + 21 * MIN,
    );
    assert.equal(m.verdict, 'met');
    assert.equal(m.mitigateMs, 20 * MIN);
    assert.equal(m.recoverMs, 20 * MIN);
    assert.equal(m.endedAt, START + 20 * MIN);
    assert.ok(m.services.filter((s) => s.rtoMinutes !== null).every((s) => s.verdict === 'met'));
  });

  it('one service past its RTO breaches the run; the slowest incident sets each stage', () => {
    const fast = incident({ services: ['pay'], acknowledgedAt: START + MIN, resolvedAt: START + 10 * MIN });
    const slow = incident({ services: ['chat'], createdAt: START + 5_000, mitigatedAt: START + 50 * MIN, resolvedAt: START + 70 * MIN });
    const m = measureRun(START, [fast, slow], ['pay', 'chat'], RTO, START + 80 * MIN);
    assert.equal(m.detectMs, 5_000);
    assert.equal(m.acknowledgeMs, 50 * MIN, 'nobody acknowledged the slow one: its mitigation counts');
    assert.equal(m.recoverMs, 70 * MIN);
    assert.equal(m.verdict, 'breached');
    assert.deepEqual(
      m.services.map((s) => [s.serviceId, s.recoverMs, s.verdict]),
      [
        ['pay', 10 * MIN, 'met'],
        ['chat', 70 * MIN, 'breached'],
      ],
    );
  });

  it('no RTO anywhere: no_target; no incident yet: pending', () => {
    const none = new Map<string, number | null>();
    assert.equal(measureRun(START, [incident({ resolvedAt: START + MIN })], ['gz-1'], none, START + 2 * MIN).verdict, 'no_target');
    const empty = measureRun(START, [], ['gz-1'], RTO, START + MIN);
    assert.equal(empty.verdict, 'pending');
    assert.equal(empty.detectMs, null);
  });
});
