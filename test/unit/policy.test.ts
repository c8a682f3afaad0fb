import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FenghuoError } from '../../src/domain/errors.js';
import { affectedFrom } from '../../src/domain/grading/facts.js';
import { gradeIncident } from '../../src/domain/grading/grade-incident.js';
import { parsePolicy, parsePolicyYaml } from '../../src/domain/grading/parse-policy.js';
import { DEFAULT_POLICY, IMPACT_TYPES, type ImpactType } from '../../src/domain/grading/policy.js';
import { DEFAULT_RESPONSE_PROFILES } from '../../src/domain/response/profiles.js';
import { seedCatalog } from '../helpers/catalog-builders.js';

/**
 * The table of DESIGN.md ("The grading policy (default)"), written out by hand.
 * `impacts` lists the impact types the table names for the rule; `exactImpacts` marks rows
 * where the table pins them down completely.
 */
const DESIGN_TABLE: Array<{
  rule: string;
  level: 1 | 2 | 3 | 4;
  impacts: ImpactType[];
  exactImpacts: boolean;
  minRecords: number | null;
  maxRecords: number | null;
}> = [
  {
    rule: 'payment',
    level: 1,
    impacts: ['outage', 'degraded', 'data_leak', 'security_attack', 'incorrect_results'],
    exactImpacts: true,
    minRecords: null,
    maxRecords: null,
  },
  { rule: 'core-outage', level: 1, impacts: ['outage'], exactImpacts: true, minRecords: null, maxRecords: null },
  { rule: 'infrastructure', level: 1, impacts: ['outage'], exactImpacts: false, minRecords: null, maxRecords: null },
  { rule: 'large-data-leak', level: 1, impacts: ['data_leak'], exactImpacts: true, minRecords: 1_000_000, maxRecords: null },
  { rule: 'attack-paralysis', level: 1, impacts: ['security_attack'], exactImpacts: true, minRecords: null, maxRecords: null },
  { rule: 'core-partial', level: 2, impacts: ['outage', 'degraded'], exactImpacts: false, minRecords: null, maxRecords: null },
  { rule: 'feature-outage', level: 2, impacts: ['outage'], exactImpacts: true, minRecords: null, maxRecords: null },
  { rule: 'data-leak', level: 2, impacts: ['data_leak'], exactImpacts: true, minRecords: 1_000, maxRecords: 999_999 },
  { rule: 'security-attack', level: 2, impacts: ['security_attack'], exactImpacts: true, minRecords: null, maxRecords: null },
  { rule: 'local-fault', level: 3, impacts: ['outage', 'degraded'], exactImpacts: false, minRecords: null, maxRecords: null },
  { rule: 'small-data-leak', level: 3, impacts: ['data_leak'], exactImpacts: true, minRecords: 1, maxRecords: 999 },
  { rule: 'vulnerability', level: 3, impacts: ['vulnerability'], exactImpacts: true, minRecords: null, maxRecords: null },
  { rule: 'complaint', level: 4, impacts: ['complaint'], exactImpacts: true, minRecords: null, maxRecords: null },
];
const DESIGN_LARGE_PCT = 10;

function assertInvalidPolicy(fn: () => unknown, field: string): FenghuoError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof FenghuoError, `expected a FenghuoError, got ${String(caught)}`);
  assert.equal(caught.code, 'invalid_policy');
  const fields = caught.details?.map((d) => d.field) ?? [];
  assert.ok(fields.includes(field), `details should name ${field}; got ${JSON.stringify(caught.details)}`);
  return caught;
}

describe('DEFAULT_POLICY equals the table of DESIGN.md', () => {
  it('has the same rules, in order, at the same levels', () => {
    assert.deepEqual(
      DEFAULT_POLICY.rules.map((r) => ({ rule: r.name, kind: r.kind, level: r.level, enabled: r.enabled })),
      DESIGN_TABLE.map((row) => ({ rule: row.rule, kind: row.rule, level: row.level, enabled: true })),
    );
  });

  it('has the data-leak thresholds 1,000,000 / 1,000–999,999 / 1–999', () => {
    assert.deepEqual(
      DEFAULT_POLICY.rules.map((r) => ({ rule: r.name, minRecords: r.minRecords, maxRecords: r.maxRecords })),
      DESIGN_TABLE.map((row) => ({ rule: row.rule, minRecords: row.minRecords, maxRecords: row.maxRecords })),
    );
  });

  it('looks at the impact types the table names', () => {
    for (const row of DESIGN_TABLE) {
      const rule = DEFAULT_POLICY.rules.find((r) => r.name === row.rule);
      assert.ok(rule, row.rule);
      if (row.exactImpacts) {
        assert.deepEqual([...rule.impacts].sort(), [...row.impacts].sort(), row.rule);
      } else {
        for (const impact of row.impacts) assert.ok(rule.impacts.includes(impact), `${row.rule} should look at ${impact}`);
      }
    }
    const payment = DEFAULT_POLICY.rules.find((r) => r.kind === 'payment');
    assert.deepEqual(
      [...(payment?.impacts ?? [])].sort(),
      IMPACT_TYPES.filter((i) => i !== 'complaint' && i !== 'vulnerability').sort(),
      'payment: any impact other than complaint/vulnerability',
    );
  });

  it('counts ≥ 10% of users as a large scope, with no escalation by duration', () => {
    assert.equal(DEFAULT_POLICY.scope.largePct, DESIGN_LARGE_PCT);
    assert.deepEqual(DEFAULT_POLICY.durationEscalation, []);
  });
});

describe('parsePolicyYaml', () => {
  it("'' and '{}' give the default policy", () => {
    assert.deepEqual(parsePolicyYaml(''), DEFAULT_POLICY);
    assert.deepEqual(parsePolicyYaml('{}'), DEFAULT_POLICY);
    assert.deepEqual(parsePolicy(undefined), DEFAULT_POLICY);
  });

  it('scope.largePct: 5 makes a 6% critical outage level 1', () => {
    const facts = { affected: affectedFrom(['chat'], 'outage'), usersAffectedPct: 6 };
    const catalog = seedCatalog();
    assert.equal(gradeIncident(facts, catalog, DEFAULT_POLICY).level, 2);
    const policy = parsePolicyYaml('scope:\n  largePct: 5\n');
    assert.equal(policy.scope.largePct, 5);
    assert.equal(policy.scope.whenUnknown, DEFAULT_POLICY.scope.whenUnknown, 'other scope settings keep their defaults');
    const result = gradeIncident(facts, catalog, policy);
    assert.equal(result.level, 1);
    assert.equal(result.reasons[0]?.rule, 'core-outage');
    assert.match(result.reasons[0]?.detail ?? '', /6 ≥ 5/);
  });

  it('custom rules replace the default list', () => {
    const policy = parsePolicyYaml(
      ['rules:', '  - kind: payment', '    name: money', '    level: 2', '  - kind: complaint', '    level: 4'].join('\n'),
    );
    assert.deepEqual(
      policy.rules.map((r) => [r.name, r.kind, r.level]),
      [
        ['money', 'payment', 2],
        ['complaint', 'complaint', 4],
      ],
    );
    // Unstated fields come from the built-in rule of the same kind.
    assert.deepEqual(policy.rules[0]?.impacts, DEFAULT_POLICY.rules.find((r) => r.kind === 'payment')?.impacts);
    const result = gradeIncident({ affected: affectedFrom(['wechat-pay'], 'degraded') }, seedCatalog(), policy);
    assert.equal(result.level, 2);
    assert.deepEqual(
      result.reasons.map((r) => r.rule),
      ['money'],
      'core-partial is gone with the rest of the default list',
    );
  });

  it('preset: china names the national tiers next to levels 1–4', () => {
    const policy = parsePolicyYaml('preset: china\n');
    assert.deepEqual(
      [1, 2, 3, 4].map((l) => policy.levels[l as 1 | 2 | 3 | 4].nationalTier),
      ['特别重大', '重大', '较大', '一般'],
    );
    assert.equal(policy.levels[1].zh, DEFAULT_POLICY.levels[1].zh);
    assert.deepEqual(policy.rules, DEFAULT_POLICY.rules, 'the preset names tiers; it does not change the rules');
    assert.equal(DEFAULT_POLICY.levels[1].nationalTier, null, 'the default policy names no national tier');
  });

  it('a partial responseProfiles override merges over the defaults', () => {
    const policy = parsePolicyYaml(
      [
        'responseProfiles:',
        '  1:',
        '    ackTargetMinutes: 10',
        '    regulatorReport:',
        '      required: true',
        '      dueMinutes: 240',
      ].join('\n'),
    );
    const one = policy.responseProfiles[1];
    const base = DEFAULT_RESPONSE_PROFILES[1];
    assert.equal(one.ackTargetMinutes, 10);
    assert.equal(one.regulatorReport.dueMinutes, 240);
    assert.equal(one.regulatorReport.clockStartsAt, base.regulatorReport.clockStartsAt, 'unstated nested fields keep their defaults');
    assert.deepEqual(one.page, base.page);
    assert.deepEqual(one.postmortem, base.postmortem);
    assert.equal(one.updateCadenceMinutes, base.updateCadenceMinutes);
    assert.equal(one.statusPageUpdateRequired, base.statusPageUpdateRequired);
    for (const level of [2, 3, 4] as const) assert.deepEqual(policy.responseProfiles[level], DEFAULT_RESPONSE_PROFILES[level]);
    assert.equal(DEFAULT_RESPONSE_PROFILES[1].ackTargetMinutes, 5, 'the defaults themselves are not mutated');
  });

  it('a nested partial override (only regulatorReport.dueMinutes) merges over the defaults', () => {
    // DESIGN.md: "report within 1 hour for ... critical-infrastructure operator, within 4 hours
    // for others" — an operator who is not CII changes just the clock.
    const policy = parsePolicyYaml(['responseProfiles:', '  1:', '    regulatorReport:', '      dueMinutes: 240'].join('\n'));
    const report = policy.responseProfiles[1].regulatorReport;
    assert.deepEqual(report, { ...DEFAULT_RESPONSE_PROFILES[1].regulatorReport, dueMinutes: 240 });
  });

  it('parsing does not mutate DEFAULT_POLICY', () => {
    const before = JSON.stringify(DEFAULT_POLICY);
    const policy = parsePolicyYaml('preset: china\nscope:\n  largePct: 3\n');
    policy.rules[0]?.impacts.push('complaint');
    assert.equal(JSON.stringify(DEFAULT_POLICY), before);
  });
});

describe('policy validation names the bad field', () => {
  it('rules[1].level: 7', () => {
    const err = assertInvalidPolicy(
      () => parsePolicyYaml('rules:\n  - kind: payment\n    level: 1\n  - kind: complaint\n    level: 7\n'),
      'rules[1].level',
    );
    assert.match(err.message, /rules\[1\]\.level/);
  });

  it('an unknown top-level key', () => {
    const err = assertInvalidPolicy(() => parsePolicyYaml('sevrity: 1\n'), 'sevrity');
    assert.match(err.message, /sevrity/);
  });

  it('an unknown rule kind', () => {
    assertInvalidPolicy(() => parsePolicy({ rules: [{ kind: 'meteor-strike', level: 1 }] }), 'rules[0].kind');
  });

  it('minRecords > maxRecords', () => {
    const err = assertInvalidPolicy(
      () => parsePolicy({ rules: [{ kind: 'data-leak', level: 2, minRecords: 5_000, maxRecords: 100 }] }),
      'rules[0].maxRecords',
    );
    assert.match(err.message, /rules\[0\]\.maxRecords/);
  });

  it('a duration escalation whose toLevel is not more severe', () => {
    assertInvalidPolicy(
      () => parsePolicy({ durationEscalation: [{ fromLevel: 2, afterMinutes: 60, toLevel: 3 }] }),
      'durationEscalation[0].toLevel',
    );
    assertInvalidPolicy(
      () => parsePolicy({ durationEscalation: [{ fromLevel: 2, afterMinutes: 60, toLevel: 2 }] }),
      'durationEscalation[0].toLevel',
    );
    const ok = parsePolicy({ durationEscalation: [{ fromLevel: 2, afterMinutes: 120, toLevel: 1 }] });
    assert.deepEqual(ok.durationEscalation, [{ fromLevel: 2, afterMinutes: 120, toLevel: 1 }]);
  });

  it('invalid YAML syntax', () => {
    assert.throws(
      () => parsePolicyYaml('rules: [\n  - kind: payment\n'),
      (err: unknown) => err instanceof FenghuoError && err.code === 'invalid_policy' && /YAML/.test(err.message),
    );
  });

  it('a document that is not a mapping', () => {
    assert.throws(
      () => parsePolicyYaml('- just\n- a list\n'),
      (err: unknown) => err instanceof FenghuoError && err.code === 'invalid_policy',
    );
  });

  it('the error message carries the source name', () => {
    assert.throws(
      () => parsePolicyYaml('scope:\n  largePct: 150\n', '/etc/fenghuo/policy.yaml'),
      (err: unknown) =>
        err instanceof FenghuoError &&
        err.code === 'invalid_policy' &&
        err.message.includes('/etc/fenghuo/policy.yaml') &&
        (err.details ?? []).some((d) => d.field === 'scope.largePct'),
    );
  });
});
