import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countIncidentsByPeriod } from './incident-counts.js';
import { at, INCIDENTS } from './metrics-test-fixture.js';
import { periodsBetween } from './periods.js';

const UTC = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' });

describe('metrics/incident-counts', () => {
  it('counts the fixture per week by level, listing empty weeks, with F counted as invalid', () => {
    // Weeks (Monday) from 2025-05-26: A, B start Sunday 1 June (week of 26 May); C on 15 June (week of 9 June);
    // D on 20 June (week of 16 June); E on 2 July and F on 3 July (week of 30 June).
    const periods = periodsBetween(at('2025-06-01T00:00:00Z'), at('2025-07-07T00:00:00Z'), 'week', UTC);
    const { total, periods: counts } = countIncidentsByPeriod(INCIDENTS, periods);
    assert.deepEqual(total, { count: 5, countsByLevel: { 1: 1, 2: 2, 3: 1, 4: 1 }, invalid: 1 });
    assert.deepEqual(
      counts.map((c) => [
        c.period.key,
        c.period.label,
        c.count,
        c.countsByLevel[1],
        c.countsByLevel[2],
        c.countsByLevel[3],
        c.countsByLevel[4],
        c.invalid,
      ]),
      [
        ['2025-05-26', '2025-W22', 2, 1, 1, 0, 0, 0],
        ['2025-06-02', '2025-W23', 0, 0, 0, 0, 0, 0],
        ['2025-06-09', '2025-W24', 1, 0, 1, 0, 0, 0],
        ['2025-06-16', '2025-W25', 1, 0, 0, 1, 0, 0],
        ['2025-06-23', '2025-W26', 0, 0, 0, 0, 0, 0],
        ['2025-06-30', '2025-W27', 1, 0, 0, 0, 1, 1],
      ],
    );
  });

  it('leaves out incidents outside every period', () => {
    const periods = periodsBetween(at('2025-07-01T00:00:00Z'), at('2025-07-02T00:00:00Z'), 'day', UTC);
    const { total } = countIncidentsByPeriod(INCIDENTS, periods);
    assert.deepEqual(total, { count: 0, countsByLevel: { 1: 0, 2: 0, 3: 0, 4: 0 }, invalid: 0 });
  });
});
