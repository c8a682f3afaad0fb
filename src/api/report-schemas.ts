import { Type, type TObject } from '@sinclair/typebox';
import { PERIOD_INTERVALS } from '../domain/metrics/periods.js';
import { METRIC_GROUP_BY } from '../domain/metrics/reliability.js';
import { Iso, ServiceId, strict } from './schemas.js';

/** Schemas of /api/v1/reports: query strings, JSON answers (CSV has the same columns). */
const enumOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const Bound = (what: string) =>
  Type.Union([Iso, Type.String({ format: 'date' })], {
    description: `${what}: an ISO 8601 date-time, or a date (YYYY-MM-DD) meaning its midnight in tz`,
  });

const DRILL = ['false', 'true', 'only'] as const;

const reportFilters = {
  from: Type.Optional(Bound('start of the range (incidents started at or after it); default: 30 days before to')),
  to: Type.Optional(Bound('end of the range (incidents started before it); default: now')),
  tz: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone for dates and periods; default UTC' })),
  level: Type.Optional(Type.String({ pattern: '^[1-4](,[1-4]){0,3}$', description: 'comma-separated levels, e.g. 1,2' })),
  service: Type.Optional(ServiceId),
  team: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'a services’ ownerTeam' })),
  drill: Type.Optional(enumOf(DRILL, 'drills: left out (default), included, or alone')),
  format: Type.Optional(enumOf(['json', 'csv'] as const, 'default: json, or csv when Accept asks for text/csv')),
};

export const MetricsQuery = Type.Object({ ...reportFilters, groupBy: Type.Optional(enumOf(METRIC_GROUP_BY, 'default: level')) }, strict);
export const CountsQuery = Type.Object({ ...reportFilters, interval: Type.Optional(enumOf(PERIOD_INTERVALS, 'default: day')) }, strict);

const Seconds = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);
const LevelCounts = Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer() });

const counts = {
  count: Type.Integer({ description: 'incidents counted (times in order)' }),
  invalid: Type.Integer({ description: 'incidents left out: their times are out of order' }),
  countsByLevel: LevelCounts,
};

const mean = (to: string) => Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description: `mean from startedAt to ${to}` });
const has = (what: string) => Type.Integer({ description: `incidents with a ${what} time (the n of the mean)` });

/** Means, nearest-rank medians and p90s in seconds (null when no incident has the time), and their n. */
const durations = {
  mttdSeconds: mean('detection (createdAt)'),
  ttdMedianSeconds: Seconds,
  ttdP90Seconds: Seconds,
  ttdCount: has('detection'),
  mttaSeconds: mean('acknowledgement'),
  ttaMedianSeconds: Seconds,
  ttaP90Seconds: Seconds,
  ttaCount: has('acknowledgement'),
  mttmSeconds: mean('mitigation'),
  ttmMedianSeconds: Seconds,
  ttmP90Seconds: Seconds,
  ttmCount: has('mitigation'),
  mttrSeconds: mean('resolution'),
  ttrMedianSeconds: Seconds,
  ttrP90Seconds: Seconds,
  ttrCount: has('resolution'),
};

const Summary = Type.Object({ ...counts, ...durations });
const Period = { start: Type.Optional(Iso), end: Type.Optional(Iso) };
const Group = Type.Object({
  key: Type.Union([Type.String(), Type.Null()], { description: 'level, service id, team, or period; null: no service/team' }),
  label: Type.String(),
  ...Period,
  ...Summary.properties,
});

const echo = {
  from: Iso,
  to: Iso,
  timeZone: Type.String(),
  drill: enumOf(DRILL),
};

export const MetricsReportSchema = Type.Object({ ...echo, groupBy: enumOf(METRIC_GROUP_BY), overall: Summary, groups: Type.Array(Group) });

export const CountsReportSchema = Type.Object({
  ...echo,
  interval: enumOf(PERIOD_INTERVALS),
  total: Type.Object(counts),
  periods: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), start: Iso, end: Iso, ...counts })),
});

/** A 200 that is JSON by this schema, or the same table as CSV. */
export function jsonOrCsv(schema: TObject) {
  return {
    content: {
      'application/json': { schema },
      'text/csv': { schema: Type.String({ description: 'RFC 4180, a header line then one row per group or period' }) },
    },
  };
}
