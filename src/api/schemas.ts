import { Type, type TSchema } from '@sinclair/typebox';
import { SERVICE_ID_PATTERN, SERVICE_KINDS } from '../domain/catalog/service.js';
import { ROLES } from '../domain/actor.js';
import { IMPACT_TYPES, RULE_KINDS, SCOPES } from '../domain/grading/policy.js';
import { INCIDENT_STATUSES } from '../domain/incident/state-machine.js';
import { TIMELINE_KINDS } from '../domain/incident/timeline.js';
import { PAGE_TARGETS } from '../domain/response/profiles.js';

/** Request and response schemas: Fastify validates with them and the OpenAPI document is built from them. */
export const strict = { additionalProperties: false } as const;
export const enumOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Iso = Type.String({ format: 'date-time' });
export const IsoOrNull = nullable(Iso);
export const LevelSchema = Type.Integer({ minimum: 1, maximum: 4, description: '1 = most severe (一级) … 4 = minor (四级)' });
export const ImpactSchema = enumOf(IMPACT_TYPES);
export const ScopeSchema = enumOf(SCOPES);
export const RoleSchema = enumOf(ROLES);
export const ServiceKindSchema = enumOf(SERVICE_KINDS);
export const ServiceId = Type.String({ pattern: SERVICE_ID_PATTERN, description: 'slug: a-z, 0-9 and -' });
export const StatusSchema = enumOf(INCIDENT_STATUSES);

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String()),
  }),
});

export const listOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: nullable(Type.String()) });

export const ListQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

// ---- services -------------------------------------------------------------------------
const serviceFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: ServiceKindSchema,
  critical: Type.Boolean({ description: 'core business' }),
  payment: Type.Boolean(),
  userFacing: Type.Boolean(),
  dependsOn: Type.Array(ServiceId, { maxItems: 200 }),
  ownerTeam: nullable(Type.String({ maxLength: 200 })),
  teamId: nullable(Type.String({ minLength: 1, maxLength: 64, description: 'team paged for this service' })),
  escalationPolicyId: nullable(Type.String({ minLength: 1, maxLength: 64, description: 'escalation policy its incidents follow' })),
  runbook: nullable(Type.String({ maxLength: 200_000, description: 'emergency plan (应急预案), Markdown' })),
  rtoMinutes: nullable(Type.Integer({ minimum: 0, maximum: 525_600 })),
  rpoMinutes: nullable(Type.Integer({ minimum: 0, maximum: 525_600 })),
  contacts: Type.Array(
    Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 200 }),
        role: Type.Optional(nullable(Type.String({ maxLength: 200, description: 'e.g. NOC 24×7, account manager' }))),
        email: Type.Optional(nullable(Type.String({ format: 'email', maxLength: 254 }))),
        phone: Type.Optional(
          nullable(Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{2,30}$', description: 'digits, spaces, ( ) -, optional leading +' })),
        ),
      },
      strict,
    ),
    { maxItems: 20, description: 'whom to call at a vendor; each needs an email or a phone' },
  ),
  contractedSlaPct: nullable(
    Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'availability the contract promises, percent' }),
  ),
};
export const ServiceSchema = Type.Object({
  id: ServiceId,
  ...serviceFields,
  lastGoodBackupAt: Type.Optional(IsoOrNull),
  rpoMet: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: 'null: no RPO, or no backup heartbeat proves it' })),
  createdAt: Iso,
  updatedAt: Iso,
});
const { name: _name, ...optionalServiceFields } = serviceFields;
const optionalService = Type.Partial(Type.Object(optionalServiceFields));
export const CreateServiceBody = Type.Object({ id: ServiceId, name: serviceFields.name, ...optionalService.properties }, strict);
export const UpdateServiceBody = Type.Object(
  { name: Type.Optional(serviceFields.name), ...optionalService.properties },
  { ...strict, minProperties: 1 },
);

// ---- impact facts and grading ---------------------------------------------------------
const AffectedSchema = Type.Object({ service: ServiceId, impact: ImpactSchema }, strict);
export const impactFields = {
  services: Type.Optional(Type.Array(ServiceId, { minItems: 1, maxItems: 500 })),
  impact: Type.Optional(Type.Union([ImpactSchema, Type.Array(ImpactSchema, { minItems: 1, maxItems: 7 })])),
  affected: Type.Optional(Type.Array(AffectedSchema, { minItems: 1, maxItems: 1000 })),
  usersAffectedPct: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 100 }))),
  usersAffected: Type.Optional(nullable(Type.Integer({ minimum: 0 }))),
  scope: Type.Optional(nullable(ScopeSchema)),
  recordsExposed: Type.Optional(nullable(Type.Integer({ minimum: 0 }))),
};
export const GradeBody = Type.Object({ ...impactFields, durationMinutes: Type.Optional(nullable(Type.Integer({ minimum: 0 }))) }, strict);
export const ReasonSchema = Type.Object({ rule: Type.String(), level: LevelSchema, detail: Type.String() });
export const GradeResultSchema = Type.Object({ level: LevelSchema, reasons: Type.Array(ReasonSchema) });

// ---- incidents ------------------------------------------------------------------------
export const LevelLabelSchema = Type.Object({ en: Type.String(), zh: Type.String(), nationalTier: nullable(Type.String()) });
const EpochOrIso = Type.String({ format: 'date-time' });
export const CreateIncidentBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    summary: Type.Optional(nullable(Type.String({ maxLength: 20_000 }))),
    startedAt: Type.Optional(nullable(EpochOrIso)),
    drill: Type.Optional(Type.Boolean()),
    ...impactFields,
  },
  strict,
);
export const UpdateIncidentBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    summary: Type.Optional(nullable(Type.String({ maxLength: 20_000 }))),
    startedAt: Type.Optional(EpochOrIso),
    ...impactFields,
  },
  { ...strict, minProperties: 1 },
);
export const ActionBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 5000 })) }, strict);
export const LevelBody = Type.Object({ level: LevelSchema, reason: Type.Optional(nullable(Type.String({ maxLength: 2000 }))) }, strict);
export const NoteBody = Type.Object({ message: Type.String({ minLength: 1, maxLength: 20_000 }) }, strict);

export const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

/** The regulator's reporting clock of an incident (docs/postmortems.md). */
export const RegulatorClockSchema = Type.Object({
  required: Type.Boolean({ description: "the level's profile requires a report to the regulator" }),
  startsAt: IsoOrNull,
  dueAt: IsoOrNull,
  status: enumOf(['not_required', 'due', 'sent'] as const),
  sentAt: IsoOrNull,
  overdue: Type.Boolean({ description: 'not sent and past the deadline' }),
  sentLate: Type.Boolean({ description: 'sent after the deadline' }),
});

export const IncidentSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  summary: nullable(Type.String()),
  status: StatusSchema,
  level: LevelSchema,
  levelLabel: LevelLabelSchema,
  levelReasons: Type.Array(ReasonSchema),
  services: Type.Array(Type.String(), { description: 'affected services, direct first, then those reached through dependencies' }),
  affected: Type.Array(Type.Object({ service: Type.String(), impact: ImpactSchema })),
  usersAffectedPct: nullable(Type.Number()),
  usersAffected: nullable(Type.Integer()),
  scope: nullable(ScopeSchema),
  recordsExposed: nullable(Type.Integer()),
  alertCount: Type.Integer(),
  drill: Type.Boolean(),
  createdBy: Type.String(),
  startedAt: Iso,
  createdAt: Iso,
  acknowledgedAt: IsoOrNull,
  mitigatedAt: IsoOrNull,
  resolvedAt: IsoOrNull,
  updatedAt: Iso,
  version: Type.Integer(),
  origin: Type.Unsafe<'manual' | 'signals'>({ type: 'string', enum: ['manual', 'signals'] }),
  suppressed: nullable(Type.String({ description: 'why pages are held back: silence:<id>, maintenance:<id>, flapping' })),
  roles: Type.Object({ commander: nullable(PersonRef), communications: nullable(PersonRef) }),
  response: Type.Object({
    ackDueAt: IsoOrNull,
    regulatorReportDueAt: IsoOrNull,
    statusPageUpdateRequired: Type.Boolean(),
    postmortemRequired: Type.Boolean(),
    page: Type.Array(Type.String()),
  }),
  regulatorReport: RegulatorClockSchema,
});

const RoleHolder = Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 100, description: 'a user id; null: nobody' })));
export const RolesBody = Type.Object({ commander: RoleHolder, communications: RoleHolder }, { ...strict, minProperties: 1 });

export const TimelineEntrySchema = Type.Object({
  id: Type.String(),
  at: Iso,
  kind: enumOf(TIMELINE_KINDS),
  actor: Type.Object({ type: Type.String(), id: nullable(Type.String()), name: Type.String() }),
  from: nullable(Type.String()),
  to: nullable(Type.String()),
  message: nullable(Type.String()),
});

export const IncidentListQuery = Type.Object(
  {
    ...ListQuery,
    status: Type.Optional(Type.String({ description: 'comma-separated: triggered,acknowledged,mitigated,resolved; or "open"' })),
    level: Type.Optional(Type.String({ description: 'comma-separated levels, e.g. 1,2' })),
    service: Type.Optional(ServiceId),
    drill: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    from: Type.Optional(Iso),
    to: Type.Optional(Iso),
  },
  strict,
);

// ---- users, tokens, profiles ----------------------------------------------------------
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 200 });
const Locale = Type.Unsafe<string>({ type: 'string', enum: ['zh-CN', 'en'] });
const TimeZone = Type.String({ minLength: 1, maxLength: 64 });
export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  locale: Type.String(),
  timeZone: Type.String(),
  disabled: Type.Boolean(),
  createdAt: Iso,
  updatedAt: Iso,
});
export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    password: Type.Optional(Password),
    locale: Type.Optional(Locale),
    timeZone: Type.Optional(TimeZone),
  },
  strict,
);
export const UpdateUserBody = Type.Object(
  {
    email: Type.Optional(Email),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    password: Type.Optional(Password),
    locale: Type.Optional(Locale),
    timeZone: Type.Optional(TimeZone),
    disabled: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);
export const LoginBody = Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }) }, strict);

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  prefix: Type.String(),
  createdBy: nullable(Type.String()),
  createdAt: Iso,
  lastUsedAt: IsoOrNull,
  revokedAt: IsoOrNull,
});
export const CreateTokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), role: RoleSchema }, strict);

export const ProfileSchema = Type.Object(
  {
    ackTargetMinutes: nullable(Type.Integer({ minimum: 1 })),
    ackTimeoutMinutes: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: 10_080 }))),
    page: Type.Array(enumOf(PAGE_TARGETS)),
    escalationStartStep: Type.Integer({ minimum: 1 }),
    updateCadenceMinutes: nullable(Type.Integer({ minimum: 1 })),
    statusPageUpdateRequired: Type.Boolean(),
    postmortem: Type.Object({ required: Type.Boolean(), dueWorkingDays: nullable(Type.Integer({ minimum: 1 })) }, strict),
    regulatorReport: Type.Object(
      {
        required: Type.Boolean(),
        dueMinutes: nullable(Type.Integer({ minimum: 1 })),
        clockStartsAt: enumOf(['detected', 'started'] as const),
      },
      strict,
    ),
  },
  strict,
);
export const EffectiveProfileSchema = Type.Object({
  level: LevelSchema,
  source: enumOf(['policy', 'override'] as const),
  profile: ProfileSchema,
});

export const PolicySchema = Type.Object({
  name: Type.String(),
  scope: Type.Object({ largePct: Type.Number(), largeUsers: nullable(Type.Integer()), whenUnknown: Type.String() }),
  propagate: Type.Array(ImpactSchema),
  rules: Type.Array(
    Type.Object({
      kind: enumOf(RULE_KINDS),
      name: Type.String(),
      level: LevelSchema,
      enabled: Type.Boolean(),
      impacts: Type.Array(ImpactSchema),
      minRecords: nullable(Type.Integer()),
      maxRecords: nullable(Type.Integer()),
    }),
  ),
  durationEscalation: Type.Array(Type.Object({ fromLevel: LevelSchema, afterMinutes: Type.Integer(), toLevel: LevelSchema })),
  levels: Type.Record(Type.String(), LevelLabelSchema),
});

export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const LevelParam = Type.Object({ level: Type.Integer({ minimum: 1, maximum: 4 }) });
