import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sloWindowBounds } from './slo.js';

describe('slo/window bounds', () => {
  const now = Date.UTC(2026, 2, 10, 10, 30, 30);

  it('a rolling window is the current hour and the days × 24 − 1 hours before it', () => {
    const b = sloWindowBounds({ kind: 'rolling', days: 28 }, now);
    assert.equal(new Date(b.start).toISOString(), '2026-02-10T11:00:00.000Z');
    assert.equal(b.end, now);
    assert.equal(b.windowMinutes, 40_320);
    assert.equal(b.elapsedMinutes, 40_320);
  });

  it('a calendar month runs from its first midnight (UTC); its budget is the whole month', () => {
    const b = sloWindowBounds({ kind: 'calendar-month' }, now);
    assert.equal(new Date(b.start).toISOString(), '2026-03-01T00:00:00.000Z');
    assert.equal(new Date(b.end).toISOString(), '2026-04-01T00:00:00.000Z');
    assert.equal(b.windowMinutes, 31 * 1_440);
    assert.equal(b.elapsedMinutes, 9 * 1_440 + 630.5);
  });
});
