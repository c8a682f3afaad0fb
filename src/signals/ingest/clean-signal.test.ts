import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Signal } from '../../domain/signals/signal.js';
import { cleanSignal } from './clean-signal.js';

function signal(overrides: Partial<Signal> = {}): Signal {
  return {
    dedupKey: 'disk-full-db1',
    action: 'trigger',
    summary: 'db1: disk 97% full',
    source: 'db1.example.internal',
    severity: 'critical',
    impact: null,
    service: 'orders',
    facility: null,
    labels: { service: 'orders', region: '华南' },
    details: { custom_details: { mount: '/var', history: [97, 96, { at: 'now' }] }, client: null },
    usersAffectedPct: null,
    recordsExposed: null,
    occurredAt: null,
    links: [],
    ...overrides,
  };
}

/** `depth` objects nested inside each other, a string at the bottom. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { bottom: 'here' };
  for (let i = 1; i < depth; i++) value = { next: value };
  return value;
}

describe('cleanSignal', () => {
  it('returns a signal that is already storable as it came (no copy)', () => {
    const s = signal();
    assert.equal(cleanSignal(s), s);
    const deep = signal({ details: nested(16) });
    assert.equal(cleanSignal(deep), deep, 'sixteen levels are allowed');
  });

  it('removes NUL and mends lone surrogates everywhere a sender can put them, without touching the input', () => {
    const s = signal({
      dedupKey: 'key\u0000one',
      summary: 'half a pair: \ud83d',
      severity: 'crit\u0000ical',
      source: '\udc00source',
      labels: { 'la\u0000bel': 'va\u0000lue', ok: 'fine' },
      details: { 'k\u0000': ['\ud800', { inner: 'x\u0000y' }], n: 5, b: true, z: null },
    });
    const before = structuredClone(s);
    const clean = cleanSignal(s);
    assert.notEqual(clean, s);
    assert.deepEqual(s, before, 'the input is left as it was');
    assert.equal(clean.dedupKey, 'keyone');
    assert.equal(clean.summary, 'half a pair: \ufffd');
    assert.equal(clean.severity, 'critical');
    assert.equal(clean.source, '\ufffdsource');
    assert.deepEqual(clean.labels, { label: 'value', ok: 'fine' });
    assert.deepEqual(clean.details, { k: ['\ufffd', { inner: 'xy' }], n: 5, b: true, z: null });
  });

  it('finds one bad string deep in the details, in a key or a value', () => {
    for (const details of [{ a: { b: { c: ['ok', 'bad\u0000'] } } }, { a: { ['\udfff']: 1 } }, { a: [[['\ud800x']]] }]) {
      const clean = cleanSignal(signal({ details }));
      assert.doesNotMatch(JSON.stringify(clean.details), /\\u0000|\\ud[89a-f]/i, JSON.stringify(details));
    }
    const label = cleanSignal(signal({ labels: { ok: 'fine', bad: 'x\u0000' } }));
    assert.deepEqual(label.labels, { ok: 'fine', bad: 'x' });
  });

  it('cuts details nested deeper than sixteen levels', () => {
    const clean = cleanSignal(signal({ details: nested(18) }));
    let value = clean.details as Record<string, unknown>;
    let depth = 1;
    while (typeof value.next === 'object' && value.next !== null) {
      value = value.next as Record<string, unknown>;
      depth += 1;
    }
    assert.equal(depth, 16);
    assert.equal(value.next, '[nested too deep]');
  });
});
