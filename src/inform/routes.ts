import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isFenghuoError } from '../domain/errors.js';
import type { StatusLocale } from '../domain/status/snapshot.js';
import type { Clock, Deps } from '../operations/context.js';
import { MAX_QUERY_BYTES, queryTooLong, SECURITY_HEADERS, sendRendered } from './http.js';
import { negotiateLocale } from './locale.js';
import { pageByHost, pageBySlug } from './page-lookup.js';
import { FIXED_PAGES } from './pages.js';
import {
  CONTENT_TYPE,
  hostMount,
  KINDS,
  representationOf,
  SLUG_MOUNT,
  SUFFIX,
  type Kind,
  type Query,
  type Target,
} from './representations.js';
import { databaseStatusSource } from './source.js';
import { StatusCache, type StatusSource } from './status-cache.js';

/**
 * The public status pages: `/status/{slug}[/summary.json|/feed.rss|/feed.atom|/badge.svg]`, and the
 * same at `/` on a custom domain named by the Host header. Handlers read only memory: the page
 * index and the rendered bytes in the cache; the cache's poller is the only thing querying.
 */

/** Structurally the API's RouteDeps; the public side needs only these. */
export interface StatusRouteDeps {
  deps: Pick<Deps, 'store'> & { clock: Clock };
  options: { publicUrl?: string };
}

function sendError(reply: FastifyReply, kind: Kind, status: number, code: string, message: string, locale: StatusLocale): FastifyReply {
  void reply.code(status).header('cache-control', 'no-store');
  if (kind === 'html' && (status === 404 || status === 503)) {
    return reply.header('content-type', CONTENT_TYPE.html).send(FIXED_PAGES[status === 404 ? 'notFound' : 'unavailable'][locale]);
  }
  return reply.send({ error: { code, message } });
}

/** The page a request is for, by slug or by a custom domain in the Host header; only memory is read. */
function targetOf(cache: StatusCache, publicUrl: string, request: FastifyRequest, by: 'slug' | 'host'): Target | null {
  if (by === 'slug') {
    const ref = pageBySlug(cache, (request.params as { slug: string }).slug);
    return ref ? { ref, mount: SLUG_MOUNT, basePath: `/status/${ref.slug}`, origin: publicUrl } : null;
  }
  const found = pageByHost(cache, request.headers.host);
  // The host is one a page was configured with, so it is safe to write into cached links.
  return found ? { ref: found.ref, mount: hostMount(found.host), basePath: '', origin: `https://${found.host}` } : null;
}

/** The status cache of a node, polling the database; `onError` logs what a build or poll threw. */
export function statusCacheOf(
  deps: StatusRouteDeps['deps'],
  onError: (err: unknown, pageId: string | null) => void,
  source?: StatusSource,
): StatusCache {
  return new StatusCache(source ?? databaseStatusSource(deps), { clock: deps.clock, onError });
}

/** Registers the public routes and returns their cache (the admin side may call `invalidate`). */
export function statusPublicRoutes(app: FastifyInstance, { deps, options }: StatusRouteDeps, source?: StatusSource): StatusCache {
  const cache = statusCacheOf(deps, (err, pageId) => app.log.error({ err, pageId }, 'status page: build or poll failed'), source);
  app.addHook('onClose', () => cache.stop());
  const publicUrl = (options.publicUrl ?? '').replace(/\/+$/, '');

  async function serve(kind: Kind, by: 'slug' | 'host', request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const query = request.query as Query;
    const acceptLanguage = request.headers['accept-language'];
    let locale = negotiateLocale(query.lang, acceptLanguage, 'zh-CN');
    if (queryTooLong(request.url)) {
      return sendError(reply, kind, 414, 'invalid_request', `the query string is longer than ${MAX_QUERY_BYTES} bytes`, locale);
    }
    try {
      const waiting = cache.ready();
      if (waiting) await waiting;
      const target = targetOf(cache, publicUrl, request, by);
      if (target === null && by === 'host') {
        reply.callNotFound();
        return reply;
      }
      const snapshot = target && (cache.current(target.ref.id) ?? (await cache.load(target.ref.id)));
      if (!target || !snapshot) return sendError(reply, kind, 404, 'not_found', 'no such status page', locale);
      locale = negotiateLocale(query.lang, acceptLanguage, snapshot.page.defaultLocale);
      const representation = representationOf(kind, target, locale, query);
      if (typeof representation === 'string') return sendError(reply, kind, 400, 'invalid_request', representation, locale);
      const rendered = cache.rendered(target.ref.id, representation.key, representation.render);
      if (!rendered) return sendError(reply, kind, 404, 'not_found', 'no such component on this status page', locale);
      return sendRendered(request, reply, rendered, representation.varyLanguage);
    } catch (err) {
      if (!isFenghuoError(err) || err.code !== 'unavailable') throw err;
      void reply.header('retry-after', '5');
      return sendError(reply, kind, 503, 'unavailable', err.message, locale);
    }
  }

  void app.register(async (scope) => {
    // Every response of this scope, errors included: strict headers and never a cookie.
    scope.addHook('onSend', (_request, reply, payload, done) => {
      void reply.headers(SECURITY_HEADERS);
      reply.removeHeader('set-cookie');
      done(null, payload);
    });
    for (const kind of KINDS) {
      const route = { config: { access: 'public' as const }, schema: { hide: true } };
      scope.get(`/status/:slug${SUFFIX[kind]}`, { ...route, handler: (request, reply) => serve(kind, 'slug', request, reply) });
      scope.get(SUFFIX[kind] || '/', { ...route, handler: (request, reply) => serve(kind, 'host', request, reply) });
    }
  });
  return cache;
}
