import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_POLICY, type GradingPolicy } from './domain/grading/policy.js';
import { parsePolicyYaml } from './domain/grading/parse-policy.js';
import { isFenghuoError } from './domain/errors.js';

/** Everything Fenghuo reads from its environment, parsed once at boot. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  databasePoolSize: number;
  /** PGOPTIONS (libpq's session options), applied after Fenghuo's own, so they win. */
  databaseSessionOptions: string | null;
  policyFile: string | null;
  policy: GradingPolicy;
  adminEmail: string;
  adminPassword: string | null;
  bodyLimitBytes: number;
  sessionHours: number;
  cookieSecure: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** 32-byte key for secrets stored encrypted; null: use (or create) `<dataDir>/secret.key`. */
  secretKey: Buffer | null;
  logRequests: boolean;
  /** Base URL people reach this server at, for acknowledge/resolve links in pages. */
  publicUrl: string;
  /** Outgoing mail; null: e-mail contact methods cannot be delivered (pages to them fail, recorded). */
  smtp: { url: string; from: string } | null;
  /** Run the paging worker (outbox + escalations) in this process. */
  paging: boolean;
  /** How long a worker's claim on a notification holds before another worker may take it over. */
  pagingLeaseMs: number;
  /** Run the `local` location's monitors and the rollup work in this process. */
  monitors: boolean;
  /** Checks this node runs at once. */
  monitorConcurrency: number;
  /** Hours raw check results are kept (rollups are kept longer). */
  monitorRawRetentionHours: number;
  /** A probe agent silent this long is `lost`: its own alert, and its verdicts stop counting. */
  locationLostAfterMs: number;
  /** The public status pages served by processes of their own (`serve` starts them); null: none. */
  statusPort: number | null;
  /** Where those processes listen (default: FENGHUO_HOST). */
  statusHost: string;
  /** How many of them share the port. */
  statusProcesses: number;
  /** Answer cache hits on raw node:http (off: every request through the framework, for comparison). */
  statusFastPath: boolean;
  /** After a burst, one full garbage collection once the server is quiet (src/cli/idle-gc.ts). */
  idleGc: boolean;
}

/** A bad configuration value: the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

function databaseUrl(env: Env): string | null {
  const raw = env.FENGHUO_DATABASE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('FENGHUO_DATABASE_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('FENGHUO_DATABASE_URL', `must start with postgres://, got "${url.protocol}//"`);
  }
  return raw;
}

function statusPort(env: Env, port: number): number | null {
  const raw = env.FENGHUO_STATUS_PORT?.trim();
  if (raw === undefined || raw === '') return null;
  const value = integer(env, 'FENGHUO_STATUS_PORT', 0, 1, 65535);
  if (value === port) throw new ConfigError('FENGHUO_STATUS_PORT', `must differ from FENGHUO_PORT (${port})`);
  return value;
}

function secretKey(env: Env): Buffer | null {
  const raw = env.FENGHUO_SECRET_KEY?.trim();
  if (!raw) return null;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('FENGHUO_SECRET_KEY', 'must be 32 bytes, as 64 hex characters or base64');
  return key;
}

function loadPolicy(file: string | null): GradingPolicy {
  if (!file) return DEFAULT_POLICY;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError('FENGHUO_POLICY_FILE', `cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return parsePolicyYaml(text, file);
  } catch (err) {
    if (isFenghuoError(err)) {
      const details = (err.details ?? []).map((d) => `\n  - ${d.field}: ${d.message}`).join('');
      throw new ConfigError('FENGHUO_POLICY_FILE', `${err.message}${details}`);
    }
    throw err;
  }
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(name, `must start with http:// or https://, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function smtp(env: Env): Config['smtp'] {
  const raw = env.FENGHUO_SMTP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('FENGHUO_SMTP_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new ConfigError('FENGHUO_SMTP_URL', 'must start with smtp:// or smtps://');
  const from = env.FENGHUO_SMTP_FROM?.trim() || 'fenghuo@localhost';
  if (!/^[^@\s<>]+@[^@\s<>]+$/.test(from) && !/<[^@\s<>]+@[^@\s<>]+>$/.test(from)) {
    throw new ConfigError('FENGHUO_SMTP_FROM', `is not an e-mail address: "${from}"`);
  }
  return { url: raw, from };
}

export function loadConfig(env: Env = process.env): Config {
  const email = env.FENGHUO_ADMIN_EMAIL?.trim() || 'admin@fenghuo.local';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new ConfigError('FENGHUO_ADMIN_EMAIL', `is not an e-mail address: "${email}"`);
  const password = env.FENGHUO_ADMIN_PASSWORD || null;
  if (password !== null && password.length < 8) throw new ConfigError('FENGHUO_ADMIN_PASSWORD', 'must be at least 8 characters');
  const policyFile = env.FENGHUO_POLICY_FILE?.trim() ? resolve(env.FENGHUO_POLICY_FILE.trim()) : null;
  const port = integer(env, 'FENGHUO_PORT', 8080, 0, 65535);
  const host = env.FENGHUO_HOST?.trim() || '0.0.0.0';
  return {
    port,
    host,
    dataDir: resolve(env.FENGHUO_DATA_DIR?.trim() || './data'),
    databaseUrl: databaseUrl(env),
    databasePoolSize: integer(env, 'FENGHUO_DATABASE_POOL_SIZE', 10, 1, 200),
    databaseSessionOptions: env.PGOPTIONS?.trim() || null,
    policyFile,
    policy: loadPolicy(policyFile),
    adminEmail: email.toLowerCase(),
    adminPassword: password,
    bodyLimitBytes: integer(env, 'FENGHUO_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    sessionHours: integer(env, 'FENGHUO_SESSION_HOURS', 12, 1, 24 * 30),
    cookieSecure: boolean(env, 'FENGHUO_COOKIE_SECURE', false),
    secretKey: secretKey(env),
    logRequests: boolean(env, 'FENGHUO_LOG_REQUESTS', false),
    publicUrl: httpUrl(env, 'FENGHUO_PUBLIC_URL', `http://localhost:${port}`),
    smtp: smtp(env),
    paging: boolean(env, 'FENGHUO_PAGING', true),
    pagingLeaseMs: integer(env, 'FENGHUO_PAGING_LEASE_SECONDS', 60, 1, 3600) * 1000,
    monitors: boolean(env, 'FENGHUO_MONITORS', true),
    monitorConcurrency: integer(env, 'FENGHUO_MONITOR_CONCURRENCY', 256, 1, 10_000),
    monitorRawRetentionHours: integer(env, 'FENGHUO_MONITOR_RAW_RETENTION_HOURS', 24, 1, 24 * 30),
    locationLostAfterMs: integer(env, 'FENGHUO_LOCATION_LOST_SECONDS', 90, 5, 86_400) * 1000,
    statusPort: statusPort(env, port),
    statusHost: env.FENGHUO_STATUS_HOST?.trim() || host,
    statusProcesses: integer(env, 'FENGHUO_STATUS_PROCESSES', 1, 1, 64),
    statusFastPath: boolean(env, 'FENGHUO_STATUS_FAST_PATH', true),
    idleGc: boolean(env, 'FENGHUO_IDLE_GC', true),
    logLevel: oneOf(env, 'FENGHUO_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  };
}

/**
 * `fenghuo agent` runs without the server's configuration: the only thing it reads from the
 * environment is its location token (so that it need not appear on the command line); null when unset.
 */
export function agentTokenFromEnv(env: Env = process.env): string | null {
  const raw = env.FENGHUO_AGENT_TOKEN?.trim();
  if (!raw) return null;
  if (!raw.startsWith('fha_')) throw new ConfigError('FENGHUO_AGENT_TOKEN', 'must be a location token (fha_…)');
  return raw;
}
