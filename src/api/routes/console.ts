import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app-types.js';
import { notFoundRoute } from '../errors.js';
import { DEFAULT_CONSOLE_DIR, readFileBelow, type StaticFile } from './console-files.js';
import { preloadLinks, withPreloads, type BuildManifest } from './console-preload.js';

/**
 * The operator console (a single-page app built into dist/web): its HTML shell for every page
 * address a browser opens, and its hashed assets. Public on purpose: neither carries any data;
 * the console reads everything through the API, signed in.
 */

/** Paths that belong to the API, the inbound senders, the public pages and the probes. */
const NOT_CONSOLE = ['/api', '/v2', '/generic', '/status', '/respond', '/healthz', '/readyz', '/metrics', '/assets'];

export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
} as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** More assets than a build has (about a hundred with their source maps): a bound, not a tuning knob. */
const MAX_CACHED_ASSETS = 1_000;

const NOT_BUILT =
  'The Fenghuo web console is not built on this server.\n' +
  'Run `npm run build` (it writes dist/web/), then reload this page. The API works without it.\n';

function jsonNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  notFoundRoute(request, reply);
  return reply;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

function isConsolePath(urlPath: string): boolean {
  return !NOT_CONSOLE.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').toLowerCase().includes('text/html');
}

/** A single name with an extension (`/favicon.svg`): a file Vite copied from web/public. */
function rootFileOf(urlPath: string): string | null {
  const name = urlPath.slice(1);
  return /^[^/]+\.[A-Za-z0-9]+$/.test(name) && name !== 'index.html' ? name : null;
}

/** The build's manifest (which files each screen needs); empty when there is none or it cannot be read. */
async function readManifest(dir: string): Promise<BuildManifest> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, '.vite', 'manifest.json'), 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as BuildManifest) : {};
  } catch {
    return {};
  }
}

export interface ConsoleSite {
  /** The console's build directory. */
  dir: string;
  /** The not-found handler: a console page for a browser, else the JSON 404. */
  orNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

export function consoleSite(dir: string = DEFAULT_CONSOLE_DIR): ConsoleSite {
  async function sendShell(request: FastifyRequest, reply: FastifyReply, urlPath: string): Promise<FastifyReply> {
    const shell = await readFileBelow(dir, 'index.html');
    if (!shell) return reply.code(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    const body = withPreloads(shell.body, preloadLinks(await readManifest(dir), urlPath));
    // Written directly: at `/` the shell is handed over by the status pages' scope (which owns `/` for
    // their custom domains), whose hooks would put the status pages' stricter CSP on it and block
    // the console's scripts. no-cache: the shell names the current hashed assets, so it is checked
    // on every load.
    reply.hijack();
    reply.raw.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': shell.contentType,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'x-request-id': String(request.id),
    });
    reply.raw.end(request.method === 'HEAD' ? undefined : body);
    return reply;
  }

  return {
    dir,
    async orNotFound(request, reply) {
      const urlPath = pathOf(request);
      const isRead = request.method === 'GET' || request.method === 'HEAD';
      if (!isRead || !isConsolePath(urlPath)) return jsonNotFound(request, reply);
      const rootFile = rootFileOf(urlPath);
      const file = rootFile === null ? null : await readFileBelow(dir, rootFile);
      if (file) return reply.headers(SECURITY_HEADERS).header('cache-control', 'no-cache').type(file.contentType).send(file.body);
      return wantsHtml(request) ? sendShell(request, reply, urlPath) : jsonNotFound(request, reply);
    },
  };
}

/**
 * `GET /assets/*`, hashed and cached for a year. Page addresses (`/incidents/42`) have no route:
 * the not-found handler (`orNotFound`) answers them with the shell. A catch-all `GET /*` would also
 * take the requests the router refuses (a path parameter over its length limit is a 414, not a 404).
 */
export function consoleRoutes(app: App, site: ConsoleSite): void {
  // A hashed asset never changes under its name, so what was read once is served from memory: a
  // first visit asks for a dozen files at once, and each read from disk took four trips through
  // libuv's thread pool. Bounded by the size of a build (the files are only ever those of dist/web).
  const assets = new Map<string, StaticFile>();
  app.get('/assets/*', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      const name = (request.params as { '*': string })['*'];
      let file = assets.get(name) ?? null;
      if (!file) {
        file = await readFileBelow(path.join(site.dir, 'assets'), name);
        if (file && assets.size < MAX_CACHED_ASSETS) assets.set(name, file);
      }
      if (!file) return jsonNotFound(request, reply);
      return reply.headers(SECURITY_HEADERS).header('cache-control', IMMUTABLE).type(file.contentType).send(file.body);
    },
  });
}
