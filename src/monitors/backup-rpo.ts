import { isBackupHeartbeat, rpoBreached } from '../domain/slo/backup.js';
import type { Signal } from '../domain/signals/signal.js';
import type { Deps } from '../operations/context.js';
import { heartbeatBackups, setRpoAlert, type HeartbeatBackupRow } from '../store/backups-repo.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The alert of a backup older than its service's RPO. Its impact is `vulnerability`: nothing is
 * down, but a restore now would lose more data than allowed, so it is graded as a risk (level 3
 * under the default policy), not as an outage of the service (which on a payment service would be
 * level 1).
 */
export function rpoSignal(b: HeartbeatBackupRow, breached: boolean, now: number): Signal {
  const last = b.lastGoodAt === null ? 'no good backup yet' : `last good backup ${iso(b.lastGoodAt)}`;
  const ageMinutes = Math.floor((now - (b.lastGoodAt ?? b.createdAt)) / 60_000);
  return {
    dedupKey: `rpo:${b.monitorId}`,
    action: breached ? 'trigger' : 'resolve',
    summary: (breached
      ? `Backup of ${b.serviceId} is older than its RPO (${b.rpoMinutes ?? '?'} min): ${last}, ${ageMinutes} min ago (heartbeat ${b.name})`
      : `Backup of ${b.serviceId} is within its RPO again (heartbeat ${b.name})`
    ).slice(0, 1024),
    source: 'fenghuo-monitor/backup',
    severity: breached ? 'warning' : null,
    impact: breached ? 'vulnerability' : null,
    service: b.serviceId,
    facility: null,
    labels: { monitor: b.name.slice(0, 1024), monitor_id: b.monitorId, monitor_kind: 'heartbeat', check: 'rpo' },
    details: {
      monitorId: b.monitorId,
      rpoMinutes: b.rpoMinutes,
      lastGoodBackupAt: b.lastGoodAt === null ? null : iso(b.lastGoodAt),
    },
    usersAffectedPct: null,
    recordsExposed: null,
    occurredAt: null,
    links: [],
  };
}

/**
 * Compares every backup heartbeat's last good beat with its service's RPO and returns the signals
 * of those that crossed it either way since the last look. A paused backup, or a service without
 * an RPO, has nothing to prove: an alert it had is resolved.
 */
export async function checkBackupRpos(deps: Deps): Promise<Signal[]> {
  const now = deps.clock.now();
  const signals: Signal[] = [];
  for (const b of await heartbeatBackups(deps.store.db)) {
    const watched = isBackupHeartbeat({ kind: 'heartbeat', config: b.config }) && !b.paused && b.rpoMinutes !== null;
    const breached = watched && rpoBreached(b, b.rpoMinutes as number, now);
    if (breached === (b.rpoAlertAt !== null)) continue;
    if (await setRpoAlert(deps.store.db, b.monitorId, breached ? now : null)) signals.push(rpoSignal(b, breached, now));
  }
  return signals;
}
