import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../domain/actor.js';
import { roleAllows } from '../domain/actor.js';
import { FenghuoError } from '../domain/errors.js';
import { authenticateSession, authenticateToken } from '../operations/access/sessions.js';
import type { Deps } from '../operations/context.js';

/**
 * Who may call a route: `public` on purpose, `integration` (the handler checks an integration
 * key, in the path, body or header as the sender's API has it), or the least role that may.
 */
export type Access = 'public' | 'integration' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'fenghuo_session';

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function sessionCookie(value: string, opts: { maxAgeSeconds: number; secure: boolean }): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${opts.maxAgeSeconds}`,
  ];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A cookie-authenticated write must come from our own origin (SameSite covers most, this covers the rest). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const from = new URL(origin);
    // Compare through URL on both sides so a default port (":80", ":443") does not matter.
    return from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

async function identify(deps: Deps, request: FastifyRequest, sessionHours: number): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ? authenticateToken(deps, match[1]) : null;
  }
  const session = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!session) return null;
  if (UNSAFE.has(request.method) && !sameOrigin(request)) {
    throw new FenghuoError('forbidden', 'cross-origin request with a session cookie');
  }
  return (await authenticateSession(deps, session, sessionHours))?.actor ?? null;
}

/**
 * Every route must say who may call it; a route without `config.access` fails at start-up,
 * so nothing is public by accident. The table of routes is kept for the test that walks it.
 */
export function registerAccessControl(
  app: FastifyInstance,
  deps: Deps,
  sessionHours: number,
  routeTable: Array<{ method: string; url: string; access: Access }>,
): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public' || access === 'integration') return;
    const actor = await identify(deps, request, sessionHours);
    if (!actor) {
      void reply.header('www-authenticate', 'Bearer realm="fenghuo"');
      throw new FenghuoError('unauthenticated', 'sign in or send Authorization: Bearer <token>');
    }
    if (!roleAllows(actor.role, access)) {
      throw new FenghuoError('forbidden', `this needs the ${access} role; you have ${actor.role}`);
    }
    request.actor = actor;
  });
}
