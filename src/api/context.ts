import type { FastifyRequest } from 'fastify';
import { FenghuoError } from '../domain/errors.js';
import type { IncidentRef } from '../store/incidents-repo.js';
import type { Context, Deps } from '../operations/context.js';

/** The operation context for a request: the shared deps plus the authenticated actor. */
export function contextOf(deps: Deps, request: FastifyRequest): Context {
  if (!request.actor) throw new FenghuoError('unauthenticated', 'not signed in');
  return { ...deps, actor: request.actor, requestId: String(request.id) };
}

/** `/incidents/42` addresses by number, anything else by id. */
export function incidentRef(param: string): IncidentRef {
  return /^\d{1,15}$/.test(param) ? { number: Number(param) } : { id: param };
}

export function parseTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new FenghuoError('invalid_request', `${field}: not a date-time`, [{ field, message: 'not a date-time' }]);
  return ms;
}
