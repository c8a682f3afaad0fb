import { addOverride, deleteOverride, listOverrides } from '../../operations/oncall/manage-overrides.js';
import { createSchedule, deleteSchedule, getSchedule, listSchedules, updateSchedule } from '../../operations/oncall/manage-schedules.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, parseTime } from '../context.js';
import {
  CreateOverrideBody,
  IdParam,
  OverrideParams,
  OverrideSchema,
  PatchScheduleBody,
  PutScheduleBody,
  RangeQuery,
  ScheduleSchema,
} from '../oncall-schemas.js';
import { overrideJson, scheduleInput, scheduleJson } from '../oncall-presenters.js';
import { listOf } from '../schemas.js';

const tags = ['schedules'];

/** On-call schedules (layers of rotations in a time zone) and their overrides. */
export function scheduleRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/schedules', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Schedules, by name', response: { 200: listOf(ScheduleSchema) } },
    handler: async (request) => ({ items: (await listSchedules(contextOf(deps, request))).map(scheduleJson), nextCursor: null }),
  });
  app.post('/api/v1/schedules', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Create a schedule', body: PutScheduleBody, response: { 201: ScheduleSchema } },
    handler: async (request, reply) => {
      const { name, timeZone } = request.body;
      const input = scheduleInput(request.body);
      const schedule = await createSchedule(contextOf(deps, request), { ...input, name, timeZone, layers: input.layers ?? [] });
      return reply.status(201).send(scheduleJson(schedule));
    },
  });
  app.get('/api/v1/schedules/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A schedule', params: IdParam, response: { 200: ScheduleSchema } },
    handler: async (request) => scheduleJson(await getSchedule(contextOf(deps, request), request.params.id)),
  });
  app.put('/api/v1/schedules/:id', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Replace a schedule', params: IdParam, body: PutScheduleBody, response: { 200: ScheduleSchema } },
    handler: async (request) => {
      const input = { teamId: null, ...scheduleInput(request.body) };
      return scheduleJson(await updateSchedule(contextOf(deps, request), request.params.id, input));
    },
  });
  app.patch('/api/v1/schedules/:id', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change some of a schedule’s fields (layers, if given, replace all layers)',
      params: IdParam,
      body: PatchScheduleBody,
      response: { 200: ScheduleSchema },
    },
    handler: async (request) =>
      scheduleJson(await updateSchedule(contextOf(deps, request), request.params.id, scheduleInput(request.body))),
  });
  app.delete('/api/v1/schedules/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a schedule no policy names (409 names the ones that do)', params: IdParam },
    handler: async (request, reply) => {
      await deleteSchedule(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/schedules/:id/overrides', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Overrides overlapping [from, to) (default: from now on)',
      params: IdParam,
      querystring: RangeQuery,
      response: { 200: listOf(OverrideSchema) },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const from = request.query.from ? parseTime(request.query.from, 'querystring.from') : ctx.clock.now();
      const to = request.query.to ? parseTime(request.query.to, 'querystring.to') : Number.MAX_SAFE_INTEGER;
      return { items: (await listOverrides(ctx, request.params.id, from, to)).map(overrideJson), nextCursor: null };
    },
  });
  app.post('/api/v1/schedules/:id/overrides', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Put someone on call for [start, end), over every layer',
      params: IdParam,
      body: CreateOverrideBody,
      response: { 201: OverrideSchema },
    },
    handler: async (request, reply) => {
      const override = await addOverride(contextOf(deps, request), request.params.id, {
        userId: request.body.userId,
        start: parseTime(request.body.start, 'body.start'),
        end: parseTime(request.body.end, 'body.end'),
      });
      return reply.status(201).send(overrideJson(override));
    },
  });
  app.delete('/api/v1/schedules/:id/overrides/:overrideId', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove an override', params: OverrideParams },
    handler: async (request, reply) => {
      await deleteOverride(contextOf(deps, request), request.params.id, request.params.overrideId);
      return reply.status(204).send();
    },
  });
}
