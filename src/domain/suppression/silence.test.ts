import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Matcher } from './matchers.js';
import { compileSilences, findSilence, isSilenceActive, silenceState, validateSilence, type Silence } from './silence.js';

const T0 = Date.parse('2025-06-01T10:00:00Z');
const HOUR = 3_600_000;

function silence(id: string, matchers: Matcher[], startsAt = T0, endsAt = T0 + HOUR): Silence {
  return { id, matchers, startsAt, endsAt, createdBy: 'alice', comment: 'deploying pay' };
}

describe('suppression/silence: activity', () => {
  const s = silence('s1', [{ name: 'service', op: '=', value: 'pay' }]);

  it('is active exactly at startsAt and not a millisecond before', () => {
    assert.equal(isSilenceActive(s, T0), true);
    assert.equal(isSilenceActive(s, T0 - 1), false);
  });

  it('is active a millisecond before endsAt and not exactly at endsAt', () => {
    assert.equal(isSilenceActive(s, T0 + HOUR - 1), true);
    assert.equal(isSilenceActive(s, T0 + HOUR), false);
  });

  it('reports pending, active and expired', () => {
    assert.equal(silenceState(s, T0 - 1), 'pending');
    assert.equal(silenceState(s, T0), 'active');
    assert.equal(silenceState(s, T0 + HOUR), 'expired');
  });
});

describe('suppression/silence: findSilence', () => {
  const pay = silence('pay', [{ name: 'service', op: '=', value: 'pay' }]);
  const crit = silence('crit', [{ name: 'severity', op: '=~', value: 'crit.*' }]);
  const later = silence('later', [{ name: 'service', op: '=', value: 'pay' }], T0 + HOUR, T0 + 2 * HOUR);
  const expired = silence('expired', [{ name: 'service', op: '=~', value: '.+' }], T0 - 2 * HOUR, T0 - HOUR);
  const all = [expired, later, pay, crit];

  const both = (labels: Record<string, string>, now: number): string | null => {
    const a = findSilence(all, labels, now);
    const b = compileSilences(all)(labels, now);
    assert.equal(b, a, 'compileSilences and findSilence disagree');
    return a?.id ?? null;
  };

  it('returns the first active silence that matches', () => {
    assert.equal(both({ service: 'pay', severity: 'critical' }, T0), 'pay');
    assert.equal(both({ service: 'shop', severity: 'critical' }, T0), 'crit');
  });

  it('skips silences that are not active yet or any more', () => {
    assert.equal(both({ service: 'pay' }, T0 + HOUR), 'later');
    assert.equal(both({ service: 'shop' }, T0 - HOUR - 1), 'expired');
    assert.equal(both({ service: 'shop' }, T0 - HOUR), null);
  });

  it('returns null when nothing matches', () => {
    assert.equal(both({ service: 'shop', severity: 'warning' }, T0), null);
    assert.equal(both({}, T0), null);
    assert.equal(findSilence([], { service: 'pay' }, T0), null);
  });

  it('never matches with a silence whose regex is invalid', () => {
    const broken = silence('broken', [{ name: 'service', op: '=~', value: '(' }]);
    assert.equal(findSilence([broken], { service: '(' }, T0), null);
    assert.equal(compileSilences([broken])({ service: '(' }, T0), null);
  });
});

describe('suppression/silence: validateSilence', () => {
  it('accepts a valid silence', () => {
    assert.deepEqual(validateSilence(silence('s', [{ name: 'service', op: '=', value: 'pay' }])), []);
  });

  it('names each bad field', () => {
    const issues = validateSilence({
      matchers: [{ name: 'severity', op: '=~', value: '[' }],
      startsAt: T0,
      endsAt: T0,
      createdBy: ' ',
      comment: '',
    });
    assert.deepEqual(
      issues.map((i) => i.field),
      ['matchers[0].value', 'endsAt', 'createdBy', 'comment'],
    );
  });

  it('requires at least one matcher', () => {
    const issues = validateSilence(silence('s', []));
    assert.deepEqual(
      issues.map((i) => i.field),
      ['matchers'],
    );
  });
});
