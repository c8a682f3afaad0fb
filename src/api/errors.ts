import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isFenghuoError, type ErrorCode, type FieldIssue } from '../domain/errors.js';
import { fieldOf, issueMessage } from './validation.js';

/** Every domain error code has exactly one HTTP status; the compiler checks the map is complete. */
const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  unknown_service: 400,
  dependency_cycle: 400,
  reason_required: 400,
  invalid_policy: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

interface ErrorBody {
  error: { code: string; message: string; details?: FieldIssue[]; requestId?: string };
}

/** Fenghuo's error shape; `details` only when there are any. */
export function errorBody(code: string, message: string, details?: FieldIssue[]): ErrorBody {
  return { error: details?.length ? { code, message, details } : { code, message } };
}

function validationBody(err: FastifyError): ErrorBody {
  const context = err.validationContext ?? 'body';
  const details = (err.validation ?? []).map((v) => ({ field: fieldOf(context, v), message: issueMessage(v) }));
  const first = details[0];
  return errorBody('invalid_request', first ? `${first.field}: ${first.message}` : 'invalid request', details);
}

/** Maps anything thrown by a route to the error shape; unknown errors are logged, never shown. */
export function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (isFenghuoError(err)) {
    void reply.status(STATUS[err.code]).send(errorBody(err.code, err.message, err.details));
    return;
  }
  if (err.validation) {
    void reply.status(400).send(validationBody(err));
    return;
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      void reply.status(400).send(errorBody('invalid_json', `request body is not valid JSON: ${err.message}`));
      return;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      void reply.status(413).send(errorBody('payload_too_large', err.message));
      return;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      void reply.status(415).send(errorBody('unsupported_media_type', 'send the body as application/json'));
      return;
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    void reply.status(err.statusCode).send(errorBody('invalid_request', err.message));
    return;
  }
  request.log.error({ err }, 'internal error');
  void reply.status(500).send({ error: { code: 'internal', message: 'internal error', requestId: String(request.id) } });
}

export function notFoundRoute(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
}

/**
 * Errors Fastify raises before any route runs (a URL that does not decode, a parameter longer
 * than allowed). Answered in the shape the caller's API uses, chosen by path.
 */
export function frameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : 'the URL is malformed';
  const path = request.url;
  if (path.startsWith('/v2/enqueue') || path.startsWith('/generic/')) {
    void reply.status(status).send({ status: 'invalid event', message: 'Event object is invalid', errors: [message] });
  } else if (path.startsWith('/v2/alerts') || path.startsWith('/v2/heartbeats')) {
    void reply.status(status).send({ message, took: 0, requestId: String(request.id) });
  } else if (path.startsWith('/api/push/')) {
    void reply.status(status).send({ ok: false, msg: message });
  } else {
    void reply.status(status).send(errorBody('invalid_request', message));
  }
}
