import type { FastifyRequest } from 'fastify';
import { FenghuoError } from '../../domain/errors.js';
import type { Level } from '../../domain/grading/policy.js';
import { INCIDENT_STATUSES, type IncidentAction, type IncidentStatus } from '../../domain/incident/state-machine.js';
import type { ResponseProfile } from '../../domain/response/profiles.js';
import { addIncidentUpdate } from '../../operations/incidents/add-incident-update.js';
import { changeIncidentStatus } from '../../operations/incidents/change-incident-status.js';
import { createIncident } from '../../operations/incidents/create-incident.js';
import { getIncident, getIncidentTimeline, listIncidents } from '../../operations/incidents/read-incidents.js';
import { roleHolderNames } from '../../operations/incidents/role-holders.js';
import { setIncidentLevel } from '../../operations/incidents/set-incident-level.js';
import { setIncidentRoles } from '../../operations/incidents/set-incident-roles.js';
import { updateIncident } from '../../operations/incidents/update-incident.js';
import { regulatorClocks } from '../../operations/learn/read-regulator-reports.js';
import { listResponseProfiles } from '../../operations/response-profiles.js';
import type { Deps } from '../../operations/context.js';
import type { IncidentFilter, StoredIncident } from '../../store/incidents-repo.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, incidentRef, parseTime } from '../context.js';
import { cursorBeforeNumber, encodeCursor, incidentJson, timelineJson } from '../presenters.js';
import {
  ActionBody,
  CreateIncidentBody,
  ErrorSchema,
  IdParam,
  IncidentListQuery,
  IncidentSchema,
  LevelBody,
  NoteBody,
  RolesBody,
  TimelineEntrySchema,
  UpdateIncidentBody,
  listOf,
} from '../schemas.js';

const tags = ['incidents'];

/**
 * Maps incidents to JSON with the response profiles in force, the names of who holds their roles
 * and their regulator reporting clocks.
 */
async function presenter(deps: Deps, incidents: readonly StoredIncident[]) {
  const profiles = Object.fromEntries((await listResponseProfiles(deps)).map((p) => [p.level, p.profile])) as Record<
    Level,
    ResponseProfile
  >;
  const names = await roleHolderNames(deps, incidents);
  const clocks = await regulatorClocks(deps, incidents, profiles);
  return (incident: StoredIncident) => incidentJson(incident, deps.policy, profiles, names, clocks.get(incident.id));
}

/** One incident as JSON. */
async function present(deps: Deps, incident: StoredIncident) {
  return (await presenter(deps, [incident]))(incident);
}

function listFilter(query: {
  status?: string;
  level?: string;
  service?: string;
  drill?: boolean;
  q?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}): IncidentFilter {
  const statuses = query.status?.split(',').flatMap((s): IncidentStatus[] => {
    const value = s.trim();
    if (value === 'open') return ['triggered', 'acknowledged', 'mitigated'];
    if ((INCIDENT_STATUSES as readonly string[]).includes(value)) return [value as IncidentStatus];
    throw new FenghuoError('invalid_request', `status: unknown status "${value}"`, [
      { field: 'querystring.status', message: `unknown status "${value}"` },
    ]);
  });
  const levels = query.level?.split(',').map((s): Level => {
    const value = Number(s.trim());
    if (![1, 2, 3, 4].includes(value)) {
      throw new FenghuoError('invalid_request', `level: "${s}" is not 1-4`, [{ field: 'querystring.level', message: 'levels are 1-4' }]);
    }
    return value as Level;
  });
  return {
    statuses,
    levels,
    service: query.service,
    drill: query.drill,
    text: query.q?.trim() || undefined,
    createdFrom: query.from ? parseTime(query.from, 'querystring.from') : undefined,
    createdTo: query.to ? parseTime(query.to, 'querystring.to') : undefined,
    beforeNumber: cursorBeforeNumber(query.cursor),
    limit: query.limit ?? 50,
  };
}

export function incidentRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/incidents', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'List incidents, newest first', querystring: IncidentListQuery, response: { 200: listOf(IncidentSchema) } },
    handler: async (request) => {
      const page = await listIncidents(contextOf(deps, request), listFilter(request.query));
      const toJson = await presenter(deps, page.items);
      const last = page.items.at(-1);
      return { items: page.items.map(toJson), nextCursor: page.hasMore && last ? encodeCursor({ n: last.number }) : null };
    },
  });

  app.post('/api/v1/incidents', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Open an incident; it is graded at once', body: CreateIncidentBody, response: { 201: IncidentSchema } },
    handler: async (request, reply) => {
      const { startedAt, ...rest } = request.body;
      const incident = await createIncident(contextOf(deps, request), {
        ...rest,
        startedAt: startedAt ? parseTime(startedAt, 'body.startedAt') : null,
      });
      return reply.status(201).send(await present(deps, incident));
    },
  });

  app.get('/api/v1/incidents/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Get an incident by id or number', params: IdParam, response: { 200: IncidentSchema, 404: ErrorSchema } },
    handler: async (request) => present(deps, await getIncident(contextOf(deps, request), incidentRef(request.params.id))),
  });

  app.patch('/api/v1/incidents/:id', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change title, summary, start or impact facts; the incident is graded again',
      params: IdParam,
      body: UpdateIncidentBody,
      response: { 200: IncidentSchema },
    },
    handler: async (request) => {
      const { startedAt, ...rest } = request.body;
      const incident = await updateIncident(contextOf(deps, request), incidentRef(request.params.id), {
        ...rest,
        startedAt: startedAt ? parseTime(startedAt, 'body.startedAt') : undefined,
      });
      return present(deps, incident);
    },
  });

  const actions: Array<{ action: IncidentAction; summary: string }> = [
    { action: 'acknowledge', summary: 'Acknowledge (409 if it is not triggered)' },
    { action: 'mitigate', summary: 'Mark the impact as mitigated' },
    { action: 'resolve', summary: 'Resolve' },
    { action: 'reopen', summary: 'Reopen a mitigated or resolved incident' },
  ];
  for (const { action, summary } of actions) {
    app.post(`/api/v1/incidents/:id/${action}`, {
      config: { access: 'responder' },
      schema: { tags, summary, params: IdParam, body: ActionBody, response: { 200: IncidentSchema, 409: ErrorSchema } },
      // The note is optional, and so is the body: `curl -X POST …/acknowledge` must work.
      preValidation: async (request) => {
        request.body ??= {};
      },
      handler: async (request: FastifyRequest<{ Params: { id: string }; Body: { note?: string } }>) => {
        const incident = await changeIncidentStatus(
          contextOf(deps, request),
          incidentRef(request.params.id),
          action,
          request.body.note?.trim() || null,
        );
        return present(deps, incident);
      },
    });
  }

  app.post('/api/v1/incidents/:id/level', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Set the level by hand; lowering it needs a reason',
      params: IdParam,
      body: LevelBody,
      response: { 200: IncidentSchema },
    },
    handler: async (request) => {
      const incident = await setIncidentLevel(
        contextOf(deps, request),
        incidentRef(request.params.id),
        request.body.level as Level,
        request.body.reason ?? null,
      );
      return present(deps, incident);
    },
  });

  app.put('/api/v1/incidents/:id/roles', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Name the incident commander and the communications lead (a user id, or null for nobody; absent: unchanged)',
      params: IdParam,
      body: RolesBody,
      response: { 200: IncidentSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
    handler: async (request) =>
      present(deps, await setIncidentRoles(contextOf(deps, request), incidentRef(request.params.id), request.body)),
  });

  app.get('/api/v1/incidents/:id/timeline', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'The whole timeline, oldest first', params: IdParam, response: { 200: listOf(TimelineEntrySchema) } },
    handler: async (request) => {
      const entries = await getIncidentTimeline(contextOf(deps, request), incidentRef(request.params.id));
      return { items: entries.map(timelineJson), nextCursor: null };
    },
  });

  app.get('/api/v1/incidents/:id/updates', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Notes added by responders', params: IdParam, response: { 200: listOf(TimelineEntrySchema) } },
    handler: async (request) => {
      const entries = await getIncidentTimeline(contextOf(deps, request), incidentRef(request.params.id), ['note']);
      return { items: entries.map(timelineJson), nextCursor: null };
    },
  });

  app.post('/api/v1/incidents/:id/updates', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Add a note to the timeline', params: IdParam, body: NoteBody, response: { 201: TimelineEntrySchema } },
    handler: async (request, reply) => {
      const entry = await addIncidentUpdate(contextOf(deps, request), incidentRef(request.params.id), request.body.message);
      return reply.status(201).send(timelineJson(entry));
    },
  });
}
