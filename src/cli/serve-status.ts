import cluster from 'node:cluster';
import { ConfigError, type Config } from '../config.js';
import { openRuntime, StartupError } from './runtime.js';
import { buildStatusApp } from './status-app.js';
import { startStatusProcesses, type StatusProcessLog } from './status-processes.js';

/** Connections a status process keeps to PostgreSQL: the poll, two builds, a few form posts. */
const STATUS_POOL_SIZE = 4;
const STOP_TIMEOUT_MS = 5_000;

/**
 * `fenghuo serve-status`: the public status pages (and their subscription forms) on
 * FENGHUO_STATUS_PORT, in processes of their own. `fenghuo serve` starts them as its children
 * when FENGHUO_STATUS_PORT is set; run alone, on another machine, it needs the same database and
 * FENGHUO_SECRET_KEY as the servers. With FENGHUO_STATUS_PROCESSES above 1 this process only
 * supervises that many children sharing the port.
 */
export async function serveStatus(config: Config): Promise<void> {
  if (config.statusPort === null) throw new ConfigError('FENGHUO_STATUS_PORT', 'must be set to run serve-status');
  if (cluster.isPrimary && config.statusProcesses > 1) return supervise(config, config.statusPort);

  const deps = await openRuntime(config, { migrate: false, poolSize: Math.min(config.databasePoolSize, STATUS_POOL_SIZE) });
  const { app, cache } = await buildStatusApp(deps, {
    bodyLimitBytes: config.bodyLimitBytes,
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    publicUrl: config.publicUrl,
    fastPath: config.statusFastPath,
    logger: { level: config.logLevel },
    logRequests: config.logRequests,
  });
  const log = app.log;
  // Load the page index (and start the version poll) before the first reader arrives.
  await cache.ready()?.catch((err: unknown) => log.error({ err }, 'status pages cannot be listed yet; retrying on demand'));

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'status process shutting down');
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    void app
      .close()
      .then(() => deps.store.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A child of `serve` whose parent is gone (node:cluster exits the worker too; this is the belt).
  if (cluster.isWorker) process.once('disconnect', () => process.exit(0));

  try {
    await app.listen({ port: config.statusPort, host: config.statusHost });
  } catch (err) {
    await app.close();
    await deps.store.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new StartupError(`cannot listen on ${config.statusHost}:${config.statusPort} (FENGHUO_STATUS_PORT): ${code}`);
    }
    throw err;
  }
  log.info({ port: config.statusPort, host: config.statusHost, fastPath: config.statusFastPath }, 'status pages listening');
}

/** pino's shape on a plain JSON line to stdout, for a supervisor that has no app of its own. */
function jsonLog(level: Config['logLevel']): StatusProcessLog {
  const quiet = level === 'silent' || level === 'fatal';
  const line = (name: string, fields: Record<string, unknown>, msg: string) =>
    process.stdout.write(`${JSON.stringify({ level: name, time: Date.now(), pid: process.pid, ...fields, msg })}\n`);
  return {
    info: (fields, msg) => {
      if (!quiet && level !== 'error' && level !== 'warn') line('info', fields, msg);
    },
    error: (fields, msg) => {
      if (!quiet) line('error', fields, msg);
    },
  };
}

async function supervise(config: Config, port: number): Promise<void> {
  const log = jsonLog(config.logLevel);
  const children = startStatusProcesses(config.statusProcesses, { host: config.statusHost, port }, log);
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping the status processes');
    void children.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await children.ready;
  } catch (err) {
    await children.stop();
    throw err;
  }
  log.info({ port, processes: config.statusProcesses }, 'status processes listening');
}
