import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zoneFormatter } from '../time/zone.js';
import { isoWeekLabel, periodIndexOf, periodsBetween, startOfLocalDate } from './periods.js';

const zone = (tz: string) => zoneFormatter(tz) as Intl.DateTimeFormat;
const at = (iso: string) => Date.parse(iso);
const show = (periods: ReturnType<typeof periodsBetween>) =>
  periods.map((p) => `${p.key} ${p.label} ${new Date(p.start).toISOString()}–${new Date(p.end).toISOString()}`);

describe('metrics/periods', () => {
  it('lists the UTC months overlapping the range with their natural bounds', () => {
    assert.deepEqual(show(periodsBetween(at('2025-01-15T00:00:00Z'), at('2025-03-01T00:00:00Z'), 'month', zone('UTC'))), [
      '2025-01 2025-01 2025-01-01T00:00:00.000Z–2025-02-01T00:00:00.000Z',
      '2025-02 2025-02 2025-02-01T00:00:00.000Z–2025-03-01T00:00:00.000Z',
    ]);
  });

  it('starts weeks on Monday and labels them with the ISO week, across a year end', () => {
    // 2024-12-30 is a Monday, and its week is 2025-W01 (it holds 2 January, a Thursday).
    assert.deepEqual(show(periodsBetween(at('2024-12-25T00:00:00Z'), at('2025-01-07T00:00:00Z'), 'week', zone('UTC'))), [
      '2024-12-23 2024-W52 2024-12-23T00:00:00.000Z–2024-12-30T00:00:00.000Z',
      '2024-12-30 2025-W01 2024-12-30T00:00:00.000Z–2025-01-06T00:00:00.000Z',
      '2025-01-06 2025-W02 2025-01-06T00:00:00.000Z–2025-01-13T00:00:00.000Z',
    ]);
    assert.equal(isoWeekLabel(Date.UTC(2020, 11, 28)), '2020-W53');
    assert.equal(isoWeekLabel(Date.UTC(2021, 0, 4)), '2021-W01');
  });

  it('reads months in the zone: June in Shanghai starts at 16:00 UTC the day before', () => {
    const periods = periodsBetween(at('2025-06-10T00:00:00Z'), at('2025-07-10T00:00:00Z'), 'month', zone('Asia/Shanghai'));
    assert.deepEqual(show(periods), [
      '2025-06 2025-06 2025-05-31T16:00:00.000Z–2025-06-30T16:00:00.000Z',
      '2025-07 2025-07 2025-06-30T16:00:00.000Z–2025-07-31T16:00:00.000Z',
    ]);
    // 2025-06-30 17:00 UTC is 1 July, 01:00 in Shanghai.
    assert.equal(periodIndexOf(periods, at('2025-06-30T17:00:00Z')), 1);
    assert.equal(periodIndexOf(periods, at('2025-06-30T15:59:59.999Z')), 0);
    assert.equal(periodIndexOf(periods, at('2025-08-01T00:00:00Z')), -1);
  });

  it('follows DST: the New York day of the spring change is 23 hours long', () => {
    const days = periodsBetween(at('2025-03-08T12:00:00Z'), at('2025-03-10T12:00:00Z'), 'day', zone('America/New_York'));
    assert.deepEqual(
      days.map((p) => [p.key, (p.end - p.start) / 3_600_000]),
      [
        ['2025-03-08', 24],
        ['2025-03-09', 23],
        ['2025-03-10', 24],
      ],
    );
  });

  it('reads a date as its midnight in the zone and rejects dates that do not exist', () => {
    assert.equal(startOfLocalDate('2025-06-01', zone('UTC')), at('2025-06-01T00:00:00Z'));
    assert.equal(startOfLocalDate('2025-06-01', zone('Asia/Shanghai')), at('2025-05-31T16:00:00Z'));
    assert.equal(startOfLocalDate('2025-02-29', zone('UTC')), null);
    assert.equal(startOfLocalDate('2025-6-1', zone('UTC')), null);
  });
});
