import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isFenghuoError } from '../../domain/errors.js';
import { acceptBeat } from '../../signals/heartbeat/beats.js';
import {
  opsgenieAccepted,
  opsgenieError,
  opsgenieInvalid,
  parseOpsgenieAction,
  parseOpsgenieCreate,
} from '../../signals/opsgenie/parse.js';
import type { StoredIntegration } from '../../store/integrations-repo.js';
import type { IngestRouteDeps } from './ingest.js';
import { integrationFor } from './ingest.js';

const tookSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

function genieKey(request: FastifyRequest): string | null {
  const match = /^GenieKey\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match?.[1]) return match[1];
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.apiKey === 'string' ? query.apiKey : null;
}

function opsgenieErrors(err: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = String(request.id);
  if (isFenghuoError(err) && err.code === 'unavailable') {
    void reply.header('retry-after', '1').status(503).send(opsgenieError(err.message, requestId));
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    void reply.status(status === 413 ? 413 : 422).send(opsgenieError(err.message, requestId));
    return;
  }
  request.log.error({ err }, 'opsgenie ingest failed');
  void reply.status(503).send(opsgenieError('could not store the alert; retry', requestId));
}

/** The Opsgenie Alert API (create, close, acknowledge) and heartbeat pings, keyed by `GenieKey`. */
export function opsgenieRoutes(scope: FastifyInstance, { deps, engine, metrics }: IngestRouteDeps): void {
  const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<StoredIntegration | null> => {
    const key = genieKey(request);
    const integration = key ? await integrationFor(deps, key, ['opsgenie']) : null;
    if (!integration) {
      await reply.status(401).send(opsgenieError('Could not authenticate', String(request.id)));
      return null;
    }
    return integration;
  };

  scope.post('/v2/alerts', {
    config: { access: 'integration' },
    schema: { tags: ['ingest'], summary: 'Opsgenie: create alert (alias = dedup key)' },
    errorHandler: opsgenieErrors,
    handler: async (request, reply) => {
      const start = process.hrtime.bigint();
      const integration = await authenticate(request, reply);
      if (!integration) return reply;
      const parsed = parseOpsgenieCreate(request.body);
      if (!parsed.ok) return reply.status(422).send(opsgenieInvalid(parsed.errors, String(request.id), tookSince(start)));
      metrics.count('opsgenie', await engine.submit(integration, parsed.signals));
      return reply.status(202).send(opsgenieAccepted(String(request.id), tookSince(start)));
    },
  });

  for (const action of ['close', 'acknowledge'] as const) {
    scope.post(`/v2/alerts/:identifier/${action}`, {
      config: { access: 'integration' },
      schema: {
        tags: ['ingest'],
        summary: `Opsgenie: ${action} alert (?identifierType=alias|id)`,
        params: { type: 'object', properties: { identifier: { type: 'string', maxLength: 512 } }, required: ['identifier'] },
      },
      errorHandler: opsgenieErrors,
      handler: async (request: FastifyRequest<{ Params: { identifier: string }; Querystring: { identifierType?: string } }>, reply) => {
        const start = process.hrtime.bigint();
        const integration = await authenticate(request, reply);
        if (!integration) return reply;
        const parsed = parseOpsgenieAction(request.params.identifier, request.query.identifierType, request.body ?? {}, action);
        if (!parsed.ok) return reply.status(422).send(opsgenieInvalid(parsed.errors, String(request.id), tookSince(start)));
        metrics.count('opsgenie', await engine.submit(integration, parsed.signals));
        return reply.status(202).send(opsgenieAccepted(String(request.id), tookSince(start)));
      },
    });
  }

  for (const method of ['GET', 'POST'] as const) {
    scope.route({
      method,
      url: '/v2/heartbeats/:name/ping',
      config: { access: 'integration' },
      schema: {
        tags: ['ingest'],
        summary: 'Opsgenie: heartbeat ping',
        params: { type: 'object', properties: { name: { type: 'string', maxLength: 200 } }, required: ['name'] },
      },
      errorHandler: opsgenieErrors,
      handler: async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
        const start = process.hrtime.bigint();
        const integration = await authenticate(request, reply);
        if (!integration) return reply;
        const known = await acceptBeat(deps, engine, integration, request.params.name, { status: 'up', msg: null, ping: null });
        if (!known)
          return reply.status(404).send(opsgenieError(`Heartbeat with name [${request.params.name}] does not exist`, String(request.id)));
        return reply.status(202).send({ result: 'PONG - Heartbeat received', took: tookSince(start), requestId: String(request.id) });
      },
    });
  }
}
