import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { App } from '../api/app-types.js';
import { frameworkError, handleError, notFoundRoute } from '../api/errors.js';
import { statusSubscriptionRoutes } from '../api/routes/status-subscriptions.js';
import { compileValidator } from '../api/validation.js';
import { statusFastPath, type FastPath } from '../inform/fast-path.js';
import { readConnectionsFirst, type RawReader } from '../inform/raw-http.js';
import { statusPublicRoutes } from '../inform/routes.js';
import type { StatusCache } from '../inform/status-cache.js';
import type { Deps } from '../operations/context.js';

/**
 * The app of a status process (`fenghuo serve-status`): the public status pages and their
 * subscription forms, nothing else. The routes are the main server's own (src/inform/routes.ts,
 * src/api/routes/status-subscriptions.ts) with the same validation and error mapping, so every
 * answer is the one the main server gives; in front of them, on the raw `node:http` server, the
 * fast path answers cache hits without the framework (src/inform/fast-path.ts), and plain cache
 * hits are answered on the socket before node:http parses them (src/inform/raw-http.ts).
 */

export interface StatusAppOptions {
  bodyLimitBytes: number;
  sessionHours: number;
  cookieSecure: boolean;
  publicUrl: string;
  /** Answer cache hits before the framework sees them (FENGHUO_STATUS_FAST_PATH). */
  fastPath: boolean;
  logRequests?: boolean;
  logger: FastifyServerOptions['logger'];
}

export interface StatusApp {
  app: App;
  cache: StatusCache;
  /** Requests the fast path answered (the rest went to the routes). */
  fastAnswers(): number;
  /** Of those, the ones answered on the socket before node:http parsed them. */
  socketAnswers(): number;
}

function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

export async function buildStatusApp(deps: Deps, options: StatusAppOptions): Promise<StatusApp> {
  let fast: FastPath | null = null;
  let fastAnswers = 0;
  let raw: RawReader | null = null;
  const app = Fastify({
    logger: options.logger,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    bodyLimit: options.bodyLimitBytes,
    genReqId: (req) => requestId(req.headers['x-request-id']),
    frameworkErrors: frameworkError,
    routerOptions: { maxParamLength: 600 },
    // The server Fastify would make, with the fast path in front of Fastify's own handler.
    serverFactory: (handler, opts) => {
      const server = http.createServer((req, res) => {
        let answered = false;
        try {
          answered = fast !== null && fast.answer(req, res);
        } catch (err) {
          app.log.error({ err, url: req.url }, 'status fast path failed; handing the request to the routes');
          answered = res.headersSent;
        }
        if (answered) fastAnswers++;
        else handler(req, res);
      });
      // As Fastify sets up its own server (the options hold its defaults by now).
      const setting = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
      server.keepAliveTimeout = setting(opts.keepAliveTimeout, 72_000);
      server.requestTimeout = setting(opts.requestTimeout, 0);
      server.setTimeout(setting(opts.connectionTimeout, 0));
      // Plain cache hits are answered on the socket before node:http parses them (src/inform/raw-http.ts).
      if (options.fastPath) {
        raw = readConnectionsFirst(
          server,
          (req) => {
            try {
              return fast === null ? null : fast.decide(req);
            } catch (err) {
              app.log.error({ err, url: req.url }, 'status fast path failed; handing the connection to the routes');
              return null;
            }
          },
          () => fast !== null,
        );
      }
      return server;
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(compileValidator);
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundRoute);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    void reply.header('x-content-type-options', 'nosniff');
  });

  const routeDeps = {
    deps,
    options: { sessionHours: options.sessionHours, cookieSecure: options.cookieSecure, publicUrl: options.publicUrl },
  };
  const cache = statusPublicRoutes(app, routeDeps);
  await app.register(async (scope) => {
    // The subscription module also declares the admin's routes; on a status process they do not exist.
    scope.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.access === 'public') return;
      notFoundRoute(request, reply);
      return reply;
    });
    statusSubscriptionRoutes(scope as unknown as App, routeDeps);
  });
  app.get('/healthz', { config: { access: 'public' }, handler: () => ({ status: 'ok' as const }) });
  app.get('/readyz', {
    config: { access: 'public' },
    // Ready: the database answers and the page index is loaded.
    handler: async (request, reply) => {
      try {
        await deps.store.ping();
        await cache.ready();
        return { status: 'ready', database: deps.store.dialect };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable', database: deps.store.dialect });
      }
    },
  });

  await app.ready();
  if (options.fastPath) fast = statusFastPath(cache);
  return {
    app,
    cache,
    fastAnswers: () => fastAnswers + (raw?.answers() ?? 0),
    socketAnswers: () => raw?.answers() ?? 0,
  };
}
