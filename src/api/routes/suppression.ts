import { Type } from '@sinclair/typebox';
import { MATCH_OPS } from '../../domain/suppression/matchers.js';
import {
  createMaintenanceWindow,
  createSilence,
  deleteMaintenanceWindow,
  expireSilence,
  listMaintenanceWindows,
  listSilences,
} from '../../operations/suppression/manage-suppression.js';
import type { StoredMaintenanceWindow, StoredSilence } from '../../store/suppression-repo.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, parseTime } from '../context.js';
import { iso, isoOrNull } from '../presenters.js';
import { IdParam, Iso, ServiceId, listOf } from '../schemas.js';

const Matcher = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    op: Type.Unsafe<(typeof MATCH_OPS)[number]>({ type: 'string', enum: [...MATCH_OPS] }),
    value: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
);
const SilenceSchema = Type.Object({
  id: Type.String(),
  matchers: Type.Array(Matcher),
  startsAt: Iso,
  endsAt: Iso,
  createdBy: Type.String(),
  comment: Type.String(),
  createdAt: Iso,
});
const WindowSchema = Type.Object({
  id: Type.String(),
  serviceIds: Type.Array(Type.String()),
  startsAt: Type.Union([Iso, Type.Null()]),
  endsAt: Type.Union([Iso, Type.Null()]),
  cron: Type.Union([Type.String(), Type.Null()]),
  durationMinutes: Type.Union([Type.Integer(), Type.Null()]),
  timeZone: Type.String(),
  comment: Type.String(),
  createdBy: Type.String(),
  createdAt: Iso,
});

const silenceJson = (s: StoredSilence) => ({ ...s, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), createdAt: iso(s.createdAt) });
const windowJson = (w: StoredMaintenanceWindow) => ({
  ...w,
  startsAt: isoOrNull(w.startsAt),
  endsAt: isoOrNull(w.endsAt),
  createdAt: iso(w.createdAt),
});

/** Silences (label matchers, a time span) and maintenance windows (per service, one-off or cron). */
export function suppressionRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/silences', {
    config: { access: 'viewer' },
    schema: {
      tags: ['silences'],
      summary: 'Silences not yet expired (all with ?expired=true)',
      querystring: Type.Object({ expired: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: listOf(SilenceSchema) },
    },
    handler: async (request) => ({
      items: (await listSilences(contextOf(deps, request), request.query.expired ?? false)).map(silenceJson),
      nextCursor: null,
    }),
  });
  app.post('/api/v1/silences', {
    config: { access: 'responder' },
    schema: {
      tags: ['silences'],
      summary: 'Silence matching alerts: pages are held back, alerts and incidents are still recorded',
      body: Type.Object(
        {
          matchers: Type.Array(Matcher, { minItems: 1, maxItems: 50 }),
          startsAt: Type.Optional(Iso),
          endsAt: Iso,
          comment: Type.String({ minLength: 1, maxLength: 4096 }),
        },
        { additionalProperties: false },
      ),
      response: { 201: SilenceSchema },
    },
    handler: async (request, reply) => {
      const silence = await createSilence(contextOf(deps, request), {
        matchers: request.body.matchers,
        startsAt: request.body.startsAt ? parseTime(request.body.startsAt, 'body.startsAt') : null,
        endsAt: parseTime(request.body.endsAt, 'body.endsAt'),
        comment: request.body.comment,
      });
      return reply.status(201).send(silenceJson(silence));
    },
  });
  app.delete('/api/v1/silences/:id', {
    config: { access: 'responder' },
    schema: { tags: ['silences'], summary: 'Expire a silence now', params: IdParam, response: { 200: SilenceSchema } },
    handler: async (request) => silenceJson(await expireSilence(contextOf(deps, request), request.params.id)),
  });

  app.get('/api/v1/maintenance-windows', {
    config: { access: 'viewer' },
    schema: { tags: ['maintenance'], summary: 'Maintenance windows', response: { 200: listOf(WindowSchema) } },
    handler: async (request) => ({ items: (await listMaintenanceWindows(contextOf(deps, request))).map(windowJson), nextCursor: null }),
  });
  app.post('/api/v1/maintenance-windows', {
    config: { access: 'responder' },
    schema: {
      tags: ['maintenance'],
      summary: 'A maintenance window for services: one-off (startsAt/endsAt) or recurring (cron + durationMinutes in timeZone)',
      body: Type.Object(
        {
          serviceIds: Type.Array(ServiceId, { minItems: 1, maxItems: 200 }),
          startsAt: Type.Optional(Iso),
          endsAt: Type.Optional(Iso),
          cron: Type.Optional(Type.String({ maxLength: 100 })),
          durationMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
          timeZone: Type.Optional(Type.String({ maxLength: 64 })),
          comment: Type.String({ minLength: 1, maxLength: 4096 }),
        },
        { additionalProperties: false },
      ),
      response: { 201: WindowSchema },
    },
    handler: async (request, reply) => {
      const b = request.body;
      const window = await createMaintenanceWindow(contextOf(deps, request), {
        serviceIds: b.serviceIds,
        startsAt: b.startsAt ? parseTime(b.startsAt, 'body.startsAt') : null,
        endsAt: b.endsAt ? parseTime(b.endsAt, 'body.endsAt') : null,
        cron: b.cron ?? null,
        durationMinutes: b.durationMinutes ?? null,
        timeZone: b.timeZone ?? 'UTC',
        comment: b.comment,
      });
      return reply.status(201).send(windowJson(window));
    },
  });
  app.delete('/api/v1/maintenance-windows/:id', {
    config: { access: 'responder' },
    schema: { tags: ['maintenance'], summary: 'Delete a maintenance window', params: IdParam },
    handler: async (request, reply) => {
      await deleteMaintenanceWindow(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });
}
