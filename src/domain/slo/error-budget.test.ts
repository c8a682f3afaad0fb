import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorBudget, trailingCounts, type CheckCounts } from './error-budget.js';

const c = (good: number, total: number): CheckCounts => ({ good, total });
const MIN = 60_000;

describe('slo/error-budget', () => {
  // 99.9 % over 28 days: the budget is 0.1 % of 40,320 minutes = 40.32 minutes.
  const base = { targetPct: 99.9, windowMinutes: 40_320, elapsedMinutes: 40_320 };

  it('spends the budget in proportion to the bad share: 5 bad of 10,000 is half of a 0.1 % budget', () => {
    const b = errorBudget({
      ...base,
      window: c(9_995, 10_000),
      // 1 h: 3 bad of 60 = 5 % → 50×; 5 m: 1 of 5 = 20 % → 200×; 6 h: 3 of 360 → 8.3333×; 30 m: 3 of 30 → 100×; 24 h: 3 of 1440 → 2.0833×.
      burn: { '5m': c(4, 5), '30m': c(27, 30), '1h': c(57, 60), '6h': c(357, 360), '24h': c(1_437, 1_440) },
    });
    assert.equal(b.availabilityPct, 99.95);
    assert.equal(b.budgetMinutes, 40.32);
    assert.equal(b.budgetSpentMinutes, 20.16);
    assert.equal(b.budgetRemainingMinutes, 20.16);
    assert.equal(b.budgetRemainingFraction, 0.5);
    assert.deepEqual(b.burnRates, { '5m': 200, '30m': 100, '1h': 50, '6h': 8.3333, '24h': 2.0833 });
    assert.equal(b.fastBurn, true, '1 h ≥ 14.4 and 5 m ≥ 14.4');
    assert.equal(b.slowBurn, true, '6 h ≥ 6 and 30 m ≥ 6');
  });

  it('goes negative once overspent, and needs both windows of an alert', () => {
    const b = errorBudget({
      ...base,
      window: c(9_980, 10_000),
      // 1 h at exactly 14.4× (0.0144 bad share) but the last 5 minutes clean: no fast burn.
      burn: { '5m': c(5, 5), '30m': c(30, 30), '1h': c(4_928, 5_000), '6h': c(1, 1), '24h': c(1, 1) },
    });
    assert.equal(b.budgetRemainingMinutes, -40.32);
    assert.equal(b.budgetRemainingFraction, -1);
    assert.equal(b.burnRates['1h'], 14.4);
    assert.equal(b.fastBurn, false);
    assert.equal(b.slowBurn, false);
  });

  it('counts a calendar window’s budget for the whole month but spends it over the days elapsed', () => {
    // 95 % over a 30-day month = 2,160 minutes of budget; 10 days in, 10 % bad spends 1,440.
    const b = errorBudget({
      targetPct: 95,
      windowMinutes: 43_200,
      elapsedMinutes: 14_400,
      window: c(90, 100),
      burn: { '5m': c(0, 0), '30m': c(0, 0), '1h': c(0, 0), '6h': c(0, 0), '24h': c(0, 0) },
    });
    assert.equal(b.budgetMinutes, 2_160);
    assert.equal(b.budgetSpentMinutes, 1_440);
    assert.equal(b.budgetRemainingFraction, 0.333333);
    assert.deepEqual(b.burnRates, { '5m': null, '30m': null, '1h': null, '6h': null, '24h': null }, 'no checks: no rate, not zero');
  });

  it('says nothing it does not know when nothing was checked', () => {
    const none = { '5m': c(0, 0), '30m': c(0, 0), '1h': c(0, 0), '6h': c(0, 0), '24h': c(0, 0) };
    const b = errorBudget({ ...base, window: c(0, 0), burn: none });
    assert.equal(b.availabilityPct, null);
    assert.equal(b.budgetRemainingFraction, null);
    assert.equal(b.budgetRemainingMinutes, null);
    assert.equal(b.budgetMinutes, 40.32, 'the budget itself is known');
  });
});

describe('slo/error-budget: trailingCounts', () => {
  it('reads each window back from the current minute, that minute included', () => {
    const now = Date.UTC(2026, 2, 10, 10, 30, 30);
    const minute = now - 30_000;
    const rows = [
      { start: minute, good: 1, total: 1 },
      { start: minute - 4 * MIN, good: 1, total: 2 }, // the 5th minute back: in 5 m
      { start: minute - 5 * MIN, good: 3, total: 3 }, // the 6th: not in 5 m, in 30 m
      { start: minute - 59 * MIN, good: 0, total: 4 }, // in 1 h
      { start: minute - 60 * MIN, good: 5, total: 5 }, // not in 1 h
      { start: minute - 1_439 * MIN, good: 6, total: 6 }, // in 24 h
      { start: minute + MIN, good: 100, total: 100 }, // after now: never
    ];
    assert.deepEqual(trailingCounts(rows, now), {
      '5m': c(2, 3),
      '30m': c(5, 6),
      '1h': c(5, 10),
      '6h': c(10, 15),
      '24h': c(16, 21),
    });
  });
});
