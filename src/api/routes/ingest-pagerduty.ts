import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { isFenghuoError } from '../../domain/errors.js';
import {
  pagerDutyAccepted,
  pagerDutyInvalid,
  pagerDutyV1Accepted,
  pagerDutyV1Invalid,
  parsePagerDutyV1,
  parsePagerDutyV2,
} from '../../signals/pagerduty/parse.js';
import type { IngestRouteDeps } from './ingest.js';
import { integrationFor } from './ingest.js';

const BODY_LIMIT = 512 * 1024;

/** Errors in PagerDuty's shape: 400 invalid event, 413 too large, 503 (retry) when overloaded. */
function pagerDutyErrors(invalid: (errors: string[]) => unknown) {
  return (err: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void => {
    if (isFenghuoError(err) && err.code === 'unavailable') {
      void reply.header('retry-after', '1').status(503).send({ status: 'unavailable', message: err.message });
      return;
    }
    const status = err.statusCode ?? 500;
    if (status === 413) {
      void reply.status(413).send({ status: 'invalid event', message: 'Request entity too large', errors: [err.message] });
      return;
    }
    if (status >= 400 && status < 500) {
      void reply.status(400).send(invalid([err.message]));
      return;
    }
    request.log.error({ err }, 'pagerduty ingest failed');
    void reply.status(503).send({ status: 'unavailable', message: 'could not store the event; retry' });
  };
}

/** PagerDuty Events API v2 (`/v2/enqueue`) and the v1 generic endpoint older senders use. */
export function pagerDutyRoutes(scope: FastifyInstance, { deps, engine, metrics }: IngestRouteDeps): void {
  scope.post('/v2/enqueue', {
    bodyLimit: BODY_LIMIT,
    config: { access: 'integration' },
    schema: { tags: ['ingest'], summary: 'PagerDuty Events API v2 (routing_key = integration key)' },
    errorHandler: pagerDutyErrors(pagerDutyInvalid),
    handler: async (request, reply) => {
      const parsed = parsePagerDutyV2(request.body, () => randomUUID().replaceAll('-', ''));
      if (!parsed.ok) return reply.status(400).send(pagerDutyInvalid(parsed.errors));
      const integration = await integrationFor(deps, parsed.routingKey, ['pagerduty']);
      if (!integration) return reply.status(400).send(pagerDutyInvalid(["'routing_key' is invalid"]));
      metrics.count('pagerduty', await engine.submit(integration, [parsed.signal]));
      return reply.status(202).send(pagerDutyAccepted(parsed.dedupKey));
    },
  });

  scope.post('/generic/2010-04-15/create_event.json', {
    bodyLimit: BODY_LIMIT,
    config: { access: 'integration' },
    schema: { tags: ['ingest'], summary: 'PagerDuty v1 generic events (service_key = integration key)' },
    errorHandler: pagerDutyErrors(pagerDutyV1Invalid),
    handler: async (request, reply) => {
      const parsed = parsePagerDutyV1(request.body, () => randomUUID().replaceAll('-', ''));
      if (!parsed.ok) return reply.status(400).send(pagerDutyV1Invalid(parsed.errors));
      const integration = await integrationFor(deps, parsed.routingKey, ['pagerduty']);
      if (!integration) return reply.status(400).send(pagerDutyV1Invalid(["'service_key' is invalid"]));
      metrics.count('pagerduty', await engine.submit(integration, [parsed.signal]));
      return reply.status(200).send(pagerDutyV1Accepted(parsed.dedupKey));
    },
  });
}
