import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isFenghuoError } from '../domain/errors.js';
import { hostOfHeader, isValidSlug } from '../domain/status/page-settings.js';
import type { StatusLocale, StatusSnapshot } from '../domain/status/snapshot.js';
import type { Clock, Deps } from '../operations/context.js';
import { MAX_QUERY_BYTES, queryTooLong, SECURITY_HEADERS, sendRendered } from './http.js';
import { negotiateLocale } from './locale.js';
import { FIXED_PAGES } from './pages.js';
import { renderBadgeSvg, type BadgeKind } from './render-badge.js';
import { renderAtom, renderRss } from './render-feeds.js';
import { renderStatusHtml } from './render-html.js';
import { renderSummaryJson } from './render-summary-json.js';
import { databaseStatusSource } from './source.js';
import { StatusCache, type PageRef, type Renderer, type StatusSource } from './status-cache.js';

/**
 * The public status pages: `/status/{slug}[/summary.json|/feed.rss|/feed.atom|/badge.svg]`, and the
 * same at `/` on a custom domain named by the Host header. Handlers read only memory: the page
 * index and the rendered bytes in the cache; the cache's poller is the only thing querying.
 */

type Kind = 'html' | 'json' | 'rss' | 'atom' | 'badge';

const SUFFIX: Record<Kind, string> = { html: '', json: '/summary.json', rss: '/feed.rss', atom: '/feed.atom', badge: '/badge.svg' };

const CONTENT_TYPE: Record<Kind, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  badge: 'image/svg+xml; charset=utf-8',
};

/** Longest Host header looked at: a 253-character name and a port. */
const MAX_HOST_HEADER = 253 + 6;
const MAX_COMPONENT_ID = 200;

/** Structurally the API's RouteDeps; the public side needs only these. */
export interface StatusRouteDeps {
  deps: Pick<Deps, 'store'> & { clock: Clock };
  options: { publicUrl?: string };
}

/** Where a request landed: which page, and how links on it are written. */
interface Target {
  ref: PageRef;
  /** Part of the cache key: links differ between `/status/{slug}` and a custom domain. */
  mount: string;
  basePath: string;
  /** Scheme and host for absolute links in feeds and JSON; empty when unknown (links stay relative). */
  origin: string;
}

interface Representation {
  key: string;
  render: Renderer;
  varyLanguage: boolean;
}

type Query = Record<string, unknown>;

function first(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[])[0] : value;
}

function output(kind: Kind, body: string): { body: string; contentType: string } {
  return { body, contentType: CONTENT_TYPE[kind] };
}

/** What to serve and under which cache key; a string is a 400 message. */
function representationOf(kind: Kind, target: Target, locale: StatusLocale, query: Query): Representation | string {
  const { mount, basePath, origin } = target;
  switch (kind) {
    case 'html':
      return {
        key: `html:${locale}:${mount}`,
        render: (s) => output(kind, renderStatusHtml(s, locale, { now: s.builtAt, basePath })),
        varyLanguage: true,
      };
    case 'json': {
      const url = origin ? `${origin}${basePath || '/'}` : undefined;
      return { key: `json:${mount}`, render: (s) => output(kind, renderSummaryJson(s, { url })), varyLanguage: false };
    }
    case 'rss':
    case 'atom': {
      const selfUrl = `${origin}${basePath}${SUFFIX[kind]}?lang=${locale}`;
      const render = kind === 'rss' ? renderRss : renderAtom;
      return { key: `${kind}:${locale}:${mount}`, render: (s) => output(kind, render(s, locale, selfUrl)), varyLanguage: true };
    }
    case 'badge':
      return badgeOf(locale, query);
  }
}

function badgeOf(locale: StatusLocale, query: Query): Representation | string {
  const type = first(query.type) ?? 'status';
  if (type !== 'status' && type !== 'uptime') return 'type: must be status or uptime';
  const component = first(query.component);
  if (component !== undefined && (typeof component !== 'string' || component.length > MAX_COMPONENT_ID))
    return 'component: not a component id';
  const id = component === '' ? undefined : component;
  const render = (s: StatusSnapshot) =>
    id !== undefined && !s.components.some((c) => c.id === id) ? null : output('badge', renderBadgeSvg(type as BadgeKind, s, locale, id));
  // Only ids of existing components are ever stored under a key (the cache drops null renders).
  return { key: `badge:${type}:${locale}:${id ?? ''}`, render, varyLanguage: true };
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
    const slug = (request.params as { slug: string }).slug.toLowerCase();
    const ref = isValidSlug(slug) ? cache.findBySlug(slug) : undefined;
    return ref ? { ref, mount: 'slug', basePath: `/status/${ref.slug}`, origin: publicUrl } : null;
  }
  const header = request.headers.host;
  const host = typeof header === 'string' && header.length <= MAX_HOST_HEADER ? hostOfHeader(header) : null;
  const ref = host === null ? undefined : cache.findByHost(host);
  // The host is one a page was configured with, so it is safe to write into cached links.
  return ref && host ? { ref, mount: `host:${host}`, basePath: '', origin: `https://${host}` } : null;
}

/** Registers the public routes and returns their cache (the admin side may call `invalidate`). */
export function statusPublicRoutes(app: FastifyInstance, { deps, options }: StatusRouteDeps, source?: StatusSource): StatusCache {
  const cache = new StatusCache(source ?? databaseStatusSource(deps), {
    clock: deps.clock,
    onError: (err, pageId) => app.log.error({ err, pageId }, 'status page: build or poll failed'),
  });
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
    for (const kind of Object.keys(SUFFIX) as Kind[]) {
      const route = { config: { access: 'public' as const }, schema: { hide: true } };
      scope.get(`/status/:slug${SUFFIX[kind]}`, { ...route, handler: (request, reply) => serve(kind, 'slug', request, reply) });
      scope.get(SUFFIX[kind] || '/', { ...route, handler: (request, reply) => serve(kind, 'host', request, reply) });
    }
  });
  return cache;
}
