import { Type } from '@sinclair/typebox';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { countOpenIncidents } from '../../operations/incidents/read-incidents.js';
import { readOutboxHealth } from '../../operations/paging/read-paging.js';
import type { App, RouteDeps } from '../app-types.js';

/** Liveness, readiness and Prometheus metrics: public on purpose, so probes and scrapers need no secret. */
export function healthRoutes(app: App, { deps }: RouteDeps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fenghuo_' });
  const requests = new Counter({
    name: 'fenghuo_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'fenghuo_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'fenghuo_incidents_open',
    help: 'Open (not resolved) incidents by level',
    labelNames: ['level'] as const,
    registers: [registry],
    async collect() {
      const open = await countOpenIncidents(deps);
      this.reset();
      for (const level of [1, 2, 3, 4]) this.set({ level: String(level) }, open.get(level) ?? 0);
    },
  });

  // Pages: a growing `pending` or any `failed`/`unknown` deserves an alert of its own.
  new Gauge({
    name: 'fenghuo_notifications',
    help: 'Outbox rows that need watching, by status (pending, sending, failed, unknown)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const health = await readOutboxHealth(deps);
      this.reset();
      for (const [status, n] of health.counts) this.set({ status }, n);
    },
  });

  new Gauge({
    name: 'fenghuo_notifications_oldest_pending_seconds',
    help: 'How long the oldest due page has been waiting to be sent (0: none)',
    registers: [registry],
    async collect() {
      this.set((await readOutboxHealth(deps)).oldestPendingSeconds);
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    handler: () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Readiness: the database answers' },
    handler: async (request, reply) => {
      try {
        await deps.store.ping();
        return { status: 'ready', database: deps.store.dialect };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable', database: deps.store.dialect });
      }
    },
  });

  app.get('/metrics', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Prometheus metrics (text exposition format)' },
    handler: async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  });
  return registry;
}
