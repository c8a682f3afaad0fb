import type { FieldIssue } from '../../domain/errors.js';
import { MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, type Monitor, type MonitorKind } from '../../domain/monitors/monitor.js';
import { BACKUP_ROLE } from '../../domain/slo/backup.js';
import { checkFor } from '../../monitors/checks/registry.js';
import { listLocations } from '../../store/monitor-locations-repo.js';
import { findService } from '../../store/services-repo.js';
import type { Executor } from '../context.js';

/** What a person sets on a monitor; every field but name, service, kind and config has a default. */
export interface MonitorInput {
  name?: string;
  serviceId?: string;
  config?: Record<string, unknown>;
  intervalSeconds?: number;
  timeoutMs?: number | null;
  failureThreshold?: number;
  recoveryThreshold?: number;
  locations?: string[];
  quorum?: number | null;
  graceSeconds?: number;
}

export const MONITOR_DEFAULTS = {
  intervalSeconds: 60,
  failureThreshold: 2,
  recoveryThreshold: 1,
  graceSeconds: 60,
  maxTimeoutMs: 30_000,
};

/** A check must end before the next one is due: 80 % of the interval, at most 30 s, by default 10 s. */
export function defaultTimeoutMs(intervalSeconds: number): number {
  return Math.min(10_000, Math.floor(intervalSeconds * 800));
}

/** Everything wrong with a monitor as it would be saved, fields named as the client sent them. */
export async function monitorIssues(db: Executor, m: Monitor): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (m.name.trim() === '') issues.push({ field: 'name', message: 'must not be blank' });
  if (!(await findService(db, m.serviceId))) issues.push({ field: 'serviceId', message: `unknown service "${m.serviceId}"` });
  issues.push(...configIssues(m.kind, m.config));
  if (m.intervalSeconds < MIN_INTERVAL_SECONDS || m.intervalSeconds > MAX_INTERVAL_SECONDS) {
    issues.push({ field: 'intervalSeconds', message: `must be between ${MIN_INTERVAL_SECONDS} and ${MAX_INTERVAL_SECONDS}` });
  }
  if (m.timeoutMs > Math.min(m.intervalSeconds * 1000, MONITOR_DEFAULTS.maxTimeoutMs)) {
    issues.push({ field: 'timeoutMs', message: `must not exceed the interval or ${MONITOR_DEFAULTS.maxTimeoutMs} ms` });
  }
  const known = new Set((await listLocations(db)).map((l) => l.name));
  m.locations.forEach((name, i) => {
    if (!known.has(name)) issues.push({ field: `locations[${i}]`, message: `unknown location "${name}"` });
  });
  if (new Set(m.locations).size !== m.locations.length) issues.push({ field: 'locations', message: 'must not repeat a location' });
  if (m.kind === 'heartbeat' && (m.locations.length !== 1 || m.locations[0] !== 'local')) {
    issues.push({ field: 'locations', message: 'a heartbeat monitor is watched by the server: ["local"]' });
  }
  if (m.quorum !== null && m.quorum > m.locations.length)
    issues.push({ field: 'quorum', message: 'must not exceed the number of locations' });
  return issues;
}

function configIssues(kind: MonitorKind, config: Record<string, unknown>): FieldIssue[] {
  if (kind === 'heartbeat') return heartbeatConfigIssues(config);
  return checkFor(kind)?.validateConfig(config) ?? [];
}

/** A heartbeat takes one optional setting: `role: "backup"` makes it its service's backup heartbeat (docs/slo.md). */
function heartbeatConfigIssues(config: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(config)) {
    if (key !== 'role') issues.push({ field: `config.${key}`, message: 'a heartbeat monitor takes only config.role' });
  }
  if ('role' in config && config.role !== BACKUP_ROLE && config.role !== null) {
    issues.push({ field: 'config.role', message: `must be "${BACKUP_ROLE}" or null` });
  }
  return issues;
}
