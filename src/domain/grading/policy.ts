import type { ResponseProfile } from '../response/profiles.js';
import { DEFAULT_RESPONSE_PROFILES } from '../response/profiles.js';

export const IMPACT_TYPES = [
  'outage',
  'degraded',
  'data_leak',
  'security_attack',
  'vulnerability',
  'complaint',
  'incorrect_results',
] as const;
export type ImpactType = (typeof IMPACT_TYPES)[number];

export const SCOPES = ['all', 'region', 'partial', 'individual'] as const;
export type Scope = (typeof SCOPES)[number];

export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

/**
 * The built-in rule kinds. A policy lists rules by kind with its own level and thresholds;
 * the conditions themselves are code (see grade-incident.ts), the numbers are data.
 */
export const RULE_KINDS = [
  'payment',
  'core-outage',
  'infrastructure',
  'large-data-leak',
  'attack-paralysis',
  'core-partial',
  'feature-outage',
  'data-leak',
  'security-attack',
  'local-fault',
  'small-data-leak',
  'vulnerability',
  'complaint',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface PolicyRule {
  kind: RuleKind;
  /** Name shown in reasons; defaults to the kind. */
  name: string;
  level: Level;
  enabled: boolean;
  /** Impact types this rule looks at (meaning depends on the kind). */
  impacts: ImpactType[];
  /** Data-leak rules: inclusive record bounds. */
  minRecords: number | null;
  maxRecords: number | null;
}

export interface DurationEscalation {
  /** An incident at this level... */
  fromLevel: Level;
  /** ...still open after this many minutes... */
  afterMinutes: number;
  /** ...becomes this level. */
  toLevel: Level;
}

export interface LevelLabel {
  en: string;
  zh: string;
  /** National tier name, when a preset such as `china` names one (特别重大/重大/较大/一般). */
  nationalTier: string | null;
}

export interface GradingPolicy {
  name: string;
  scope: {
    /** `usersAffectedPct` at or above this counts as a large scope. */
    largePct: number;
    /** `usersAffected` at or above this counts as a large scope (null: absolute counts decide nothing). */
    largeUsers: number | null;
    /** How to treat an incident whose scope nobody stated yet. */
    whenUnknown: 'large' | 'small';
  };
  /** Impacts that reach the services depending on an impacted service. */
  propagate: ImpactType[];
  rules: PolicyRule[];
  durationEscalation: DurationEscalation[];
  levels: Record<Level, LevelLabel>;
  responseProfiles: Record<Level, ResponseProfile>;
}

function rule(kind: RuleKind, level: Level, impacts: ImpactType[], records: { min?: number; max?: number } = {}): PolicyRule {
  return {
    kind,
    name: kind,
    level,
    enabled: true,
    impacts,
    minRecords: records.min ?? null,
    maxRecords: records.max ?? null,
  };
}

const FAILURES: ImpactType[] = ['outage', 'degraded', 'incorrect_results'];

/** The default policy: the four-level table of DESIGN.md, rule for rule. */
export const DEFAULT_POLICY: GradingPolicy = {
  name: 'default',
  scope: { largePct: 10, largeUsers: null, whenUnknown: 'large' },
  propagate: [...FAILURES],
  rules: [
    rule('payment', 1, ['outage', 'degraded', 'data_leak', 'security_attack', 'incorrect_results']),
    rule('core-outage', 1, ['outage']),
    rule('infrastructure', 1, ['outage']),
    rule('large-data-leak', 1, ['data_leak'], { min: 1_000_000 }),
    rule('attack-paralysis', 1, ['security_attack']),
    rule('core-partial', 2, ['outage', 'degraded', 'incorrect_results']),
    rule('feature-outage', 2, ['outage']),
    rule('data-leak', 2, ['data_leak'], { min: 1_000, max: 999_999 }),
    rule('security-attack', 2, ['security_attack']),
    rule('local-fault', 3, [...FAILURES]),
    rule('small-data-leak', 3, ['data_leak'], { min: 1, max: 999 }),
    rule('vulnerability', 3, ['vulnerability']),
    rule('complaint', 4, ['complaint']),
  ],
  durationEscalation: [],
  levels: {
    1: { en: 'Level 1 — major', zh: '一级 · 重大事故', nationalTier: null },
    2: { en: 'Level 2 — significant', zh: '二级 · 较大事故', nationalTier: null },
    3: { en: 'Level 3 — general', zh: '三级 · 一般事故', nationalTier: null },
    4: { en: 'Level 4 — minor', zh: '四级 · 轻微事故', nationalTier: null },
  },
  responseProfiles: DEFAULT_RESPONSE_PROFILES,
};

/** National tier names of the `china` preset, next to the four levels. */
export const CHINA_NATIONAL_TIERS: Record<Level, string> = {
  1: '特别重大',
  2: '重大',
  3: '较大',
  4: '一般',
};

/** More severe = smaller number. */
export function moreSevere(a: Level, b: Level): Level {
  return a < b ? a : b;
}
