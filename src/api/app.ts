import type { Registry } from 'prom-client';
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { Deps } from '../operations/context.js';
import type { ApiOptions, App } from './app-types.js';
import { registerAccessControl, type Access } from './auth.js';
import { frameworkError, handleError } from './errors.js';
import { compileValidator } from './validation.js';
import { accessRoutes } from './routes/access.js';
import { gradingRoutes } from './routes/grading.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { serviceRoutes } from './routes/services.js';
import { ingestMetrics, ingestRoutes } from './routes/ingest.js';
import { integrationRoutes } from './routes/integrations.js';
import { suppressionRoutes } from './routes/suppression.js';
import { channelRoutes } from './routes/channels.js';
import { contactMethodRoutes } from './routes/contact-methods.js';
import { escalationPolicyRoutes } from './routes/escalation-policies.js';
import { scheduleRoutes } from './routes/schedules.js';
import { scheduleViewRoutes } from './routes/schedule-views.js';
import { teamRoutes } from './routes/teams.js';
import { respondRoutes } from './routes/respond.js';
import { pagingRoutes } from './routes/paging.js';
import { statusSubscriptionRoutes } from './routes/status-subscriptions.js';
import { statusAdminRoutes } from './routes/status-admin.js';
import { statusPublicRoutes } from '../inform/routes.js';
import { DirectCommitter } from '../signals/ingest/committer.js';
import { DEFAULT_INGEST_OPTIONS, IngestEngine, type IngestOptions } from '../signals/ingest/engine.js';
import { DEFAULT_MONITOR_OPTIONS, MonitorRuntime, type MonitorRuntimeOptions } from '../monitors/monitor-runtime.js';
import { locationRoutes } from './routes/locations.js';
import { monitorRoutes, registerMonitorMetrics } from './routes/monitors.js';
import { consoleRoutes, consoleSite } from './routes/console.js';
import { eventRoutes } from './routes/events.js';
import type { LiveHub, LiveHubOptions } from '../operations/live/live-hub.js';
import { reportRoutes } from './routes/reports.js';
import { postmortemRoutes } from './routes/postmortems.js';
import { actionItemRoutes } from './routes/action-items.js';
import { regulatorReportRoutes } from './routes/regulator-reports.js';
import { learnSettingRoutes } from './routes/learn-settings.js';
import { sloRoutes } from './routes/slos.js';
import { drillRoutes } from './routes/drills.js';

export interface BuildAppOptions extends ApiOptions {
  bodyLimitBytes: number;
  ingest?: IngestOptions;
  /** The monitor runtime's settings (it is started by `serve`, or by a test). */
  monitors?: Partial<Omit<MonitorRuntimeOptions, 'onError'>>;
  /** Live events' settings (GET /api/v1/events). */
  live?: Partial<Omit<LiveHubOptions, 'onError'>>;
  /** The console's build (default: dist/web next to the server's build). */
  consoleDir?: string;
  /** Log a line per request (FENGHUO_LOG_REQUESTS). */
  logRequests?: boolean;
  logger: FastifyServerOptions['logger'];
}

export interface BuiltApp {
  app: App;
  /** Group commit for inbound signals; closed with the app. */
  engine: IngestEngine;
  /** Monitor results and (once started) the local checks; stopped with the app. */
  monitors: MonitorRuntime;
  /** Live events: one poller for every open stream; closed with the app. */
  live: LiveHub;
  /** Every route with the access it declared; the authorisation test walks it. */
  routes: Array<{ method: string; url: string; access: Access }>;
  /** What /metrics serves; the server adds its process-level figures to it. */
  metrics: Registry;
}

function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

export async function buildApp(deps: Deps, options: BuildAppOptions): Promise<BuiltApp> {
  const app = Fastify({
    logger: options.logger,
    // A line per request costs more CPU than an ingest request itself; errors are still logged.
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    bodyLimit: options.bodyLimitBytes,
    genReqId: (req) => requestId(req.headers['x-request-id']),
    frameworkErrors: frameworkError,
    // Opsgenie aliases may be 512 characters, and they travel in the path.
    routerOptions: { maxParamLength: 600 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const routes: BuiltApp['routes'] = [];

  app.setValidatorCompiler(compileValidator);
  // Only JSON is accepted: a text/plain body is what a cross-site form can send.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  // A browser opening a console page gets the console; anything else not found, the JSON 404.
  const site = consoleSite(options.consoleDir);
  app.setNotFoundHandler((request, reply) => site.orNotFound(request, reply));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    void reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Fenghuo API', version: '1', description: 'Incident response: detect, grade (一级…四级), respond, inform, learn.' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'fenghuo_session' } },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  registerAccessControl(app, deps, options.sessionHours, routes);

  const committer = new DirectCommitter(deps, (err) => app.log.error({ err }, 'ingest commit failed'));
  const engine = new IngestEngine(deps, committer, options.ingest ?? DEFAULT_INGEST_OPTIONS);
  const monitors = new MonitorRuntime(deps, engine, {
    ...DEFAULT_MONITOR_OPTIONS,
    ...options.monitors,
    onError: (err) => app.log.error({ err }, 'monitor runtime failed'),
  });
  deps.monitors = monitors;
  // Results still waiting are committed before the ingest engine (which their signals use) closes.
  app.addHook('onClose', async () => {
    await monitors.stop();
    await engine.close();
  });
  const routeDeps = { deps, options };
  const metrics = healthRoutes(app, routeDeps);
  serviceRoutes(app, routeDeps);
  incidentRoutes(app, routeDeps);
  gradingRoutes(app, routeDeps);
  accessRoutes(app, routeDeps);
  integrationRoutes(app, routeDeps);
  suppressionRoutes(app, routeDeps);
  teamRoutes(app, routeDeps);
  contactMethodRoutes(app, routeDeps);
  scheduleRoutes(app, routeDeps);
  scheduleViewRoutes(app, routeDeps);
  escalationPolicyRoutes(app, routeDeps);
  channelRoutes(app, routeDeps);
  respondRoutes(app, routeDeps);
  pagingRoutes(app, routeDeps);
  statusSubscriptionRoutes(app, routeDeps);
  statusAdminRoutes(app, routeDeps);
  statusPublicRoutes(app, routeDeps);
  ingestRoutes(app, { ...routeDeps, engine, metrics: ingestMetrics(metrics, engine) });
  monitorRoutes(app, routeDeps);
  locationRoutes(app, routeDeps);
  reportRoutes(app, routeDeps);
  postmortemRoutes(app, routeDeps);
  actionItemRoutes(app, routeDeps);
  regulatorReportRoutes(app, routeDeps);
  learnSettingRoutes(app, routeDeps);
  sloRoutes(app, routeDeps);
  drillRoutes(app, { ...routeDeps, engine });
  registerMonitorMetrics(metrics, monitors);
  const live = eventRoutes(app, routeDeps, metrics, options.live);
  consoleRoutes(app, site);
  app.get('/api/v1/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: () => app.swagger(),
  });

  await app.ready();
  return { app, routes, engine, monitors, live, metrics };
}
