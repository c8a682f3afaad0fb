import { createSlo, deleteSlo, updateSlo } from '../../operations/slos/manage-slos.js';
import { getSloStatus, listSloStatuses } from '../../operations/slos/read-slos.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { ErrorSchema, listOf } from '../schemas.js';
import { CreateSloBody, SloIdParam, SloListQuery, SloSchema, UpdateSloBody } from '../slo-schemas.js';
import { sloJson } from '../slo-presenters.js';

const tags = ['slos'];

/** Availability SLOs: definitions, each read with its error budget and burn rates (docs/slo.md). */
export function sloRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/slos', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'SLOs with their numbers now', querystring: SloListQuery, response: { 200: listOf(SloSchema) } },
    handler: async (request) => {
      const statuses = await listSloStatuses(contextOf(deps, request), request.query.serviceId);
      // A service has a handful of SLOs: one page holds them all.
      return { items: statuses.map((s) => sloJson(s.slo, s)), nextCursor: null };
    },
  });

  app.get('/api/v1/slos/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'An SLO with its numbers now', params: SloIdParam, response: { 200: SloSchema, 404: ErrorSchema } },
    handler: async (request) => {
      const status = await getSloStatus(contextOf(deps, request), request.params.id);
      return sloJson(status.slo, status);
    },
  });

  app.post('/api/v1/slos', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Add an availability SLO to a service', body: CreateSloBody, response: { 201: SloSchema } },
    handler: async (request, reply) => reply.status(201).send(sloJson(await createSlo(contextOf(deps, request), request.body))),
  });

  app.patch('/api/v1/slos/:id', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Change an SLO', params: SloIdParam, body: UpdateSloBody, response: { 200: SloSchema } },
    handler: async (request) => sloJson(await updateSlo(contextOf(deps, request), request.params.id, request.body)),
  });

  app.delete('/api/v1/slos/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove an SLO', params: SloIdParam },
    handler: async (request, reply) => {
      await deleteSlo(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });
}
