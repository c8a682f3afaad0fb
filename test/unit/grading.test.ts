import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogEntry } from '../../src/domain/catalog/service.js';
import { FenghuoError } from '../../src/domain/errors.js';
import { affectedFrom, type ImpactFacts } from '../../src/domain/grading/facts.js';
import { gradeIncident, type GradeReason, type GradeResult } from '../../src/domain/grading/grade-incident.js';
import { DEFAULT_POLICY, type GradingPolicy, type ImpactType } from '../../src/domain/grading/policy.js';
import { seedCatalog, service } from '../helpers/catalog-builders.js';

const SEED = seedCatalog();

function grade(facts: ImpactFacts, catalog: ReadonlyArray<CatalogEntry> = SEED, policy: GradingPolicy = DEFAULT_POLICY): GradeResult {
  return gradeIncident(facts, catalog, policy);
}

function on(services: string[], impact: ImpactType | ImpactType[], rest: Omit<ImpactFacts, 'affected'> = {}): ImpactFacts {
  return { affected: affectedFrom(services, impact), ...rest };
}

const ruleNames = (result: GradeResult): string[] => result.reasons.map((r) => r.rule);

function reasonFor(result: GradeResult, rule: string): GradeReason {
  const found = result.reasons.find((r) => r.rule === rule);
  assert.ok(found, `expected rule "${rule}" to fire; fired: ${ruleNames(result).join(', ') || '(none)'}`);
  return found;
}

function assertDetailMentions(reason: GradeReason, ...needles: string[]): void {
  for (const needle of needles) {
    assert.ok(reason.detail.includes(needle), `detail of "${reason.rule}" should mention ${JSON.stringify(needle)}: ${reason.detail}`);
  }
}

function assertSortedMostSevereFirst(result: GradeResult): void {
  for (let i = 1; i < result.reasons.length; i++) {
    const prev = result.reasons[i - 1];
    const cur = result.reasons[i];
    assert.ok(prev && cur && prev.level <= cur.level, `reasons out of order: ${JSON.stringify(result.reasons)}`);
  }
}

describe('gradeIncident: each rule of the default policy', () => {
  it('payment (level 1): any real impact on a payment service', () => {
    const result = grade(on(['wechat-pay'], 'outage', { usersAffectedPct: 1 }));
    assert.equal(result.level, 1);
    const reason = reasonFor(result, 'payment');
    assert.equal(reason.level, 1);
    assertDetailMentions(reason, 'wechat-pay');
  });

  it('core-outage (level 1): outage of a critical service at ≥ 10% of users', () => {
    const result = grade(on(['chat'], 'outage', { usersAffectedPct: 25 }));
    assert.equal(result.level, 1);
    const reason = reasonFor(result, 'core-outage');
    assert.equal(reason.level, 1);
    assertDetailMentions(reason, 'chat', '25', '10');
    assert.ok(!ruleNames(result).includes('core-partial'), 'a large core outage is not also a partial one');
  });

  it('infrastructure (level 1): a failing component under an impacted critical service', () => {
    const result = grade(on(['storage'], 'outage'));
    assert.equal(result.level, 1);
    const reason = reasonFor(result, 'infrastructure');
    assert.equal(reason.level, 1);
    assertDetailMentions(reason, 'storage', 'chat', 'wechat-pay');
  });

  it('large-data-leak (level 1): ≥ 1,000,000 records', () => {
    const result = grade(on(['chat'], 'data_leak', { recordsExposed: 2_500_000 }));
    assert.equal(result.level, 1);
    assert.deepEqual(ruleNames(result), ['large-data-leak']);
    const reason = reasonFor(result, 'large-data-leak');
    assert.equal(reason.level, 1);
    assertDetailMentions(reason, 'chat', '2,500,000', '1,000,000');
  });

  it('attack-paralysis (level 1): an attack together with an outage of a critical service', () => {
    const result = grade({
      affected: [
        { service: 'chat', impact: 'security_attack' },
        { service: 'chat', impact: 'outage' },
      ],
      usersAffectedPct: 5,
    });
    assert.equal(result.level, 1);
    const reason = reasonFor(result, 'attack-paralysis');
    assert.equal(reason.level, 1);
    assertDetailMentions(reason, 'chat', 'attack', 'outage');
    assert.ok(!ruleNames(result).includes('security-attack'), 'security-attack must not fire alongside attack-paralysis');
  });

  it('core-partial (level 2): degraded critical service', () => {
    const result = grade(on(['chat'], 'degraded'));
    assert.equal(result.level, 2);
    const reason = reasonFor(result, 'core-partial');
    assert.equal(reason.level, 2);
    assertDetailMentions(reason, 'chat', 'degraded');
  });

  it('core-partial (level 2): outage of a critical service below the core-outage scope', () => {
    const result = grade(on(['chat'], 'outage', { usersAffectedPct: 3 }));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['core-partial']);
    assertDetailMentions(reasonFor(result, 'core-partial'), 'chat', '3', '10');
  });

  it('feature-outage (level 2): outage of a non-critical user-facing service at ≥ 10%', () => {
    const result = grade(on(['voice-to-text'], 'outage', { usersAffectedPct: 40 }));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['feature-outage']);
    const reason = reasonFor(result, 'feature-outage');
    assert.equal(reason.level, 2);
    assertDetailMentions(reason, 'voice-to-text', '40', '10');
  });

  it('data-leak (level 2): 1,000 – 999,999 records', () => {
    const result = grade(on(['chat'], 'data_leak', { recordsExposed: 50_000 }));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['data-leak']);
    const reason = reasonFor(result, 'data-leak');
    assert.equal(reason.level, 2);
    assertDetailMentions(reason, 'chat', '50,000', '1,000', '999,999');
  });

  it('security-attack (level 2): an attack without a critical outage', () => {
    const result = grade(on(['chat'], 'security_attack'));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['security-attack']);
    const reason = reasonFor(result, 'security-attack');
    assert.equal(reason.level, 2);
    assertDetailMentions(reason, 'chat', 'attack');
  });

  it('local-fault (level 3): outage of a non-critical service below 10%', () => {
    const result = grade(on(['voice-to-text'], 'outage', { usersAffectedPct: 2 }));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['local-fault']);
    const reason = reasonFor(result, 'local-fault');
    assert.equal(reason.level, 3);
    assertDetailMentions(reason, 'voice-to-text', '2', '10');
  });

  it('small-data-leak (level 3): 1 – 999 records', () => {
    const result = grade(on(['chat'], 'data_leak', { recordsExposed: 500 }));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['small-data-leak']);
    const reason = reasonFor(result, 'small-data-leak');
    assert.equal(reason.level, 3);
    assertDetailMentions(reason, 'chat', '500', '999');
  });

  it('vulnerability (level 3)', () => {
    const result = grade(on(['chat'], 'vulnerability'));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['vulnerability']);
    const reason = reasonFor(result, 'vulnerability');
    assert.equal(reason.level, 3);
    assertDetailMentions(reason, 'chat', 'vulnerability');
  });

  it('complaint (level 4)', () => {
    const result = grade(on(['voice-to-text'], 'complaint'));
    assert.equal(result.level, 4);
    assert.deepEqual(ruleNames(result), ['complaint']);
    const reason = reasonFor(result, 'complaint');
    assert.equal(reason.level, 4);
    assertDetailMentions(reason, 'voice-to-text', 'complaint');
  });
});

describe('gradeIncident: boundaries', () => {
  it('critical outage at usersAffectedPct 10 is core-outage (level 1)', () => {
    const result = grade(on(['chat'], 'outage', { usersAffectedPct: 10 }));
    assert.equal(result.level, 1);
    assert.deepEqual(ruleNames(result), ['core-outage']);
    assertDetailMentions(reasonFor(result, 'core-outage'), '10 ≥ 10');
  });

  it('critical outage at usersAffectedPct 9.99 is core-partial (level 2)', () => {
    const result = grade(on(['chat'], 'outage', { usersAffectedPct: 9.99 }));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['core-partial']);
    assertDetailMentions(reasonFor(result, 'core-partial'), '9.99 < 10');
  });

  it('non-critical user-facing outage at usersAffectedPct 10 is feature-outage (level 2)', () => {
    const result = grade(on(['voice-to-text'], 'outage', { usersAffectedPct: 10 }));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['feature-outage']);
  });

  it('non-critical user-facing outage at usersAffectedPct 9.99 is local-fault (level 3)', () => {
    const result = grade(on(['voice-to-text'], 'outage', { usersAffectedPct: 9.99 }));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['local-fault']);
    assertDetailMentions(reasonFor(result, 'local-fault'), '9.99 < 10');
  });

  for (const scope of ['region', 'all'] as const) {
    it(`scope "${scope}" is large: critical outage → core-outage, feature outage → feature-outage`, () => {
      const core = grade(on(['chat'], 'outage', { scope }));
      assert.equal(core.level, 1);
      assert.deepEqual(ruleNames(core), ['core-outage']);
      assertDetailMentions(reasonFor(core, 'core-outage'), scope);
      const feature = grade(on(['voice-to-text'], 'outage', { scope }));
      assert.equal(feature.level, 2);
      assert.deepEqual(ruleNames(feature), ['feature-outage']);
    });
  }

  for (const scope of ['partial', 'individual'] as const) {
    it(`scope "${scope}" is small: critical outage → core-partial, feature outage → local-fault`, () => {
      const core = grade(on(['chat'], 'outage', { scope }));
      assert.equal(core.level, 2);
      assert.deepEqual(ruleNames(core), ['core-partial']);
      assertDetailMentions(reasonFor(core, 'core-partial'), scope);
      const feature = grade(on(['voice-to-text'], 'outage', { scope }));
      assert.equal(feature.level, 3);
      assert.deepEqual(ruleNames(feature), ['local-fault']);
    });
  }

  const leakCases: Array<{ records: number; level: 1 | 2 | 3 | 4; rule: string }> = [
    { records: 0, level: 4, rule: 'complaint' },
    { records: 1, level: 3, rule: 'small-data-leak' },
    { records: 999, level: 3, rule: 'small-data-leak' },
    { records: 1_000, level: 2, rule: 'data-leak' },
    { records: 999_999, level: 2, rule: 'data-leak' },
    { records: 1_000_000, level: 1, rule: 'large-data-leak' },
  ];
  for (const { records, level, rule } of leakCases) {
    it(`data_leak of ${records} records → level ${level} (${rule})`, () => {
      const result = grade(on(['chat'], 'data_leak', { recordsExposed: records }));
      assert.equal(result.level, level);
      assert.deepEqual(ruleNames(result), [rule], 'exactly one leak rule (or the fallback) fires');
      if (records > 0) assertDetailMentions(reasonFor(result, rule), records.toLocaleString('en-US'));
    });
  }

  it('data_leak with recordsExposed unknown → small-data-leak (level 3)', () => {
    for (const recordsExposed of [undefined, null]) {
      const result = grade(on(['chat'], 'data_leak', { recordsExposed }));
      assert.equal(result.level, 3);
      assert.deepEqual(ruleNames(result), ['small-data-leak']);
      assertDetailMentions(reasonFor(result, 'small-data-leak'), 'unknown');
    }
  });

  it('unknown scope is treated as large by the default policy', () => {
    assert.equal(DEFAULT_POLICY.scope.whenUnknown, 'large');
    const core = grade(on(['chat'], 'outage'));
    assert.equal(core.level, 1);
    assert.deepEqual(ruleNames(core), ['core-outage']);
    assertDetailMentions(reasonFor(core, 'core-outage'), 'unknown');
    const feature = grade(on(['voice-to-text'], 'outage'));
    assert.equal(feature.level, 2);
    assert.deepEqual(ruleNames(feature), ['feature-outage']);
  });

  it('a policy with scope.whenUnknown "small" grades an unknown scope as small', () => {
    const small: GradingPolicy = { ...DEFAULT_POLICY, scope: { ...DEFAULT_POLICY.scope, whenUnknown: 'small' } };
    const core = grade(on(['chat'], 'outage'), SEED, small);
    assert.equal(core.level, 2);
    assert.deepEqual(ruleNames(core), ['core-partial']);
    const feature = grade(on(['voice-to-text'], 'outage'), SEED, small);
    assert.equal(feature.level, 3);
    assert.deepEqual(ruleNames(feature), ['local-fault']);
  });
});

describe('gradeIncident: combining rules', () => {
  it('the most severe rule wins and reasons are sorted most severe first', () => {
    const result = grade({
      affected: [
        { service: 'voice-to-text', impact: 'complaint' },
        { service: 'batch-reports', impact: 'vulnerability' },
        { service: 'chat', impact: 'outage' },
      ],
      usersAffectedPct: 30,
    });
    assert.equal(result.level, 1);
    assert.deepEqual(ruleNames(result), ['core-outage', 'vulnerability', 'complaint']);
    assert.deepEqual(
      result.reasons.map((r) => r.level),
      [1, 3, 4],
    );
    assertSortedMostSevereFirst(result);
  });

  it('reasons stay sorted when rules of every level fire together', () => {
    const result = grade({
      affected: [
        { service: 'sms-vendor', impact: 'complaint' },
        { service: 'batch-reports', impact: 'outage' },
        { service: 'chat', impact: 'degraded' },
        { service: 'wechat-pay', impact: 'degraded' },
      ],
      usersAffectedPct: 1,
    });
    assert.equal(result.level, 1);
    assert.equal(result.reasons[0]?.rule, 'payment');
    for (const rule of ['payment', 'core-partial', 'local-fault', 'complaint']) reasonFor(result, rule);
    assertSortedMostSevereFirst(result);
    assert.equal(result.level, result.reasons[0]?.level);
  });

  it('facts that match no rule grade as level 4 with the complaint/fallback reason', () => {
    const result = grade(on(['chat'], 'data_leak', { recordsExposed: 0 }));
    assert.equal(result.level, 4);
    assert.equal(result.reasons.length, 1);
    assert.equal(result.reasons[0]?.rule, 'complaint');
    assert.equal(result.reasons[0]?.level, 4);
    assert.match(result.reasons[0]?.detail ?? '', /no other rule matched/);
  });

  it('no affected services at all still yields level 4 with a reason', () => {
    const result = grade({ affected: [] });
    assert.equal(result.level, 4);
    assert.equal(result.reasons.length, 1);
    assert.equal(result.reasons[0]?.level, 4);
  });

  for (const impact of ['outage', 'degraded', 'data_leak', 'security_attack', 'incorrect_results'] as const) {
    it(`payment fires for ${impact} on a payment service`, () => {
      const result = grade(on(['wechat-pay'], impact, { usersAffectedPct: 1, recordsExposed: 3 }));
      assert.equal(result.level, 1);
      assert.equal(result.reasons[0]?.rule, 'payment');
    });
  }

  it('payment does not fire for a complaint on a payment service (level 4)', () => {
    const result = grade(on(['wechat-pay'], 'complaint'));
    assert.ok(!ruleNames(result).includes('payment'));
    assert.equal(result.level, 4);
    assert.deepEqual(ruleNames(result), ['complaint']);
  });

  it('payment does not fire for a vulnerability on a payment service (level 3)', () => {
    const result = grade(on(['wechat-pay'], 'vulnerability'));
    assert.ok(!ruleNames(result).includes('payment'));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['vulnerability']);
  });

  it('security_attack with an outage of a critical service → level 1 attack-paralysis, not security-attack', () => {
    const result = grade({
      affected: [
        { service: 'voice-to-text', impact: 'security_attack' },
        { service: 'chat', impact: 'outage' },
      ],
      usersAffectedPct: 1,
    });
    assert.equal(result.level, 1);
    assert.equal(result.reasons[0]?.rule, 'attack-paralysis');
    assertDetailMentions(reasonFor(result, 'attack-paralysis'), 'voice-to-text', 'chat');
    assert.ok(!ruleNames(result).includes('security-attack'));
  });

  it('security_attack without a critical outage → level 2 security-attack, not attack-paralysis', () => {
    const result = grade({
      affected: [
        { service: 'chat', impact: 'security_attack' },
        { service: 'voice-to-text', impact: 'outage' },
        { service: 'chat', impact: 'degraded' },
      ],
      usersAffectedPct: 1,
    });
    assert.equal(result.level, 2);
    assert.ok(!ruleNames(result).includes('attack-paralysis'));
    assert.equal(reasonFor(result, 'security-attack').level, 2);
  });
});

describe('gradeIncident: impact propagation through the catalog', () => {
  it('a facility outage reaches its dependents transitively (facility → infrastructure → business)', () => {
    const result = grade(on(['gz-dc1'], 'outage', { usersAffectedPct: 60 }));
    assert.equal(result.level, 1);
    const infra = reasonFor(result, 'infrastructure');
    assertDetailMentions(infra, 'gz-dc1', 'chat', 'wechat-pay');
    // The business services two levels up are graded as out.
    assertDetailMentions(reasonFor(result, 'core-outage'), 'chat', 'via storage → gz-dc1');
    assertDetailMentions(reasonFor(result, 'payment'), 'wechat-pay');
    assertDetailMentions(reasonFor(result, 'feature-outage'), 'voice-to-text');
  });

  it('infrastructure fires only when a critical service depends on the failing component', () => {
    const catalog = [
      service('cache', { kind: 'infrastructure' }),
      service('voice-to-text', { dependsOn: ['cache'] }),
      service('chat', { critical: true }),
    ];
    const result = grade(on(['cache'], 'outage', { usersAffectedPct: 50 }), catalog);
    assert.ok(!ruleNames(result).includes('infrastructure'), `fired: ${ruleNames(result).join(', ')}`);
    assert.equal(result.level, 2);
    assertDetailMentions(reasonFor(result, 'feature-outage'), 'voice-to-text');

    // Make the dependent critical and the same failure is level 1 for infrastructure.
    const withCritical = [...catalog, service('search', { critical: true, dependsOn: ['cache'] })];
    const raised = grade(on(['cache'], 'outage', { usersAffectedPct: 50 }), withCritical);
    assert.equal(raised.level, 1);
    assertDetailMentions(reasonFor(raised, 'infrastructure'), 'cache', 'search');
    assert.ok(!reasonFor(raised, 'infrastructure').detail.includes('chat'), 'chat does not depend on cache');
  });

  it('a vendor outage with no dependents does not fire infrastructure', () => {
    const result = grade(on(['sms-vendor'], 'outage'));
    assert.ok(!ruleNames(result).includes('infrastructure'));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['local-fault']);
  });

  it('a degraded (not out) facility does not fire infrastructure by default', () => {
    const result = grade(on(['gz-dc1'], 'degraded', { usersAffectedPct: 60 }));
    assert.ok(!ruleNames(result).includes('infrastructure'), `fired: ${ruleNames(result).join(', ')}`);
    // The degradation still propagates to the critical services above it.
    assertDetailMentions(reasonFor(result, 'core-partial'), 'chat');
  });

  it('an impact type the policy does not propagate (data_leak) stays on its service', () => {
    assert.ok(!DEFAULT_POLICY.propagate.includes('data_leak'));
    const result = grade(on(['storage'], 'data_leak', { recordsExposed: 20 }));
    assert.equal(result.level, 3, 'a leak in storage must not become a payment incident through wechat-pay');
    assert.deepEqual(ruleNames(result), ['small-data-leak']);
    const detail = reasonFor(result, 'small-data-leak').detail;
    assert.ok(detail.includes('storage'));
    assert.ok(!detail.includes('wechat-pay') && !detail.includes('chat'), detail);
  });

  it('a policy that propagates nothing keeps a facility outage on the facility', () => {
    const policy: GradingPolicy = { ...DEFAULT_POLICY, propagate: [] };
    const result = grade(on(['gz-dc1'], 'outage'), SEED, policy);
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['local-fault']);
  });

  it('an internal component whose impact reaches no user-facing service is a local-fault (level 3)', () => {
    const result = grade(on(['batch-reports'], 'outage'));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['local-fault']);
    const reason = reasonFor(result, 'local-fault');
    assert.equal(reason.level, 3);
    assertDetailMentions(reason, 'batch-reports');
  });

  it('an internal component whose outage reaches user-facing services is not a local-fault', () => {
    const direct = grade(on(['storage'], 'outage', { usersAffectedPct: 50 }));
    assert.ok(!ruleNames(direct).includes('local-fault'), `fired: ${ruleNames(direct).join(', ')}`);
  });

  it('an intermediate component reached through propagation is not a local-fault when users are impacted above it', () => {
    // gz-dc1 → storage → chat/wechat-pay/voice-to-text: storage's outage reaches users,
    // so listing it as a "local fault with no user-facing impact" would be a false reason.
    const result = grade(on(['gz-dc1'], 'outage', { usersAffectedPct: 60 }));
    assert.ok(!ruleNames(result).includes('local-fault'), `fired: ${JSON.stringify(result.reasons)}`);
  });
});

describe("gradeIncident: the seed's own examples (issue 2)", () => {
  it('WeChat Pay degraded → level 1 for reason payment', () => {
    const result = grade(on(['wechat-pay'], 'degraded'));
    assert.equal(result.level, 1);
    assert.equal(result.reasons[0]?.rule, 'payment');
    assertDetailMentions(reasonFor(result, 'payment'), 'wechat-pay');
  });

  it('chat messages slow (critical service, degraded) → level 2', () => {
    const result = grade(on(['chat'], 'degraded'));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['core-partial']);
  });

  it('voice-to-text down (non-critical, user-facing, ≥ 10%) → level 2', () => {
    const result = grade(on(['voice-to-text'], 'outage', { usersAffectedPct: 15 }));
    assert.equal(result.level, 2);
    assert.deepEqual(ruleNames(result), ['feature-outage']);
  });

  it("20 users' records exposed → level 3", () => {
    const result = grade(on(['chat'], 'data_leak', { recordsExposed: 20 }));
    assert.equal(result.level, 3);
    assert.deepEqual(ruleNames(result), ['small-data-leak']);
    assertDetailMentions(reasonFor(result, 'small-data-leak'), '20 records');
  });

  it('one user complaint → level 4', () => {
    const result = grade(on(['chat'], 'complaint', { usersAffected: 1, scope: 'individual' }));
    assert.equal(result.level, 4);
    assert.deepEqual(ruleNames(result), ['complaint']);
  });

  it('data-centre cooling failure under critical services → level 1 (infrastructure)', () => {
    const result = grade(on(['gz-dc1'], 'outage'));
    assert.equal(result.level, 1);
    const reason = reasonFor(result, 'infrastructure');
    assert.equal(reason.level, 1);
    assertDetailMentions(reason, 'gz-dc1', 'chat', 'wechat-pay');
  });
});

describe('gradeIncident: duration escalation', () => {
  const policy: GradingPolicy = {
    ...DEFAULT_POLICY,
    durationEscalation: [{ fromLevel: 2, afterMinutes: 120, toLevel: 1 }],
  };

  it('raises a level-2 incident to level 1 once open for 120 minutes, with a duration reason', () => {
    const result = grade(on(['chat'], 'degraded', { durationMinutes: 120 }), SEED, policy);
    assert.equal(result.level, 1);
    const reason = reasonFor(result, 'duration');
    assert.equal(reason.level, 1);
    assertDetailMentions(reason, '120');
    assert.equal(result.reasons[0]?.rule, 'duration');
    reasonFor(result, 'core-partial');
    assertSortedMostSevereFirst(result);
  });

  it('does not raise at 119 minutes', () => {
    const result = grade(on(['chat'], 'degraded', { durationMinutes: 119 }), SEED, policy);
    assert.equal(result.level, 2);
    assert.ok(!ruleNames(result).includes('duration'));
  });

  it('does not raise when the duration is unknown', () => {
    const result = grade(on(['chat'], 'degraded'), SEED, policy);
    assert.equal(result.level, 2);
    assert.ok(!ruleNames(result).includes('duration'));
  });

  it('does not touch other levels', () => {
    const result = grade(on(['chat'], 'vulnerability', { durationMinutes: 10_000 }), SEED, policy);
    assert.equal(result.level, 3);
    assert.ok(!ruleNames(result).includes('duration'));
  });

  it('the default policy has no duration escalation', () => {
    const result = grade(on(['chat'], 'degraded', { durationMinutes: 10_000 }));
    assert.equal(result.level, 2);
  });
});

describe('gradeIncident: bad input', () => {
  it('an unknown service throws unknown_service naming it', () => {
    assert.throws(
      () =>
        grade({
          affected: [
            { service: 'chat', impact: 'outage' },
            { service: 'no-such-service', impact: 'outage' },
          ],
        }),
      (err: unknown) => {
        assert.ok(err instanceof FenghuoError);
        assert.equal(err.code, 'unknown_service');
        assert.match(err.message, /no-such-service/);
        assert.deepEqual(
          err.details?.map((d) => d.field),
          ['services[1]'],
        );
        return true;
      },
    );
  });
});
