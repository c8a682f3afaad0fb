import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { MONITOR_KINDS } from '../domain/monitors/monitor.js';
import { Iso, IsoOrNull, ServiceId, strict } from './schemas.js';

const enumOf = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
/**
 * Nullable in responses, as OpenAPI 3.0's `nullable` rather than a union: the serializer writes
 * it with a null check, where a union costs a schema match per value (90 bars × 10,000 monitors).
 */
const orNull = <T extends TSchema>(s: T) => Type.Unsafe<Static<T> | null>({ ...s, nullable: true });

export const MonitorKindSchema = enumOf(MONITOR_KINDS);
export const MonitorStateSchema = enumOf(['up', 'degraded', 'down', 'pending'] as const);
export const CheckStatusSchema = enumOf(['up', 'degraded', 'down'] as const);
const LocationName = Type.String({ minLength: 1, maxLength: 63 });

const settings = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  serviceId: ServiceId,
  config: Type.Record(Type.String(), Type.Unknown(), { description: "The kind's settings (see docs/monitors.md)" }),
  intervalSeconds: Type.Integer({ minimum: 10, maximum: 86_400 }),
  timeoutMs: nullable(Type.Integer({ minimum: 100, maximum: 30_000 })),
  failureThreshold: Type.Integer({ minimum: 1, maximum: 100 }),
  recoveryThreshold: Type.Integer({ minimum: 1, maximum: 100 }),
  locations: Type.Array(LocationName, { minItems: 1, maxItems: 32 }),
  quorum: nullable(Type.Integer({ minimum: 1, maximum: 32 })),
  graceSeconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
};

export const CreateMonitorBody = Type.Object(
  {
    name: settings.name,
    serviceId: settings.serviceId,
    kind: MonitorKindSchema,
    config: Type.Optional(settings.config),
    intervalSeconds: Type.Optional(settings.intervalSeconds),
    timeoutMs: Type.Optional(settings.timeoutMs),
    failureThreshold: Type.Optional(settings.failureThreshold),
    recoveryThreshold: Type.Optional(settings.recoveryThreshold),
    locations: Type.Optional(settings.locations),
    quorum: Type.Optional(settings.quorum),
    graceSeconds: Type.Optional(settings.graceSeconds),
  },
  strict,
);

/** Every setting but the kind, each optional. */
export const UpdateMonitorBody = Type.Partial(Type.Omit(CreateMonitorBody, ['kind']), strict);

const LocationStateSchema = Type.Object({
  location: Type.String(),
  state: MonitorStateSchema,
  lastAt: Iso,
  lastStatus: CheckStatusSchema,
  lastLatencyMs: orNull(Type.Integer()),
  lastError: orNull(Type.String()),
});

export const MonitorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  serviceId: Type.String(),
  kind: MonitorKindSchema,
  config: Type.Record(Type.String(), Type.Unknown()),
  intervalSeconds: Type.Integer(),
  timeoutMs: Type.Integer(),
  failureThreshold: Type.Integer(),
  recoveryThreshold: Type.Integer(),
  locations: Type.Array(Type.String()),
  quorum: orNull(Type.Integer()),
  paused: Type.Boolean(),
  graceSeconds: Type.Integer(),
  state: MonitorStateSchema,
  stateSince: Iso,
  lastCheckAt: orNull(Iso),
  lastStatus: orNull(CheckStatusSchema),
  lastLatencyMs: orNull(Type.Integer()),
  lastError: orNull(Type.String()),
  lastBeatAt: orNull(Iso),
  locationStates: Type.Array(LocationStateSchema),
  uptime90d: Type.Array(orNull(Type.Number()), {
    description: '90 daily uptime percentages (UTC days), oldest first, today last; null: not checked',
  }),
  createdAt: Iso,
  updatedAt: Iso,
});

export const MonitorSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  serviceId: Type.String(),
  kind: MonitorKindSchema,
  state: MonitorStateSchema,
  stateSince: Iso,
  paused: Type.Boolean(),
  intervalSeconds: Type.Integer(),
  locations: Type.Array(Type.String()),
  lastCheckAt: orNull(Iso),
  lastStatus: orNull(CheckStatusSchema),
  lastLatencyMs: orNull(Type.Integer()),
  lastError: orNull(Type.String()),
  uptime90d: Type.Array(orNull(Type.Number()), {
    description: '90 daily uptime percentages (UTC days), oldest first, today last; null: not checked',
  }),
});

export const CreatedMonitorSchema = Type.Object({
  monitor: MonitorSchema,
  pushToken: nullable(Type.String({ description: 'heartbeat monitors: shown only now' })),
  pushUrl: nullable(Type.String()),
});

export const MonitorListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
    serviceId: Type.Optional(ServiceId),
    state: Type.Optional(
      Type.String({ maxLength: 100, description: 'comma-separated: up, degraded, down, pending (checked monitors in that state), paused' }),
    ),
  },
  strict,
);

export const ResultsQuery = Type.Object(
  {
    before: Type.Optional(Iso),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000, default: 100 })),
  },
  strict,
);

export const ResultSchema = Type.Object({
  at: Iso,
  location: Type.String(),
  status: CheckStatusSchema,
  latencyMs: nullable(Type.Integer()),
  error: nullable(Type.String()),
});

export const RollupsQuery = Type.Object(
  {
    grain: enumOf(['minute', 'hour', 'day'] as const),
    from: Type.Optional(Iso),
    to: Type.Optional(Iso),
  },
  strict,
);

export const RollupSchema = Type.Object({
  start: Iso,
  up: Type.Integer(),
  degraded: Type.Integer(),
  down: Type.Integer(),
  uptimePct: nullable(Type.Number()),
  latencyMeanMs: nullable(Type.Number()),
  p50: nullable(Type.Integer()),
  p95: nullable(Type.Integer()),
  p99: nullable(Type.Integer()),
});

export const CheckNowSchema = Type.Object({
  status: CheckStatusSchema,
  latencyMs: nullable(Type.Integer()),
  error: nullable(Type.String()),
  recorded: Type.Boolean({ description: 'true when the result counts (the monitor runs at the local location)' }),
});

export const LocationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: nullable(Type.String()),
  state: enumOf(['up', 'lost'] as const),
  lastSeenAt: IsoOrNull,
  tokenPrefix: nullable(Type.String()),
  createdAt: Iso,
  updatedAt: Iso,
});

export const CreateLocationBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 63 }), description: Type.Optional(nullable(Type.String({ maxLength: 500 }))) },
  strict,
);
export const UpdateLocationBody = Type.Object({ description: Type.Optional(nullable(Type.String({ maxLength: 500 }))) }, strict);
export const LocationWithTokenSchema = Type.Object({ location: LocationSchema, token: Type.String({ description: 'shown only now' }) });

export const AgentResultsBody = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          monitorId: Type.String({ minLength: 1, maxLength: 100 }),
          at: Type.Integer({ minimum: 0, description: 'epoch ms the check started' }),
          status: CheckStatusSchema,
          latencyMs: nullable(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
          error: nullable(Type.String({ maxLength: 500 })),
        },
        strict,
      ),
      { maxItems: 5_000 },
    ),
  },
  strict,
);

export const AgentMonitorsSchema = Type.Object({
  location: Type.String(),
  generation: Type.Integer(),
  monitors: Type.Array(
    Type.Object({
      id: Type.String(),
      seq: Type.Integer(),
      kind: MonitorKindSchema,
      config: Type.Record(Type.String(), Type.Unknown()),
      intervalSeconds: Type.Integer(),
      timeoutMs: Type.Integer(),
      graceSeconds: Type.Integer(),
    }),
  ),
});
