import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DurationList, nthSmallest, summarizeDurations } from './durations.js';

describe('metrics/durations', () => {
  it('gives nulls and a zero count for no durations', () => {
    assert.deepEqual(summarizeDurations(new Float64Array()), { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null });
  });

  it('sorts numerically, not as text (9 s before 10 s)', () => {
    // 10 000, 9 000, 100 000 ms: as text 10000 < 100000 < 9000; as numbers 9 s, 10 s, 100 s.
    assert.deepEqual(summarizeDurations(Float64Array.of(10_000, 9_000, 100_000)), {
      count: 3,
      meanSeconds: 39.667,
      medianSeconds: 10,
      p90Seconds: 100,
    });
  });

  it('takes the median and p90 by nearest rank: of ten, the 5th and the 9th', () => {
    const tenths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => s * 1000);
    assert.deepEqual(summarizeDurations(Float64Array.from(tenths.reverse())), {
      count: 10,
      meanSeconds: 5.5,
      medianSeconds: 5,
      p90Seconds: 9,
    });
  });

  it('keeps the mean to the millisecond: (1 + 2) ms / 2 = 1.5 ms rounds to 0.002 s', () => {
    assert.equal(summarizeDurations(Float64Array.of(1, 2)).meanSeconds, 0.002);
    assert.equal(summarizeDurations(Float64Array.of(1_234)).meanSeconds, 1.234);
  });
});

describe('metrics/durations: nthSmallest', () => {
  it('agrees with a full sort at every rank, on shuffled, sorted, reversed and repetitive input', () => {
    let x = 7;
    const random = () => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 1000;
    const inputs = [
      Array.from({ length: 500 }, () => Math.floor(random())),
      Array.from({ length: 300 }, (_, i) => i),
      Array.from({ length: 300 }, (_, i) => 300 - i),
      Array.from({ length: 200 }, (_, i) => i % 3),
      [42],
    ];
    for (const input of inputs) {
      const sorted = [...input].sort((a, b) => a - b);
      for (let k = 0; k < input.length; k++) assert.equal(nthSmallest(Float64Array.from(input), k), sorted[k], `k=${k} of ${input.length}`);
    }
  });
});

describe('metrics/durations: DurationList', () => {
  it('keeps every value in order as it grows past its first capacity', () => {
    const list = new DurationList();
    for (let i = 0; i < 1000; i++) list.push(i * 3);
    const view = list.view();
    assert.equal(view.length, 1000);
    assert.equal(view[0], 0);
    assert.equal(view[999], 2997);
    assert.deepEqual(summarizeDurations(view), { count: 1000, meanSeconds: 1.499, medianSeconds: 1.497, p90Seconds: 2.697 });
  });
});
