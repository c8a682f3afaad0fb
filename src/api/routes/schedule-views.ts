import { DAY_MS } from '../../domain/time/zone.js';
import { renderScheduleFeed, renderUserFeed, scheduleFeedToken, userFeedToken } from '../../operations/oncall/ical-feeds.js';
import { listShifts, whoIsOnCall } from '../../operations/oncall/read-oncall.js';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, parseTime } from '../context.js';
import { FeedUrlSchema, IdParam, OnCallSchema, RangeQuery, ShiftsSchema, TokenQuery } from '../oncall-schemas.js';
import { shiftJson } from '../oncall-presenters.js';
import { iso } from '../presenters.js';
import { Iso } from '../schemas.js';

const tags = ['schedules'];
const CALENDAR = 'text/calendar; charset=utf-8';

/** The feed's address: under FENGHUO_PUBLIC_URL, else as the caller reached us. */
function feedUrl(publicUrl: string | undefined, request: FastifyRequest, path: string): { url: string; path: string } {
  return { url: `${publicUrl ?? `${request.protocol}://${request.host}`}${path}`, path };
}

/** Who is on call, resolved shifts, and iCalendar feeds of them. */
export function scheduleViewRoutes(app: App, { deps, options }: RouteDeps): void {
  app.get('/api/v1/schedules/:id/oncall', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Who is on call at `at` (default now), from which layer or override, and until when',
      params: IdParam,
      querystring: Type.Object({ at: Type.Optional(Iso) }, { additionalProperties: false }),
      response: { 200: OnCallSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const at = request.query.at ? parseTime(request.query.at, 'querystring.at') : ctx.clock.now();
      const { schedule, shifts, names } = await whoIsOnCall(ctx, request.params.id, at);
      return { scheduleId: schedule.id, at: iso(at), onCall: shifts.map((s) => shiftJson(schedule, s, names)) };
    },
  });
  app.get('/api/v1/schedules/:id/shifts', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Resolved shifts in [from, to) (default: the next 7 days; at most 93 days)',
      params: IdParam,
      querystring: RangeQuery,
      response: { 200: ShiftsSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const from = request.query.from ? parseTime(request.query.from, 'querystring.from') : ctx.clock.now();
      const to = request.query.to ? parseTime(request.query.to, 'querystring.to') : from + 7 * DAY_MS;
      const { schedule, shifts, names } = await listShifts(ctx, request.params.id, from, to);
      return { scheduleId: schedule.id, from: iso(from), to: iso(to), items: shifts.map((s) => shiftJson(schedule, s, names)) };
    },
  });

  app.get('/api/v1/schedules/:id/ical-url', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'The schedule’s calendar feed URL, with its token', params: IdParam, response: { 200: FeedUrlSchema } },
    handler: async (request) => {
      const id = request.params.id;
      const token = await scheduleFeedToken(contextOf(deps, request), id);
      return feedUrl(options.publicUrl, request, `/api/v1/schedules/${encodeURIComponent(id)}/feed.ics?token=${token}`);
    },
  });
  app.get('/api/v1/users/:id/ical-url', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Your on-call calendar feed URL (admins: anyone’s)', params: IdParam, response: { 200: FeedUrlSchema } },
    handler: async (request) => {
      const id = request.params.id;
      const token = await userFeedToken(contextOf(deps, request), id);
      return feedUrl(options.publicUrl, request, `/api/v1/users/${encodeURIComponent(id)}/oncall.ics?token=${token}`);
    },
  });

  // Public on purpose: calendar apps cannot send credentials, so the signed token is the credential.
  app.get('/api/v1/schedules/:id/feed.ics', {
    config: { access: 'public' },
    schema: { tags, summary: 'iCalendar feed of a schedule (7 days back, 60 ahead)', params: IdParam, querystring: TokenQuery },
    handler: async (request, reply) => {
      const body = await renderScheduleFeed(deps, request.params.id, request.query.token);
      return reply.type(CALENDAR).send(body);
    },
  });
  app.get('/api/v1/users/:id/oncall.ics', {
    config: { access: 'public' },
    schema: { tags, summary: 'iCalendar feed of a person’s shifts in every schedule', params: IdParam, querystring: TokenQuery },
    handler: async (request, reply) => {
      const body = await renderUserFeed(deps, request.params.id, request.query.token);
      return reply.type(CALENDAR).send(body);
    },
  });
}
