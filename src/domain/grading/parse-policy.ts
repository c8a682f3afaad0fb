import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { FenghuoError, type FieldIssue } from '../errors.js';
import { PAGE_TARGETS, type ResponseProfile } from '../response/profiles.js';
import type { GradingPolicy, Level, LevelLabel, PolicyRule } from './policy.js';
import { CHINA_NATIONAL_TIERS, DEFAULT_POLICY, IMPACT_TYPES, LEVELS, RULE_KINDS } from './policy.js';

const literals = <T extends readonly string[]>(values: T): TSchema => Type.Union(values.map((v) => Type.Literal(v)));
const LevelSchema = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]);
const Count = Type.Integer({ minimum: 0 });
const Minutes = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;

const RuleSchema = Type.Object(
  {
    kind: literals(RULE_KINDS),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    level: LevelSchema,
    enabled: Type.Optional(Type.Boolean()),
    impacts: Type.Optional(Type.Array(literals(IMPACT_TYPES), { minItems: 1 })),
    minRecords: Type.Optional(Type.Union([Count, Type.Null()])),
    maxRecords: Type.Optional(Type.Union([Count, Type.Null()])),
  },
  strict,
);

const ProfileSchema = Type.Object(
  {
    ackTargetMinutes: Type.Optional(Type.Union([Minutes, Type.Null()])),
    ackTimeoutMinutes: Type.Optional(Type.Union([Minutes, Type.Null()])),
    page: Type.Optional(Type.Array(literals(PAGE_TARGETS))),
    escalationStartStep: Type.Optional(Type.Integer({ minimum: 1 })),
    updateCadenceMinutes: Type.Optional(Type.Union([Minutes, Type.Null()])),
    statusPageUpdateRequired: Type.Optional(Type.Boolean()),
    postmortem: Type.Optional(
      Type.Object({ required: Type.Optional(Type.Boolean()), dueWorkingDays: Type.Optional(Type.Union([Minutes, Type.Null()])) }, strict),
    ),
    regulatorReport: Type.Optional(
      Type.Object(
        {
          required: Type.Optional(Type.Boolean()),
          dueMinutes: Type.Optional(Type.Union([Minutes, Type.Null()])),
          clockStartsAt: Type.Optional(literals(['detected', 'started'] as const)),
        },
        strict,
      ),
    ),
  },
  strict,
);

const LevelKeys = ['1', '2', '3', '4'] as const;
const perLevel = (schema: TSchema): TSchema => Type.Object(Object.fromEntries(LevelKeys.map((k) => [k, Type.Optional(schema)])), strict);

/** The policy file's shape: every section optional, merged over the built-in default. */
export const PolicyFileSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    preset: Type.Optional(literals(['default', 'china'] as const)),
    scope: Type.Optional(
      Type.Object(
        {
          largePct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
          largeUsers: Type.Optional(Type.Union([Count, Type.Null()])),
          whenUnknown: Type.Optional(literals(['large', 'small'] as const)),
        },
        strict,
      ),
    ),
    propagate: Type.Optional(Type.Array(literals(IMPACT_TYPES))),
    rules: Type.Optional(Type.Array(RuleSchema, { minItems: 1 })),
    durationEscalation: Type.Optional(
      Type.Array(Type.Object({ fromLevel: LevelSchema, afterMinutes: Minutes, toLevel: LevelSchema }, strict)),
    ),
    levels: Type.Optional(
      perLevel(
        Type.Object(
          {
            en: Type.Optional(Type.String({ minLength: 1 })),
            zh: Type.Optional(Type.String({ minLength: 1 })),
            nationalTier: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          },
          strict,
        ),
      ),
    ),
    responseProfiles: Type.Optional(perLevel(ProfileSchema)),
  },
  strict,
);
type LevelKey = (typeof LevelKeys)[number];
/** What a validated policy file holds (PolicyFileSchema checked it). */
interface PolicyFile {
  name?: string;
  preset?: 'default' | 'china';
  scope?: Partial<GradingPolicy['scope']>;
  propagate?: GradingPolicy['propagate'];
  rules?: Array<Partial<Omit<PolicyRule, 'kind' | 'level'>> & Pick<PolicyRule, 'kind' | 'level'>>;
  durationEscalation?: GradingPolicy['durationEscalation'];
  levels?: Partial<Record<LevelKey, Partial<LevelLabel>>>;
  responseProfiles?: Partial<
    Record<
      LevelKey,
      Partial<Omit<ResponseProfile, 'postmortem' | 'regulatorReport'>> & {
        postmortem?: Partial<ResponseProfile['postmortem']>;
        regulatorReport?: Partial<ResponseProfile['regulatorReport']>;
      }
    >
  >;
}

/** `/rules/3/minRecords` → `rules[3].minRecords` */
export function jsonPointerToField(pointer: string, prefix = ''): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = prefix;
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  return out || '(root)';
}

function schemaIssues(schema: TSchema, value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of Value.Errors(schema, value)) {
    const field = jsonPointerToField(error.path);
    if (issues.some((i) => i.field === field)) continue; // unions report one error per branch
    issues.push({ field, message: error.message });
    if (issues.length >= 10) break;
  }
  return issues;
}

function invalid(issues: FieldIssue[], source: string): FenghuoError {
  const first = issues[0];
  const summary = first ? `${first.field}: ${first.message}` : 'invalid policy';
  return new FenghuoError('invalid_policy', `${source}: ${summary}`, issues);
}

/** Validates a policy document (already parsed from YAML/JSON) and merges it over the default. */
export function parsePolicy(doc: unknown, source = 'policy'): GradingPolicy {
  const value: unknown = doc ?? {};
  const issues = schemaIssues(PolicyFileSchema, value);
  if (issues.length > 0) throw invalid(issues, source);
  const file = value as PolicyFile;
  const policy = mergePolicy(file);
  const semantic = semanticIssues(policy);
  if (semantic.length > 0) throw invalid(semantic, source);
  return policy;
}

/** Parses YAML text (JSON is YAML too) into a validated policy. */
export function parsePolicyYaml(text: string, source = 'policy'): GradingPolicy {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? 'parse error') : 'parse error';
    throw new FenghuoError('invalid_policy', `${source}: not valid YAML: ${message}`, [{ field: '(root)', message }]);
  }
  return parsePolicy(doc, source);
}

function mergePolicy(file: PolicyFile): GradingPolicy {
  const d = DEFAULT_POLICY;
  const levels = {} as Record<Level, LevelLabel>;
  const profiles = {} as Record<Level, ResponseProfile>;
  for (const level of LEVELS) {
    const key = String(level) as LevelKey;
    const label = file.levels?.[key];
    levels[level] = {
      ...d.levels[level],
      nationalTier: file.preset === 'china' ? CHINA_NATIONAL_TIERS[level] : d.levels[level].nationalTier,
      ...label,
    };
    const profile = file.responseProfiles?.[key];
    const base = d.responseProfiles[level];
    profiles[level] = {
      ...base,
      ...profile,
      postmortem: { ...base.postmortem, ...profile?.postmortem },
      regulatorReport: { ...base.regulatorReport, ...profile?.regulatorReport },
    };
  }
  const rules: PolicyRule[] = file.rules
    ? file.rules.map((r) => {
        const builtIn = d.rules.find((b) => b.kind === r.kind);
        return {
          kind: r.kind,
          name: r.name ?? r.kind,
          level: r.level,
          enabled: r.enabled ?? true,
          impacts: r.impacts ?? builtIn?.impacts ?? [],
          minRecords: r.minRecords !== undefined ? r.minRecords : (builtIn?.minRecords ?? null),
          maxRecords: r.maxRecords !== undefined ? r.maxRecords : (builtIn?.maxRecords ?? null),
        };
      })
    : d.rules.map((r) => ({ ...r, impacts: [...r.impacts] }));
  return {
    name: file.name ?? (file.preset === 'china' ? 'china' : d.name),
    scope: { ...d.scope, ...file.scope },
    propagate: file.propagate ?? [...d.propagate],
    rules,
    durationEscalation: file.durationEscalation ?? [],
    levels,
    responseProfiles: profiles,
  };
}

function semanticIssues(policy: GradingPolicy): FieldIssue[] {
  const issues: FieldIssue[] = [];
  policy.rules.forEach((r, i) => {
    if (r.minRecords !== null && r.maxRecords !== null && r.minRecords > r.maxRecords) {
      issues.push({ field: `rules[${i}].maxRecords`, message: `must be ≥ minRecords (${r.minRecords})` });
    }
  });
  const names = new Set<string>();
  policy.rules.forEach((r, i) => {
    if (names.has(r.name)) issues.push({ field: `rules[${i}].name`, message: `duplicate rule name "${r.name}"` });
    names.add(r.name);
  });
  policy.durationEscalation.forEach((step, i) => {
    if (step.toLevel >= step.fromLevel) {
      issues.push({ field: `durationEscalation[${i}].toLevel`, message: 'must be more severe (smaller) than fromLevel' });
    }
  });
  return issues;
}
