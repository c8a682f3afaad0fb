import { Type } from '@sinclair/typebox';
import { Iso, IsoOrNull, ServiceId, strict } from './schemas.js';

/** Schemas of /api/v1/reports/vendors (docs/reports.md). */
const Bound = (what: string) =>
  Type.Union([Iso, Type.String({ format: 'date' })], {
    description: `${what}: an ISO 8601 date-time, or a date (YYYY-MM-DD) meaning its midnight in tz`,
  });

export const VendorReportQuery = Type.Object(
  {
    from: Type.Optional(Bound('start of the range (incidents started at or after it); default: 30 days before to')),
    to: Type.Optional(Bound('end of the range (incidents started before it); default: now')),
    tz: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone for dates; default UTC' })),
    format: Type.Optional(
      Type.Unsafe<'json' | 'csv'>({
        type: 'string',
        enum: ['json', 'csv'],
        description: 'default: json, or csv when Accept asks for text/csv',
      }),
    ),
  },
  strict,
);

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const VendorReportSchema = Type.Object({
  from: Iso,
  to: Iso,
  timeZone: Type.String(),
  vendors: Type.Array(
    Type.Object({
      serviceId: ServiceId,
      name: Type.String(),
      contacts: Type.Array(
        Type.Object({ name: Type.String(), role: nullable(Type.String()), email: nullable(Type.String()), phone: nullable(Type.String()) }),
      ),
      contractedSlaPct: nullable(Type.Number()),
      incidentCount: Type.Integer(),
      directCount: Type.Integer({ description: 'incidents that name the vendor itself as affected' }),
      outageMinutes: Type.Number({ description: 'union of the outage incidents’ start → mitigation, within the range' }),
      measuredAvailabilityPct: nullable(Type.Number()),
      totalChecks: Type.Integer(),
      slaMet: nullable(Type.Boolean()),
      incidents: Type.Array(
        Type.Object({
          id: Type.String(),
          number: Type.Integer(),
          title: Type.String(),
          level: Type.Integer(),
          direct: Type.Boolean(),
          startedAt: Iso,
          mitigatedAt: IsoOrNull,
          resolvedAt: IsoOrNull,
        }),
      ),
    }),
  ),
});
