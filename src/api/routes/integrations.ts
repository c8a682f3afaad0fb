import { Type } from '@sinclair/typebox';
import { IMPACT_TYPES } from '../../domain/grading/policy.js';
import { INTEGRATION_KINDS, type IntegrationKind } from '../../domain/signals/signal.js';
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  rotateIntegrationKey,
  updateIntegration,
  type PublicIntegration,
} from '../../operations/integrations/manage-integrations.js';
import { getIncidentAlerts, listOpenAlerts } from '../../operations/integrations/read-alerts.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, incidentRef } from '../context.js';
import { iso, isoOrNull } from '../presenters.js';
import { IdParam, ServiceId, listOf } from '../schemas.js';

const tags = ['integrations'];
const Kind = Type.Unsafe<(typeof INTEGRATION_KINDS)[number]>({ type: 'string', enum: [...INTEGRATION_KINDS] });
/** What a listed integration may be: also the built-in one the synthetic monitors report through. */
const AnyKind = Type.Unsafe<IntegrationKind>({ type: 'string', enum: [...INTEGRATION_KINDS, 'monitor', 'drill'] });
const Impact = Type.Unsafe<(typeof IMPACT_TYPES)[number]>({ type: 'string', enum: [...IMPACT_TYPES] });
const HeaderName = Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' });
const Settings = Type.Object(
  {
    severityMap: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Impact)),
    autoResolve: Type.Optional(Type.Boolean()),
    groupingWindowMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 })),
    signatureHeader: Type.Optional(HeaderName),
    timestampHeader: Type.Optional(Type.Union([HeaderName, Type.Null()])),
    heartbeat: Type.Optional(
      Type.Union([
        Type.Object(
          {
            intervalSeconds: Type.Integer({ minimum: 10, maximum: 31 * 86400 }),
            graceSeconds: Type.Integer({ minimum: 0, maximum: 86400 }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    heartbeats: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ pattern: '^[A-Za-z0-9._-]{1,100}$' }),
            intervalSeconds: Type.Integer({ minimum: 10, maximum: 31 * 86400 }),
            graceSeconds: Type.Integer({ minimum: 0, maximum: 86400 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
  },
  { additionalProperties: false },
);
const IntegrationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: AnyKind,
  serviceId: Type.Union([Type.String(), Type.Null()]),
  settings: Type.Object({
    severityMap: Type.Record(Type.String(), Type.String()),
    autoResolve: Type.Boolean(),
    groupingWindowMinutes: Type.Integer(),
    signatureHeader: Type.String(),
    timestampHeader: Type.Union([Type.String(), Type.Null()]),
    heartbeat: Type.Union([Type.Object({ intervalSeconds: Type.Integer(), graceSeconds: Type.Integer() }), Type.Null()]),
    heartbeats: Type.Array(Type.Object({ name: Type.String(), intervalSeconds: Type.Integer(), graceSeconds: Type.Integer() })),
  }),
  hasSecret: Type.Boolean(),
  keyPrefix: Type.String(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const WithKey = Type.Composite([
  IntegrationSchema,
  Type.Object({ key: Type.String(), endpoints: Type.Record(Type.String(), Type.String()) }),
]);

/** Where a sender of this kind posts, relative to the server's base URL. */
function endpointsFor(kind: PublicIntegration['kind'], key: string): Record<string, string> {
  switch (kind) {
    case 'alertmanager':
    case 'grafana':
    case 'webhook':
      return { url: `/api/v1/integrations/${key}/${kind}` };
    case 'pagerduty':
      return { eventsV2: '/v2/enqueue', eventsV1: '/generic/2010-04-15/create_event.json', routingKey: key };
    case 'opsgenie':
      return { alerts: '/v2/alerts', heartbeatPing: '/v2/heartbeats/{name}/ping', authorization: `GenieKey ${key}` };
    case 'heartbeat':
      return { push: `/api/push/${key}?status=up&msg=OK&ping=` };
    case 'monitor':
    case 'drill':
      return {};
  }
}

const json = (i: PublicIntegration) => ({ ...i, createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt) });

export function integrationRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/integrations', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'List integrations (never their keys)', response: { 200: listOf(IntegrationSchema) } },
    handler: async (request) => ({ items: (await listIntegrations(contextOf(deps, request))).map(json), nextCursor: null }),
  });
  app.post('/api/v1/integrations', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Create an integration; its key is shown only in this response',
      body: Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          kind: Kind,
          serviceId: Type.Optional(Type.Union([ServiceId, Type.Null()])),
          settings: Type.Optional(Settings),
          signingSecret: Type.Optional(Type.Union([Type.String({ minLength: 8, maxLength: 500 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      response: { 201: WithKey },
    },
    handler: async (request, reply) => {
      const { key, integration } = await createIntegration(contextOf(deps, request), request.body);
      return reply.status(201).send({ ...json(integration), key, endpoints: endpointsFor(integration.kind, key) });
    },
  });
  app.get('/api/v1/integrations/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Get an integration', params: IdParam, response: { 200: IntegrationSchema } },
    handler: async (request) => json(await getIntegration(contextOf(deps, request), request.params.id)),
  });
  app.patch('/api/v1/integrations/:id', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Change an integration',
      params: IdParam,
      body: Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          serviceId: Type.Optional(Type.Union([ServiceId, Type.Null()])),
          settings: Type.Optional(Settings),
          signingSecret: Type.Optional(Type.Union([Type.String({ minLength: 8, maxLength: 500 }), Type.Null()])),
          disabled: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
      response: { 200: IntegrationSchema },
    },
    handler: async (request) => json(await updateIntegration(contextOf(deps, request), request.params.id, request.body)),
  });
  app.post('/api/v1/integrations/:id/rotate-key', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Issue a new key; the old one stops working', params: IdParam, response: { 200: WithKey } },
    handler: async (request) => {
      const { key, integration } = await rotateIntegrationKey(contextOf(deps, request), request.params.id);
      return { ...json(integration), key, endpoints: endpointsFor(integration.kind, key) };
    },
  });
  app.delete('/api/v1/integrations/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete an integration (its alerts stay)', params: IdParam },
    handler: async (request, reply) => {
      await deleteIntegration(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });

  const AlertSchema = Type.Object({
    id: Type.String(),
    integrationId: Type.String(),
    dedupKey: Type.String(),
    status: Type.String(),
    incidentId: Type.Union([Type.String(), Type.Null()]),
    serviceId: Type.Union([Type.String(), Type.Null()]),
    summary: Type.String(),
    severity: Type.Union([Type.String(), Type.Null()]),
    impact: Type.String(),
    labels: Type.Record(Type.String(), Type.String()),
    eventCount: Type.Integer(),
    suppressed: Type.Union([Type.String(), Type.Null()]),
    flapping: Type.Boolean(),
    firstAt: Type.String(),
    lastAt: Type.String(),
    resolvedAt: Type.Union([Type.String(), Type.Null()]),
  });
  const alertJson = (a: Awaited<ReturnType<typeof listOpenAlerts>>['items'][number]) => ({
    ...a,
    firstAt: iso(a.firstAt),
    lastAt: iso(a.lastAt),
    resolvedAt: isoOrNull(a.resolvedAt),
  });
  app.get('/api/v1/alerts', {
    config: { access: 'viewer' },
    schema: {
      tags: ['alerts'],
      summary: 'Alerts, newest first',
      querystring: Type.Object(
        {
          open: Type.Optional(Type.Boolean()),
          integrationId: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          cursor: Type.Optional(Type.String({ maxLength: 100 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: listOf(AlertSchema) },
    },
    handler: async (request) => {
      const page = await listOpenAlerts(contextOf(deps, request), { ...request.query, limit: request.query.limit ?? 100 });
      return { items: page.items.map(alertJson), nextCursor: page.nextCursor };
    },
  });
  app.get('/api/v1/incidents/:id/alerts', {
    config: { access: 'viewer' },
    schema: { tags: ['incidents'], summary: 'The alerts linked to an incident', params: IdParam, response: { 200: listOf(AlertSchema) } },
    handler: async (request) => {
      const alerts = await getIncidentAlerts(contextOf(deps, request), incidentRef(request.params.id));
      return { items: alerts.map(alertJson), nextCursor: null };
    },
  });
}
