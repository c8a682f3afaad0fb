import { Type } from '@sinclair/typebox';
import { BURN_WINDOWS } from '../domain/slo/error-budget.js';
import { MAX_SLO_WINDOW_DAYS, SLO_WINDOW_KINDS } from '../domain/slo/slo.js';
import { Iso, ServiceId, strict } from './schemas.js';

/** Schemas of /api/v1/slos and /api/v1/reports/slos (docs/slo.md). */
const enumOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const MonitorId = Type.String({ minLength: 1, maxLength: 64 });

const sloFields = {
  serviceId: ServiceId,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  targetPct: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100, description: 'percent of good checks, e.g. 99.9' }),
  window: enumOf(SLO_WINDOW_KINDS, 'rolling (default) or the current calendar month, UTC'),
  windowDays: Type.Integer({ minimum: 1, maximum: MAX_SLO_WINDOW_DAYS, description: 'rolling windows: days (default 28)' }),
  monitorIds: nullable(
    Type.Array(MonitorId, { maxItems: 100, description: 'monitors whose checks count; null: the service’s (backup heartbeats excepted)' }),
  ),
};

const { serviceId: _s, targetPct: _t, ...optionalFields } = sloFields;
const optional = Type.Partial(Type.Object(optionalFields));
export const CreateSloBody = Type.Object(
  { serviceId: sloFields.serviceId, targetPct: sloFields.targetPct, ...optional.properties },
  strict,
);
export const UpdateSloBody = Type.Object(
  { ...Type.Partial(Type.Object({ serviceId: sloFields.serviceId, targetPct: sloFields.targetPct })).properties, ...optional.properties },
  { ...strict, minProperties: 1 },
);
export const SloIdParam = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const SloListQuery = Type.Object({ serviceId: Type.Optional(ServiceId) }, strict);

const Num = nullable(Type.Number());
const BurnRates = Type.Object(
  Object.fromEntries(Object.keys(BURN_WINDOWS).map((k) => [k, Num])) as Record<keyof typeof BURN_WINDOWS, typeof Num>,
  { description: 'bad share over the trailing window ÷ (1 − target); null: no checks in it' },
);

/** The numbers of an SLO at `at`. */
export const SloStatusSchema = Type.Object({
  at: Iso,
  windowStart: Iso,
  windowEnd: Iso,
  countedMonitorIds: Type.Array(Type.String()),
  availabilityPct: Num,
  goodChecks: Type.Integer(),
  totalChecks: Type.Integer(),
  budgetMinutes: Type.Number(),
  budgetSpentMinutes: Num,
  budgetRemainingMinutes: Num,
  budgetRemainingFraction: Num,
  burnRates: BurnRates,
  fastBurn: Type.Boolean({ description: '1 h and 5 m burn rates both ≥ 14.4' }),
  slowBurn: Type.Boolean({ description: '6 h and 30 m burn rates both ≥ 6' }),
});

export const SloSchema = Type.Object({
  id: Type.String(),
  serviceId: ServiceId,
  name: Type.String(),
  targetPct: Type.Number(),
  window: enumOf(SLO_WINDOW_KINDS),
  windowDays: nullable(Type.Integer()),
  monitorIds: nullable(Type.Array(Type.String())),
  createdAt: Iso,
  updatedAt: Iso,
  status: Type.Optional(SloStatusSchema),
});

export const SloReportQuery = Type.Object(
  {
    service: Type.Optional(ServiceId),
    format: Type.Optional(enumOf(['json', 'csv'] as const, 'default: json, or csv when Accept asks for text/csv')),
  },
  strict,
);

export const SloReportSchema = Type.Object({
  at: Iso,
  items: Type.Array(
    Type.Object({
      sloId: Type.String(),
      name: Type.String(),
      serviceId: ServiceId,
      serviceName: Type.String(),
      targetPct: Type.Number(),
      window: enumOf(SLO_WINDOW_KINDS),
      windowDays: nullable(Type.Integer()),
      ...SloStatusSchema.properties,
    }),
  ),
});
