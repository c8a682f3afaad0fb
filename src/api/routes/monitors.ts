import { Gauge, Histogram, type Registry } from 'prom-client';
import { Type } from '@sinclair/typebox';
import { FenghuoError } from '../../domain/errors.js';
import { LISTED_MONITOR_STATES, type ListedMonitorState } from '../../domain/monitors/monitor.js';
import type { MonitorRuntime } from '../../monitors/monitor-runtime.js';
import { checkNow } from '../../operations/monitors/check-now.js';
import { createMonitor, deleteMonitor, rotatePushToken, updateMonitor } from '../../operations/monitors/manage-monitors.js';
import { listMonitorsJson } from '../../operations/monitors/list-monitors.js';
import { getMonitorView, monitorResults, monitorRollups } from '../../operations/monitors/read-monitors.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import {
  CheckNowSchema,
  CreatedMonitorSchema,
  CreateMonitorBody,
  MonitorListQuery,
  MonitorSchema,
  MonitorSummarySchema,
  ResultSchema,
  ResultsQuery,
  RollupSchema,
  RollupsQuery,
  UpdateMonitorBody,
} from '../monitor-schemas.js';
import { monitorJson, rollupJson } from '../monitor-presenters.js';
import { iso } from '../presenters.js';
import { IdParam, listOf } from '../schemas.js';

const tags = ['monitors'];

/** `?state=down,paused` → the listed states; an unknown one is a 400 naming the parameter. */
function parseStates(value: string): ListedMonitorState[] {
  return value.split(',').map((part) => {
    const state = part.trim();
    if ((LISTED_MONITOR_STATES as readonly string[]).includes(state)) return state as ListedMonitorState;
    const message = `unknown state "${state}" (one of ${LISTED_MONITOR_STATES.join(', ')})`;
    throw new FenghuoError('invalid_request', `state: ${message}`, [{ field: 'querystring.state', message }]);
  });
}

function pushUrl(base: string | undefined, token: string): string {
  return `${base ?? ''}/api/push/${token}?status=up&msg=OK&ping=`;
}

/** Synthetic monitors: CRUD, pause/resume, check now, history (raw and rolled up). */
export function monitorRoutes(app: App, { deps, options }: RouteDeps): void {
  app.get('/api/v1/monitors', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Monitors with current state, last check and 90-day bars (up to 10,000 a page; settings in GET /monitors/{id})',
      querystring: MonitorListQuery,
      response: { 200: listOf(MonitorSummarySchema) },
    },
    handler: async (request, reply) => {
      const q = request.query;
      const json = await listMonitorsJson(contextOf(deps, request), {
        after: q.cursor ?? null,
        limit: q.limit ?? 100,
        serviceId: q.serviceId ?? null,
        states: q.state === undefined ? null : parseStates(q.state),
      });
      // Built as text from one query: the serializer would take longer than the query for 10,000 monitors.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  });
  app.post('/api/v1/monitors', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Create a monitor (heartbeat monitors answer their push token once)',
      body: CreateMonitorBody,
      response: { 201: CreatedMonitorSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(deps, request);
      const { monitor, pushToken } = await createMonitor(ctx, request.body);
      const view = await getMonitorView(ctx, monitor.id);
      return reply
        .status(201)
        .send({ monitor: monitorJson(view), pushToken, pushUrl: pushToken ? pushUrl(options.publicUrl, pushToken) : null });
    },
  });
  app.get('/api/v1/monitors/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A monitor, with each location’s verdict', params: IdParam, response: { 200: MonitorSchema } },
    handler: async (request) => monitorJson(await getMonitorView(contextOf(deps, request), request.params.id)),
  });
  app.patch('/api/v1/monitors/:id', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Change a monitor’s settings', params: IdParam, body: UpdateMonitorBody, response: { 200: MonitorSchema } },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      await updateMonitor(ctx, request.params.id, request.body);
      return monitorJson(await getMonitorView(ctx, request.params.id));
    },
  });
  app.delete('/api/v1/monitors/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a monitor and its history', params: IdParam },
    handler: async (request, reply) => {
      await deleteMonitor(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });
  for (const [verb, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post(`/api/v1/monitors/:id/${verb}`, {
      config: { access: 'responder' },
      schema: {
        tags,
        summary: paused ? 'Stop checking (the state is kept)' : 'Check again',
        params: IdParam,
        response: { 200: MonitorSchema },
      },
      handler: async (request) => {
        const ctx = contextOf(deps, request);
        await updateMonitor(ctx, request.params.id, { paused });
        return monitorJson(await getMonitorView(ctx, request.params.id));
      },
    });
  }
  app.post('/api/v1/monitors/:id/check', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Check now, from this server', params: IdParam, response: { 200: CheckNowSchema } },
    handler: async (request) => checkNow(contextOf(deps, request), request.params.id),
  });
  app.post('/api/v1/monitors/:id/push-token', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'A new push token for a heartbeat monitor (the old one stops working)',
      params: IdParam,
      response: { 200: Type.Object({ pushToken: Type.String(), pushUrl: Type.String() }) },
    },
    handler: async (request) => {
      const token = await rotatePushToken(contextOf(deps, request), request.params.id);
      return { pushToken: token, pushUrl: pushUrl(options.publicUrl, token) };
    },
  });
  app.get('/api/v1/monitors/:id/results', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Raw check results, newest first (kept 24 h by default)',
      params: IdParam,
      querystring: ResultsQuery,
      response: { 200: Type.Object({ items: Type.Array(ResultSchema) }) },
    },
    handler: async (request) => {
      const before = request.query.before ? Date.parse(request.query.before) : null;
      const rows = await monitorResults(contextOf(deps, request), request.params.id, { before, limit: request.query.limit ?? 100 });
      return {
        items: rows.map((r) => ({ at: iso(r.at), location: r.location, status: r.status, latencyMs: r.latencyMs, error: r.error })),
      };
    },
  });
  app.get('/api/v1/monitors/:id/rollups', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Minute, hour or day aggregates: counts, uptime, latency percentiles',
      params: IdParam,
      querystring: RollupsQuery,
      response: { 200: Type.Object({ items: Type.Array(RollupSchema) }) },
    },
    handler: async (request) => {
      const q = request.query;
      const rows = await monitorRollups(contextOf(deps, request), request.params.id, {
        grain: q.grain,
        from: q.from ? Date.parse(q.from) : null,
        to: q.to ? Date.parse(q.to) : null,
      });
      return { items: rows.map(rollupJson) };
    },
  });
}

/** Scheduler and pipeline health: a growing lag or backlog means this node runs too many checks. */
export function registerMonitorMetrics(registry: Registry, runtime: MonitorRuntime): void {
  const lag = new Histogram({
    name: 'fenghuo_monitor_schedule_lag_seconds',
    help: 'How late local checks started after they were due',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  runtime.observeLag = (ms) => lag.observe(ms / 1000);
  new Gauge({
    name: 'fenghuo_monitors_local',
    help: 'Monitors this node runs at the local location',
    registers: [registry],
    collect() {
      this.set(runtime.localMonitors);
    },
  });
  new Gauge({
    name: 'fenghuo_monitor_checks_in_flight',
    help: 'Local checks running now',
    registers: [registry],
    collect() {
      this.set(runtime.checksInFlight);
    },
  });
  new Gauge({
    name: 'fenghuo_monitor_results_backlog',
    help: 'Check results waiting to be stored',
    registers: [registry],
    collect() {
      this.set(runtime.pipeline.backlog);
    },
  });
}
