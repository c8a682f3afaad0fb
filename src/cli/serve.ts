import { buildApp } from '../api/app.js';
import type { Config } from '../config.js';
import { bootstrapAdmin } from '../operations/access/bootstrap-admin.js';
import { startPeriodicChecks } from '../signals/periodic-checks.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Pager } from '../notify/pager.js';
import { ReminderSweeper } from '../learn/reminder-sweeper.js';
import { DrillScheduler } from '../learn/drill-scheduler.js';
import { StatusMailer } from '../notify/status/status-mailer.js';
import type { FastifyBaseLogger } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { IdleCollector, processProbes } from './idle-gc.js';
import { openRuntime } from './runtime.js';
import { startStatusProcesses } from './status-processes.js';

import { DEFAULT_RETENTION } from '../monitors/rollup-jobs.js';
/** `fenghuo serve`: migrate, make sure an admin exists, serve until SIGTERM/SIGINT, then drain. */
export async function serve(config: Config): Promise<void> {
  const deps = await openRuntime(config);
  const { app, engine, monitors, metrics } = await buildApp(deps, {
    bodyLimitBytes: config.bodyLimitBytes,
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    publicUrl: config.publicUrl,
    logger: { level: config.logLevel },
    logRequests: config.logRequests,
    monitors: {
      concurrency: config.monitorConcurrency,
      locationLostAfterMs: config.locationLostAfterMs,
      retention: { ...DEFAULT_RETENTION, rawHours: config.monitorRawRetentionHours },
    },
  });
  const log = app.log;
  log.info({ database: deps.store.location, dialect: deps.store.dialect, migrated: deps.migrated }, 'database ready');
  log.info({ policy: config.policy.name, file: config.policyFile }, 'grading policy loaded');

  const admin = await bootstrapAdmin(deps, { email: config.adminEmail, password: config.adminPassword });
  if (admin.created && admin.generatedPassword) {
    // Printed once, on the console only: it is not stored anywhere in clear.
    process.stdout.write(
      `\n  Fenghuo first start: created admin ${admin.email}\n  Generated password (shown only now): ${admin.generatedPassword}\n\n`,
    );
  } else if (admin.created) {
    log.info({ email: admin.email }, 'created admin from FENGHUO_ADMIN_EMAIL/FENGHUO_ADMIN_PASSWORD');
  }

  // The public status pages in processes of their own, on their own port (the API keeps /status/* too).
  const statusProcesses =
    config.statusPort === null
      ? null
      : startStatusProcesses(config.statusProcesses, { host: config.statusHost, port: config.statusPort }, log);
  try {
    await statusProcesses?.ready;
  } catch (err) {
    await statusProcesses?.stop();
    await app.close();
    await deps.store.close();
    throw err;
  }

  const stopChecker = startPeriodicChecks(deps, engine, 5_000, (err) => log.error({ err }, 'periodic check failed'));
  const pagerOwner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const pager = config.paging
    ? new Pager(deps, {
        owner: pagerOwner,
        publicUrl: config.publicUrl,
        smtp: config.smtp,
        leaseMs: config.pagingLeaseMs,
        onError: (err) => log.error({ err }, 'paging worker failed'),
      })
    : null;
  if (pager) {
    deps.wakePaging = (handedOver, config) => pager.wake(handedOver, config);
    deps.pagingLease = { owner: pagerOwner, leaseMs: config.pagingLeaseMs };
  }
  // Status-page subscribers are sent to by the same nodes; nothing wakes this worker: it polls every second.
  const statusMailer = config.paging
    ? new StatusMailer(deps, {
        owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
        publicUrl: config.publicUrl,
        smtp: config.smtp,
        leaseMs: config.pagingLeaseMs,
        onError: (err) => log.error({ err }, 'status subscription worker failed'),
      })
    : null;

  // Reminders of postmortem, action-item and regulator deadlines, on the same nodes.
  const reminders = config.paging ? new ReminderSweeper(deps, { onError: (err) => log.error({ err }, 'reminder sweep failed') }) : null;

  // Scheduled drills inject their failures through this node's ingest engine (every node may run one).
  const drills = new DrillScheduler(deps, engine, { onError: (err) => log.error({ err }, 'drill scheduler failed') });

  const idleGc = config.idleGc ? startIdleGc(engine, metrics, log) : null;

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopChecker();
    idleGc?.stop();
    void Promise.all([drills.stop(), pager?.stop(), statusMailer?.stop(), reminders?.stop(), statusProcesses?.stop()])
      .then(() => app.close())
      .then(() => deps.store.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  pager?.start();
  statusMailer?.start();
  reminders?.start();
  drills.start();
  if (config.monitors) await monitors.start();
}

/** Memory back after a burst (src/cli/idle-gc.ts), counted in /metrics; null if V8 offers no collection. */
function startIdleGc(engine: { batchCount: number }, metrics: Registry, log: FastifyBaseLogger): IdleCollector | null {
  const probes = processProbes(() => engine.batchCount);
  if (!probes) {
    log.warn('idle garbage collection unavailable (V8 refused --expose-gc); memory after a burst is left to V8');
    return null;
  }
  const runs = new Counter({
    name: 'fenghuo_idle_gc_total',
    help: 'Full garbage collections run once the server went quiet after a burst',
    registers: [metrics],
  });
  const freed = new Counter({ name: 'fenghuo_idle_gc_freed_bytes_total', help: 'Heap those collections freed', registers: [metrics] });
  const seconds = new Counter({ name: 'fenghuo_idle_gc_seconds_total', help: 'Time those collections took', registers: [metrics] });
  const collector = new IdleCollector(probes, (c) => {
    runs.inc();
    freed.inc(Math.max(0, c.before.used - c.after.used));
    seconds.inc(c.ms / 1000);
    log.debug({ before: c.before, after: c.after, ms: Math.round(c.ms) }, 'idle garbage collection');
  });
  collector.start();
  return collector;
}
