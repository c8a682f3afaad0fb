import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { FenghuoError } from '../../domain/errors.js';
import { agentMonitors, authenticateAgent } from '../../operations/monitors/agent-access.js';
import {
  createLocation,
  deleteLocation,
  listLocations,
  rotateLocationToken,
  updateLocation,
} from '../../operations/monitors/manage-locations.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import {
  AgentMonitorsSchema,
  AgentResultsBody,
  CreateLocationBody,
  LocationSchema,
  LocationWithTokenSchema,
  UpdateLocationBody,
} from '../monitor-schemas.js';
import { locationJson } from '../monitor-presenters.js';
import { IdParam, listOf } from '../schemas.js';

const tags = ['locations'];

/** Probe locations (admin) and the two routes their agents call with the location's token. */
export function locationRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/locations', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Probe locations; `local` is the server itself', response: { 200: listOf(LocationSchema) } },
    handler: async (request) => ({ items: (await listLocations(contextOf(deps, request))).map(locationJson), nextCursor: null }),
  });
  app.post('/api/v1/locations', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Create a location; its agent token is shown only now',
      body: CreateLocationBody,
      response: { 201: LocationWithTokenSchema },
    },
    handler: async (request, reply) => {
      const { location, token } = await createLocation(contextOf(deps, request), request.body);
      return reply.status(201).send({ location: locationJson(location), token });
    },
  });
  app.patch('/api/v1/locations/:id', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Change a location’s description',
      params: IdParam,
      body: UpdateLocationBody,
      response: { 200: LocationSchema },
    },
    handler: async (request) => locationJson(await updateLocation(contextOf(deps, request), request.params.id, request.body)),
  });
  app.post('/api/v1/locations/:id/token', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'A new agent token (the old one stops working)',
      params: IdParam,
      response: { 200: Type.Object({ token: Type.String() }) },
    },
    handler: async (request) => ({ token: await rotateLocationToken(contextOf(deps, request), request.params.id) }),
  });
  app.delete('/api/v1/locations/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a location no monitor uses', params: IdParam },
    handler: async (request, reply) => {
      await deleteLocation(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });

  const agentLocation = (request: FastifyRequest) => authenticateAgent(deps, request.headers.authorization);

  app.get('/api/v1/agent/monitors', {
    config: { access: 'integration' },
    schema: { tags, summary: 'Agent: the monitors its location runs', response: { 200: AgentMonitorsSchema } },
    handler: async (request) => {
      const location = await agentLocation(request);
      return { location: location.name, ...(await agentMonitors(deps, location)) };
    },
  });
  app.post('/api/v1/agent/results', {
    config: { access: 'integration' },
    schema: {
      tags,
      summary: 'Agent: a batch of results; 202 once stored, 503 when the server is backlogged (retry)',
      body: AgentResultsBody,
      response: { 202: Type.Object({ accepted: Type.Integer() }) },
    },
    handler: async (request, reply) => {
      const location = await agentLocation(request);
      if (!deps.monitors) throw new FenghuoError('unavailable', 'this server does not take monitor results');
      // An agent's clock may run ahead: a result is never stored as later than its arrival.
      const now = deps.clock.now();
      const results = request.body.results.map((r) => ({
        ...r,
        at: Math.min(r.at, now),
        location: location.name,
        error: r.error === null ? null : r.error.toWellFormed().replaceAll('\u0000', ''),
      }));
      try {
        await deps.monitors.write(results);
      } catch (err) {
        request.log.warn({ err }, 'agent results not stored');
        throw new FenghuoError('unavailable', 'could not store the results; retry');
      }
      return reply.status(202).send({ accepted: results.length });
    },
  });
}
