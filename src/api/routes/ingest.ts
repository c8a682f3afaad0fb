import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { isFenghuoError } from '../../domain/errors.js';
import type { IntegrationKind, ParseResult } from '../../domain/signals/signal.js';
import { resolveIntegrationKey } from '../../operations/integrations/resolve-integration.js';
import { parseAlertmanager } from '../../signals/alertmanager/parse.js';
import { parseGrafana, verifyGrafanaSignature } from '../../signals/grafana/parse.js';
import { acceptMonitorPush } from '../../operations/monitors/accept-push.js';
import { acceptBeat } from '../../signals/heartbeat/beats.js';
import { parseHeartbeatPush } from '../../signals/heartbeat/parse.js';
import type { IngestEngine } from '../../signals/ingest/engine.js';
import type { SignalOutcome } from '../../signals/ingest/types.js';
import { parseGenericWebhook } from '../../signals/webhook/parse.js';
import type { StoredIntegration } from '../../store/integrations-repo.js';
import type { App, RouteDeps } from '../app-types.js';
import { errorBody } from '../errors.js';
import { rawJsonParser } from './raw-json.js';
import { opsgenieRoutes } from './ingest-opsgenie.js';
import { pagerDutyRoutes } from './ingest-pagerduty.js';

export interface IngestRouteDeps extends RouteDeps {
  engine: IngestEngine;
  metrics: IngestMetrics;
}

export interface IngestMetrics {
  count(kind: string, outcomes: SignalOutcome[]): void;
}

/** `fenghuo_ingest_signals_total{kind,outcome}` and the engine's backlog. */
export function ingestMetrics(registry: Registry, engine: IngestEngine): IngestMetrics {
  const signals = new Counter({
    name: 'fenghuo_ingest_signals_total',
    help: 'Inbound signals committed, by integration kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'fenghuo_ingest_backlog',
    help: 'Signals accepted and waiting for their group commit',
    registers: [registry],
    collect() {
      this.set(engine.backlog);
    },
  });
  return {
    count(kind, outcomes) {
      for (const o of outcomes) signals.inc({ kind, outcome: o.status });
    },
  };
}

const KeyParam = { type: 'object', properties: { key: { type: 'string', maxLength: 200 } }, required: ['key'] } as const;

function fail(reply: FastifyReply, status: number, code: string, message: string, details?: string[]) {
  return reply.status(status).send(
    errorBody(
      code,
      message,
      details?.map((m) => ({ field: 'body', message: m })),
    ),
  );
}

/** Answers an ingest error in Fenghuo's own shape; 503 (never 429) when the engine is full. */
export function ingestErrorHandler(
  err: Error & { statusCode?: number; code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (isFenghuoError(err) && err.code === 'unavailable') {
    void reply.header('retry-after', '1');
    void fail(reply, 503, 'unavailable', err.message);
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_request';
    void fail(reply, status, code, err.message);
    return;
  }
  request.log.error({ err }, 'ingest failed');
  void fail(reply, 503, 'unavailable', 'could not store the events; retry');
}

/** Looks up `key` and checks it belongs to an integration of `kind`. */
export async function integrationFor(deps: RouteDeps['deps'], key: string, kinds: IntegrationKind[]): Promise<StoredIntegration | null> {
  const integration = await resolveIntegrationKey(deps, key);
  return integration && kinds.includes(integration.kind) ? integration : null;
}

function summarise(outcomes: SignalOutcome[]) {
  return outcomes.map((o) => ({ dedupKey: o.dedupKey, status: o.status, incidentNumber: o.incidentNumber }));
}

/**
 * Inbound signals. Each route is authenticated by the integration key (in the path, the body
 * or a header, as that sender's API has it) and answers in that API's own shapes.
 */
export function ingestRoutes(app: App, deps: IngestRouteDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, rawJsonParser);
    scope.setErrorHandler(ingestErrorHandler);

    const keyed = (kind: IntegrationKind, parse: (body: unknown) => ParseResult, name: string) =>
      scope.post(`/api/v1/integrations/:key/${name}`, {
        config: { access: 'integration' },
        schema: { tags: ['ingest'], summary: `${kind} webhook`, params: KeyParam },
        handler: async (request: FastifyRequest<{ Params: { key: string } }>, reply) => {
          const integration = await integrationFor(deps.deps, request.params.key, [kind]);
          if (!integration) return fail(reply, 401, 'unauthenticated', `unknown or disabled ${kind} integration key`);
          if (kind === 'grafana' && integration.secretSealed) {
            const secret = deps.deps.secrets.open(integration.secretSealed);
            const header = request.headers[integration.settings.signatureHeader];
            const timestamp = integration.settings.timestampHeader ? request.headers[integration.settings.timestampHeader] : undefined;
            const ok = verifyGrafanaSignature(request.rawBody ?? Buffer.alloc(0), typeof header === 'string' ? header : undefined, secret, {
              timestamp: typeof timestamp === 'string' ? timestamp : undefined,
              nowSeconds: Math.floor(deps.deps.clock.now() / 1000),
            });
            if (!ok) return fail(reply, 401, 'unauthenticated', 'missing or wrong signature');
          }
          const parsed = parse(request.body);
          if (!parsed.ok) return fail(reply, 400, 'invalid_request', parsed.errors[0] ?? 'invalid payload', parsed.errors);
          const outcomes = await deps.engine.submit(integration, parsed.signals);
          deps.metrics.count(kind, outcomes);
          return reply.status(200).send({ status: 'success', accepted: outcomes.length, results: summarise(outcomes) });
        },
      });
    keyed('alertmanager', parseAlertmanager, 'alertmanager');
    keyed('grafana', parseGrafana, 'grafana');
    keyed('webhook', parseGenericWebhook, 'webhook');

    const push = async (
      request: FastifyRequest<{ Params: { key: string }; Querystring: Record<string, unknown> }>,
      reply: FastifyReply,
    ) => {
      const beat = parseHeartbeatPush({ ...request.query, ...(isRecord(request.body) ? request.body : {}) });
      const integration = await integrationFor(deps.deps, request.params.key, ['heartbeat']);
      if (integration) {
        if ('error' in beat) return reply.status(400).send({ ok: false, msg: beat.error });
        await acceptBeat(deps.deps, deps.engine, integration, 'default', beat);
        return reply.send({ ok: true });
      }
      // Heartbeat monitors have push tokens of their own (fhp_…).
      if (!('error' in beat) && (await acceptMonitorPush(deps.deps, request.params.key, beat))) return reply.send({ ok: true });
      if ('error' in beat && request.params.key.startsWith('fhp_')) return reply.status(400).send({ ok: false, msg: beat.error });
      return reply.status(404).send({ ok: false, msg: 'Monitor not found or not active.' });
    };
    for (const method of ['GET', 'POST'] as const) {
      scope.route({
        method,
        url: '/api/push/:key',
        config: { access: 'integration' },
        // Uptime Kuma's push answers are `{ok, msg}`, errors included.
        errorHandler: (err: Error & { statusCode?: number }, request, reply) => {
          const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 503;
          if (status === 503) request.log.error({ err }, 'heartbeat push failed');
          void reply.status(status).send({ ok: false, msg: status === 503 ? 'could not record the beat; retry' : err.message });
        },
        schema: { tags: ['ingest'], summary: 'Heartbeat push (Uptime Kuma compatible: status, msg, ping)', params: KeyParam },
        handler: push,
      });
    }

    pagerDutyRoutes(scope, deps);
    opsgenieRoutes(scope, deps);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
