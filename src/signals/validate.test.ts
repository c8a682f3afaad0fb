import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Problems,
  canonicalJson,
  percentOrNull,
  countOrNull,
  sanitizeLabels,
  stableHash,
  timeOrNull,
  toSummary,
  truncate,
} from './validate.js';

describe('signal validation helpers', () => {
  it('stableHash ignores key order at every level', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
    assert.equal(stableHash({ b: '2', a: '1' }), stableHash({ a: '1', b: '2' }));
    assert.match(stableHash({}), /^[0-9a-f]{64}$/);
  });

  it('truncate never splits a surrogate pair and marks the cut', () => {
    assert.equal(truncate('abc', 3), 'abc');
    assert.equal(truncate('abcd', 3), 'ab…');
    const cut = truncate('a😀😀', 3);
    assert.equal(cut, 'a…');
    assert.ok(cut.length <= 3);
  });

  it('toSummary picks the first non-blank candidate and squeezes whitespace', () => {
    assert.equal(toSummary(undefined, 3, '  ', '\n a \t b\n', 'later'), 'a b');
    assert.equal(toSummary(null, ''), null);
  });

  it('reads impact numbers strictly', () => {
    assert.equal(percentOrNull('12.5%'), 12.5);
    assert.equal(percentOrNull(101), null);
    assert.equal(percentOrNull('1e2'), null);
    assert.equal(countOrNull('1000000'), 1000000);
    assert.equal(countOrNull('1.5'), null);
    assert.equal(countOrNull(-1), null);
  });

  it('timeOrNull reads ISO 8601 and drops Go zero time', () => {
    assert.equal(timeOrNull('2026-11-22T02:16:27.551Z'), Date.UTC(2026, 10, 22, 2, 16, 27, 551));
    assert.equal(timeOrNull('0001-01-01T00:00:00Z'), null);
    assert.equal(timeOrNull('1'), null);
    assert.equal(timeOrNull(1795313787551), null);
  });

  it('sanitizeLabels keeps only string values and reports the rest by path', () => {
    const problems = new Problems();
    assert.deepEqual(sanitizeLabels({ a: 'x', b: 2 }, 'labels', problems), { a: 'x' });
    assert.deepEqual(problems.errors(), ['labels.b must be a string']);
    const coerced = new Problems();
    assert.deepEqual(sanitizeLabels({ a: 2, b: false }, 'details', coerced, { coerceScalars: true }), { a: '2', b: 'false' });
    assert.equal(coerced.any, false);
  });
});
