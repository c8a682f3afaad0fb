import type { CatalogEntry } from '../catalog/service.js';
import { transitiveDependents } from '../catalog/service.js';
import type { EffectiveImpact, ImpactFacts, ScopeVerdict } from './facts.js';
import { describeImpact, effectiveImpacts, judgeScope } from './facts.js';
import type { GradingPolicy, Level, PolicyRule, RuleKind } from './policy.js';

/** One rule that fired: its name, the level it asks for, and the facts that made it fire. */
export interface GradeReason {
  rule: string;
  level: Level;
  detail: string;
}

export interface GradeResult {
  level: Level;
  /** Every rule that fired, most severe first. */
  reasons: GradeReason[];
}

interface RuleInput {
  impacts: EffectiveImpact[];
  scope: ScopeVerdict;
  facts: ImpactFacts;
  catalog: ReadonlyArray<CatalogEntry>;
}

type RuleCheck = (rule: PolicyRule, input: RuleInput) => string | null;

const UNDERLYING_KINDS = new Set(['infrastructure', 'facility', 'vendor']);

const list = (items: EffectiveImpact[]): string => items.map(describeImpact).join('; ');
const pick = (rule: PolicyRule, input: RuleInput, extra: (e: EffectiveImpact) => boolean): EffectiveImpact[] =>
  input.impacts.filter((e) => rule.impacts.includes(e.impact) && extra(e));

function recordsInRange(rule: PolicyRule, records: number | null | undefined): string | null {
  if (records === null || records === undefined) {
    // Nobody has counted yet: assume the smallest leak, so a leak is never graded as "nothing".
    return rule.minRecords === null || rule.minRecords <= 1 ? 'records exposed unknown (assumed at least 1)' : null;
  }
  if (rule.minRecords !== null && records < rule.minRecords) return null;
  if (rule.maxRecords !== null && records > rule.maxRecords) return null;
  const bounds = [
    rule.minRecords === null ? null : `≥ ${rule.minRecords.toLocaleString('en-US')}`,
    rule.maxRecords === null ? null : `≤ ${rule.maxRecords.toLocaleString('en-US')}`,
  ].filter(Boolean);
  return `${records.toLocaleString('en-US')} records exposed (${bounds.join(', ')})`;
}

const isCriticalOutage = (input: RuleInput): EffectiveImpact[] => input.impacts.filter((e) => e.service.critical && e.impact === 'outage');

const leakRule: RuleCheck = (rule, input) => {
  const leaks = pick(rule, input, () => true);
  if (leaks.length === 0) return null;
  const range = recordsInRange(rule, input.facts.recordsExposed);
  return range ? `${list(leaks)}; ${range}` : null;
};

const RULE_CHECKS: Record<RuleKind, RuleCheck> = {
  payment: (rule, input) => {
    const hits = pick(rule, input, (e) => e.service.payment);
    return hits.length ? `payment: ${list(hits)}` : null;
  },
  'core-outage': (rule, input) => {
    const hits = pick(rule, input, (e) => e.service.critical);
    return hits.length && input.scope.large ? `${list(hits)}; ${input.scope.detail}` : null;
  },
  infrastructure: (rule, input) => {
    const failing = pick(rule, input, (e) => e.via === null && UNDERLYING_KINDS.has(e.service.kind));
    const impacted = new Set(input.impacts.map((e) => e.service.id));
    const critical = new Set(input.catalog.filter((s) => s.critical).map((s) => s.id));
    const reached = new Set<string>();
    for (const f of failing) {
      for (const d of transitiveDependents(input.catalog, f.service.id)) {
        if (critical.has(d.id) && impacted.has(d.id)) reached.add(d.id);
      }
    }
    if (reached.size === 0) return null;
    return `${list(failing)}; critical services depending on it: ${[...reached].join(', ')}`;
  },
  'large-data-leak': leakRule,
  'data-leak': leakRule,
  'small-data-leak': leakRule,
  'attack-paralysis': (rule, input) => {
    const attacks = pick(rule, input, () => true);
    const outages = isCriticalOutage(input);
    return attacks.length && outages.length ? `${list(attacks)}; ${list(outages)}` : null;
  },
  'security-attack': (rule, input) => {
    const attacks = pick(rule, input, () => true);
    if (attacks.length === 0 || isCriticalOutage(input).length > 0) return null;
    return `${list(attacks)}; no critical service is out`;
  },
  'core-partial': (rule, input) => {
    const hits = pick(rule, input, (e) => e.service.critical && (e.impact !== 'outage' || !input.scope.large));
    if (hits.length === 0) return null;
    const scopeNote = hits.some((e) => e.impact === 'outage') ? `; ${input.scope.detail}` : '';
    return `${list(hits)}${scopeNote}`;
  },
  'feature-outage': (rule, input) => {
    const hits = pick(rule, input, (e) => !e.service.critical && e.service.userFacing);
    return hits.length && input.scope.large ? `${list(hits)}; ${input.scope.detail}` : null;
  },
  'local-fault': (rule, input) => {
    const widespread = (e: EffectiveImpact): boolean => e.impact === 'outage' && e.service.userFacing && input.scope.large;
    // An internal component counts as a local fault only while its impact reaches no user-facing service.
    const impactedUsers = new Set(input.impacts.filter((d) => d.service.userFacing).map((d) => d.service.id));
    const reachesUsers = (e: EffectiveImpact): boolean =>
      transitiveDependents(input.catalog, e.service.id).some((d) => impactedUsers.has(d.id));
    const hits = pick(rule, input, (e) => !e.service.critical && !widespread(e) && (e.service.userFacing || !reachesUsers(e)));
    return hits.length ? `${list(hits)}; ${input.scope.detail}` : null;
  },
  vulnerability: (rule, input) => {
    const hits = pick(rule, input, () => true);
    return hits.length ? list(hits) : null;
  },
  complaint: (rule, input) => {
    const hits = pick(rule, input, () => true);
    return hits.length ? list(hits) : null;
  },
};

/**
 * Grades an incident's facts against a policy: every enabled rule is checked, the most
 * severe one that fired sets the level, and duration escalation may raise it further.
 */
export function gradeIncident(facts: ImpactFacts, catalog: ReadonlyArray<CatalogEntry>, policy: GradingPolicy): GradeResult {
  const input: RuleInput = {
    impacts: effectiveImpacts(facts, catalog, policy),
    scope: judgeScope(facts, policy),
    facts,
    catalog,
  };
  const reasons: GradeReason[] = [];
  for (const rule of policy.rules) {
    if (!rule.enabled) continue;
    const detail = RULE_CHECKS[rule.kind](rule, input);
    if (detail !== null) reasons.push({ rule: rule.name, level: rule.level, detail });
  }
  if (reasons.length === 0) {
    const fallback = policy.rules.find((r) => r.kind === 'complaint' && r.enabled);
    reasons.push({ rule: fallback?.name ?? 'no-match', level: fallback?.level ?? 4, detail: 'no other rule matched' });
  }
  reasons.sort((a, b) => a.level - b.level);
  let level = reasons[0]?.level ?? 4;
  level = escalateForDuration(level, facts.durationMinutes, policy, reasons);
  return { level, reasons: reasons.sort((a, b) => a.level - b.level) };
}

function escalateForDuration(
  start: Level,
  durationMinutes: number | null | undefined,
  policy: GradingPolicy,
  reasons: GradeReason[],
): Level {
  if (durationMinutes === null || durationMinutes === undefined) return start;
  let level = start;
  for (let changed = true; changed;) {
    changed = false;
    for (const step of policy.durationEscalation) {
      if (step.fromLevel === level && step.toLevel < level && durationMinutes >= step.afterMinutes) {
        reasons.push({
          rule: 'duration',
          level: step.toLevel,
          detail: `level ${level} open for ${durationMinutes} min ≥ ${step.afterMinutes} min`,
        });
        level = step.toLevel;
        changed = true;
      }
    }
  }
  return level;
}
