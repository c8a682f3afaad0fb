import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_ESCALATION_STEPS,
  MAX_TARGETS_PER_STEP,
  validateEscalationPolicy,
  type EscalationPolicy,
  type EscalationStep,
} from './policy.js';

function step(delayMinutes: number, ...userIds: string[]): EscalationStep {
  return { delayMinutes, targets: userIds.map((id) => ({ kind: 'user', id })) };
}

function policy(steps: EscalationStep[], repeat = 0): EscalationPolicy {
  return { id: 'ep1', name: 'Payments', steps, repeat };
}

const fields = (p: EscalationPolicy): string[] => validateEscalationPolicy(p).map((i) => i.field);

describe('escalation/policy: validateEscalationPolicy', () => {
  it('accepts a three-step policy that repeats', () => {
    const p = policy([step(5, 'alice'), step(10, 'bob'), { delayMinutes: 15, targets: [{ kind: 'team', id: 'sre' }] }], 2);
    assert.deepEqual(validateEscalationPolicy(p), []);
  });

  it('lets the last delay be 0 only when the policy does not repeat (it schedules nothing then)', () => {
    assert.deepEqual(fields(policy([step(0, 'alice')], 0)), []);
    assert.deepEqual(fields(policy([step(5, 'alice'), step(0, 'bob')], 0)), []);
    const issues = validateEscalationPolicy(policy([step(0, 'alice')], 2));
    assert.deepEqual(
      issues.map((i) => i.field),
      ['steps[0].delayMinutes'],
    );
    assert.match(issues[0]!.message, /from 1 to 1440.*before the policy repeats/);
  });

  it('refuses a delay under a minute before another step', () => {
    const issues = validateEscalationPolicy(policy([step(5, 'alice'), step(0, 'bob'), step(5, 'carol')]));
    assert.deepEqual(
      issues.map((i) => i.field),
      ['steps[1].delayMinutes'],
    );
    assert.match(issues[0]!.message, /before the next step/);
  });

  it('refuses fractional, negative and over-long delays', () => {
    assert.deepEqual(fields(policy([step(1.5, 'a'), step(-1, 'b'), step(1441, 'c'), step(5, 'd')], 1)), [
      'steps[0].delayMinutes',
      'steps[1].delayMinutes',
      'steps[2].delayMinutes',
    ]);
  });

  it('names the target that is wrong', () => {
    const p = policy([
      step(5, 'alice'),
      {
        delayMinutes: 5,
        targets: [
          { kind: 'user', id: 'bob' },
          { kind: 'schedule', id: '' },
          { kind: 'rota', id: 'x' } as unknown as EscalationStep['targets'][number],
          { kind: 'user', id: 'bob' },
        ],
      },
    ]);
    const issues = validateEscalationPolicy(p);
    assert.deepEqual(
      issues.map((i) => i.field),
      ['steps[1].targets[1].id', 'steps[1].targets[2].kind', 'steps[1].targets[3]'],
    );
    assert.equal(issues[2]!.message, 'repeats steps[1].targets[0]');
  });

  it('limits the number of steps and of targets, and needs at least one of each', () => {
    assert.deepEqual(fields(policy([])), ['steps']);
    assert.deepEqual(fields(policy(Array.from({ length: MAX_ESCALATION_STEPS + 1 }, () => step(5, 'a')))), ['steps']);
    assert.deepEqual(fields(policy(Array.from({ length: MAX_ESCALATION_STEPS }, () => step(5, 'a')))), []);
    const many = Array.from({ length: MAX_TARGETS_PER_STEP + 1 }, (_, i) => `u${i}`);
    assert.deepEqual(fields(policy([step(5, ...many)])), ['steps[0].targets']);
    assert.deepEqual(fields(policy([step(5)])), ['steps[0].targets']);
  });

  it('keeps repeat within 0..9 and needs a name', () => {
    assert.deepEqual(fields(policy([step(5, 'a')], 9)), []);
    assert.deepEqual(fields(policy([step(5, 'a')], 10)), ['repeat']);
    assert.deepEqual(fields(policy([step(5, 'a')], -1)), ['repeat']);
    assert.deepEqual(fields({ ...policy([step(5, 'a')]), name: '  ' }), ['name']);
  });
});
