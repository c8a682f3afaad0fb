import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DurationSummary } from './durations.js';
import { at, INCIDENTS, S, servicesOf, TEAM_OF, type FixtureIncident } from './metrics-test-fixture.js';
import { periodsBetween } from './periods.js';
import { computeReliability, type ReliabilityGroup, type ReliabilitySummary } from './reliability.js';

const UTC = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' });
const d = (count: number, mean: number | null, median: number | null, p90: number | null): DurationSummary => ({
  count,
  meanSeconds: mean,
  medianSeconds: median,
  p90Seconds: p90,
});
const NONE = d(0, null, null, null);

/** A group's numbers without the key, to compare with a hand-computed summary. */
function summaryOf(groups: ReliabilityGroup[], key: string | null): ReliabilitySummary {
  const group = groups.find((g) => g.key === key);
  assert.ok(group, `no group ${String(key)} in ${groups.map((g) => g.key).join()}`);
  const { key: _key, ...summary } = group;
  return summary;
}

// A alone (F, also level 1, is invalid): 60 / 120 / 900 / 3600 seconds.
const ONLY_A: ReliabilitySummary = {
  count: 1,
  invalid: 1,
  countsByLevel: { 1: 1, 2: 0, 3: 0, 4: 0 },
  detect: d(1, 60, 60, 60),
  acknowledge: d(1, 120, 120, 120),
  mitigate: d(1, 900, 900, 900),
  resolve: d(1, 3600, 3600, 3600),
};
// B and C: detect (300 + 0) / 2 = 150, median rank ⌈0.5·2⌉ = 1 → 0, p90 rank ⌈0.9·2⌉ = 2 → 300;
// ack (600 + 180) / 2 = 390, median 180, p90 600; only B is mitigated (1800) and resolved (7200).
const B_AND_C: ReliabilitySummary = {
  count: 2,
  invalid: 0,
  countsByLevel: { 1: 0, 2: 2, 3: 0, 4: 0 },
  detect: d(2, 150, 0, 300),
  acknowledge: d(2, 390, 180, 600),
  mitigate: d(1, 1800, 1800, 1800),
  resolve: d(1, 7200, 7200, 7200),
};
const ONLY_E: ReliabilitySummary = {
  count: 1,
  invalid: 0,
  countsByLevel: { 1: 0, 2: 0, 3: 0, 4: 1 },
  detect: d(1, 30, 30, 30),
  acknowledge: d(1, 90, 90, 90),
  mitigate: d(1, 600, 600, 600),
  resolve: d(1, 600, 600, 600),
};

describe('metrics/reliability: overall', () => {
  const { overall } = computeReliability(INCIDENTS, { by: 'level' });

  it('counts the five incidents in order by level and leaves F (acknowledged before detection) out as invalid', () => {
    assert.equal(overall.count, 5);
    assert.equal(overall.invalid, 1);
    assert.deepEqual(overall.countsByLevel, { 1: 1, 2: 2, 3: 1, 4: 1 });
  });

  it('MTTD = (60 + 300 + 0 + 120 + 30) / 5 = 102 s; sorted 0, 30, 60, 120, 300: median rank 3 → 60, p90 rank 5 → 300', () => {
    assert.deepEqual(overall.detect, d(5, 102, 60, 300));
  });

  it('MTTA = (120 + 600 + 180 + 90) / 4 = 247.5 s over the four acknowledged (D never was); median rank 2 of 90, 120, 180, 600 → 120', () => {
    assert.deepEqual(overall.acknowledge, d(4, 247.5, 120, 600));
  });

  it('MTTM = (900 + 1800 + 2400 + 600) / 4 = 1425 s (C is not mitigated); sorted 600, 900, 1800, 2400 → median 900, p90 2400', () => {
    assert.deepEqual(overall.mitigate, d(4, 1425, 900, 2400));
  });

  it('MTTR = (3600 + 7200 + 2400 + 600) / 4 = 3450 s; sorted 600, 2400, 3600, 7200 → median 2400, p90 7200', () => {
    assert.deepEqual(overall.resolve, d(4, 3450, 2400, 7200));
  });
});

describe('metrics/reliability: groups', () => {
  it('by level lists all four levels in order, each with its own numbers', () => {
    const { groups } = computeReliability(INCIDENTS, { by: 'level' });
    assert.deepEqual(
      groups.map((g) => g.key),
      ['1', '2', '3', '4'],
    );
    assert.deepEqual(summaryOf(groups, '1'), ONLY_A);
    assert.deepEqual(summaryOf(groups, '2'), B_AND_C);
    assert.deepEqual(summaryOf(groups, '3'), {
      count: 1,
      invalid: 0,
      countsByLevel: { 1: 0, 2: 0, 3: 1, 4: 0 },
      detect: d(1, 120, 120, 120),
      acknowledge: NONE,
      mitigate: d(1, 2400, 2400, 2400),
      resolve: d(1, 2400, 2400, 2400),
    });
    assert.deepEqual(summaryOf(groups, '4'), ONLY_E);
  });

  it('by level lists a level without incidents with zero counts and null durations', () => {
    const { groups } = computeReliability(
      INCIDENTS.filter((i) => i.level !== 3),
      { by: 'level' },
    );
    assert.deepEqual(summaryOf(groups, '3'), {
      count: 0,
      invalid: 0,
      countsByLevel: { 1: 0, 2: 0, 3: 0, 4: 0 },
      detect: NONE,
      acknowledge: NONE,
      mitigate: NONE,
      resolve: NONE,
    });
  });

  it('by service counts an incident under each of its services, sorted by id', () => {
    const { groups, overall } = computeReliability(INCIDENTS, { by: 'service', servicesOf });
    assert.deepEqual(
      groups.map((g) => [g.key, g.count, g.invalid]),
      [
        ['chat', 2, 0],
        ['pay', 1, 1],
        ['search', 2, 0],
        ['storage', 1, 0],
        ['wiki', 1, 0],
      ],
    );
    assert.equal(overall.count, 5, 'overall counts each incident once');
    assert.deepEqual(summaryOf(groups, 'chat'), B_AND_C);
    // search: C and D. detect (0 + 120) / 2 = 60, median 0, p90 120; only C acknowledged (180); only D mitigated and resolved (2400).
    const search = summaryOf(groups, 'search');
    assert.deepEqual(
      [search.detect, search.acknowledge, search.mitigate, search.resolve],
      [d(2, 60, 0, 120), d(1, 180, 180, 180), d(1, 2400, 2400, 2400), d(1, 2400, 2400, 2400)],
    );
  });

  it('by team counts an incident once per team of its services; incidents of unowned services group under null, last', () => {
    const { groups } = computeReliability(INCIDENTS, { by: 'team', servicesOf, teamOf: TEAM_OF });
    assert.deepEqual(
      groups.map((g) => [g.key, g.count, g.invalid]),
      [
        ['infra', 1, 0],
        ['messaging', 3, 0], // B, C (chat and search, counted once), D
        ['payments', 1, 1],
        [null, 1, 0],
      ],
    );
    assert.deepEqual(summaryOf(groups, null), ONLY_E);
    // messaging: B, C, D. detect (300 + 0 + 120) / 3 = 140, sorted 0, 120, 300 → median rank 2 → 120, p90 rank 3 → 300;
    // ack (600 + 180) / 2 = 390; mitigate (1800 + 2400) / 2 = 2100; resolve (7200 + 2400) / 2 = 4800, median rank 1 → 2400.
    const messaging = summaryOf(groups, 'messaging');
    assert.deepEqual(
      [messaging.detect, messaging.acknowledge, messaging.mitigate, messaging.resolve],
      [d(3, 140, 120, 300), d(2, 390, 180, 600), d(2, 2100, 1800, 2400), d(2, 4800, 2400, 7200)],
    );
  });

  it('by month (UTC) puts A–D in June and E (with invalid F) in July', () => {
    const periods = periodsBetween(at('2025-06-01T00:00:00Z'), at('2025-08-01T00:00:00Z'), 'month', UTC);
    const { groups } = computeReliability(INCIDENTS, { by: 'period', periods });
    assert.deepEqual(
      groups.map((g) => g.key),
      ['2025-06', '2025-07'],
    );
    // June: detect (60 + 300 + 0 + 120) / 4 = 120, sorted 0, 60, 120, 300 → median 60, p90 300;
    // ack (120 + 600 + 180) / 3 = 300, median 180; mitigate (900 + 1800 + 2400) / 3 = 1700, median 1800;
    // resolve (3600 + 7200 + 2400) / 3 = 4400, median 3600, p90 7200.
    assert.deepEqual(summaryOf(groups, '2025-06'), {
      count: 4,
      invalid: 0,
      countsByLevel: { 1: 1, 2: 2, 3: 1, 4: 0 },
      detect: d(4, 120, 60, 300),
      acknowledge: d(3, 300, 180, 600),
      mitigate: d(3, 1700, 1800, 2400),
      resolve: d(3, 4400, 3600, 7200),
    });
    assert.deepEqual(summaryOf(groups, '2025-07'), { ...ONLY_E, invalid: 1 });
  });
});

describe('metrics/reliability: times out of order', () => {
  const base: FixtureIncident = {
    id: 'x',
    level: 2,
    startedAt: at('2025-06-01T00:00:00Z'),
    createdAt: at('2025-06-01T00:01:00Z'),
    acknowledgedAt: at('2025-06-01T00:02:00Z'),
    mitigatedAt: at('2025-06-01T00:03:00Z'),
    resolvedAt: at('2025-06-01T00:04:00Z'),
  };
  const cases: Array<[string, Partial<FixtureIncident>]> = [
    ['started after detection', { startedAt: base.createdAt + S }],
    ['acknowledged before detection', { acknowledgedAt: base.createdAt - S }],
    ['mitigated before acknowledgement', { mitigatedAt: base.createdAt + 30 * S }],
    ['resolved before mitigation', { resolvedAt: base.createdAt + 90 * S }],
    ['resolved before detection, never acknowledged or mitigated', { acknowledgedAt: null, mitigatedAt: null, resolvedAt: base.startedAt }],
  ];
  for (const [name, change] of cases) {
    it(`an incident ${name} is invalid and adds no duration`, () => {
      const { overall } = computeReliability([base, { ...base, id: 'bad', ...change }], { by: 'level' });
      assert.equal(overall.count, 1);
      assert.equal(overall.invalid, 1);
      assert.deepEqual(overall.countsByLevel, { 1: 0, 2: 1, 3: 0, 4: 0 });
      assert.deepEqual(overall.resolve, d(1, 240, 240, 240));
    });
  }

  it('equal times are in order: mitigating an unacknowledged incident acknowledges it at the same moment', () => {
    const { overall } = computeReliability([{ ...base, acknowledgedAt: base.mitigatedAt }], { by: 'level' });
    assert.equal(overall.invalid, 0);
    assert.deepEqual(overall.acknowledge, d(1, 180, 180, 180));
  });

  it('an empty set gives zero counts and null durations, never NaN', () => {
    const { overall, groups } = computeReliability([], { by: 'service', servicesOf });
    assert.deepEqual(overall.detect, NONE);
    assert.equal(overall.count, 0);
    assert.deepEqual(groups, []);
  });
});
