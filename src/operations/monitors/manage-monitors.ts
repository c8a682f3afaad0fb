import { FenghuoError } from '../../domain/errors.js';
import { LOCAL_LOCATION, type Monitor, type MonitorKind } from '../../domain/monitors/monitor.js';
import { DAY_MS, periodStart } from '../../domain/monitors/stats.js';
import { deleteBackupRow } from '../../store/backups-repo.js';
import { nextCounter } from '../../store/counters-repo.js';
import { deleteMonitorHistory } from '../../store/monitor-results-repo.js';
import { deleteMonitorRow, findMonitor, insertMonitor, saveMonitor, setPushTokenHash } from '../../store/monitors-repo.js';
import { hashSecret, newSecret } from '../access/secrets.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { rejectIssues } from '../oncall/references.js';
import { touchPagesShowingMonitors } from '../status/find-status-page.js';
import { defaultTimeoutMs, MONITOR_DEFAULTS, monitorIssues, type MonitorInput } from './monitor-input.js';

/** Bumped with every monitor or location change; each node's runner reloads when it moves. */
export const MONITORS_GENERATION = 'monitors.generation';

export function monitorNotFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `no monitor "${id}"`);
}

/** Runs a monitor write and tells this node's runner (other nodes see the generation move). */
async function writeMonitor<T>(ctx: Context, change: (trx: Executor) => Promise<T>): Promise<T> {
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const out = await change(trx);
    await nextCounter(trx, MONITORS_GENERATION);
    return out;
  });
  ctx.monitors?.changed();
  return result;
}

/** A new monitor; a heartbeat monitor also gets its push token, returned once. */
export async function createMonitor(
  ctx: Context,
  input: MonitorInput & { name: string; serviceId: string; kind: MonitorKind },
): Promise<{ monitor: Monitor; pushToken: string | null }> {
  const now = ctx.clock.now();
  const intervalSeconds = input.intervalSeconds ?? MONITOR_DEFAULTS.intervalSeconds;
  const pushToken = input.kind === 'heartbeat' ? newSecret('fhp_') : null;
  return writeMonitor(ctx, async (trx) => {
    const monitor: Monitor = {
      id: ctx.ids.newId(),
      seq: await nextCounter(trx, 'monitors.seq'),
      name: input.name.trim(),
      serviceId: input.serviceId,
      kind: input.kind,
      config: input.config ?? {},
      intervalSeconds,
      timeoutMs: input.timeoutMs ?? defaultTimeoutMs(intervalSeconds),
      failureThreshold: input.failureThreshold ?? MONITOR_DEFAULTS.failureThreshold,
      recoveryThreshold: input.recoveryThreshold ?? MONITOR_DEFAULTS.recoveryThreshold,
      locations: input.locations ?? [LOCAL_LOCATION],
      quorum: input.quorum ?? null,
      paused: false,
      state: 'pending',
      stateSince: now,
      graceSeconds: input.graceSeconds ?? MONITOR_DEFAULTS.graceSeconds,
      lastBeatAt: null,
      bars: Array.from({ length: 89 }, () => null),
      barsDay: periodStart(now, DAY_MS),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    rejectIssues(await monitorIssues(trx, monitor), 'invalid monitor');
    await insertMonitor(trx, monitor, pushToken ? hashSecret(pushToken) : null);
    await audit(ctx, trx, 'monitor.create', { type: 'monitor', id: monitor.id }, { after: monitor });
    return { monitor, pushToken };
  });
}

export async function getMonitor(ctx: Context, id: string): Promise<Monitor> {
  const m = await findMonitor(ctx.store.db, id);
  if (!m) throw monitorNotFound(id);
  return m;
}

/** Changes a monitor's settings (not its kind); the next check uses them. */
export async function updateMonitor(ctx: Context, id: string, input: MonitorInput & { paused?: boolean }): Promise<Monitor> {
  return writeMonitor(ctx, async (trx) => {
    const before = await findMonitor(trx, id);
    if (!before) throw monitorNotFound(id);
    const intervalSeconds = input.intervalSeconds ?? before.intervalSeconds;
    const monitor: Monitor = {
      ...before,
      name: input.name?.trim() ?? before.name,
      serviceId: input.serviceId ?? before.serviceId,
      config: input.config ?? before.config,
      intervalSeconds,
      // null: back to the default; absent: kept, but never longer than a shortened interval.
      timeoutMs:
        input.timeoutMs === null
          ? defaultTimeoutMs(intervalSeconds)
          : (input.timeoutMs ?? Math.min(before.timeoutMs, intervalSeconds * 1000)),
      failureThreshold: input.failureThreshold ?? before.failureThreshold,
      recoveryThreshold: input.recoveryThreshold ?? before.recoveryThreshold,
      locations: input.locations ?? before.locations,
      quorum: input.quorum !== undefined ? input.quorum : before.quorum,
      graceSeconds: input.graceSeconds ?? before.graceSeconds,
      paused: input.paused ?? before.paused,
      version: before.version + 1,
      updatedAt: ctx.clock.now(),
    };
    rejectIssues(await monitorIssues(trx, monitor), 'invalid monitor');
    if (!(await saveMonitor(trx, monitor))) throw new FenghuoError('conflict', 'the monitor changed meanwhile; read it again');
    // A paused monitor no longer speaks for its status page components (and a resumed one does again).
    if (monitor.paused !== before.paused) await touchPagesShowingMonitors(trx, [id], monitor.updatedAt);
    await audit(
      ctx,
      trx,
      input.paused === undefined ? 'monitor.update' : input.paused ? 'monitor.pause' : 'monitor.resume',
      { type: 'monitor', id },
      { before, after: monitor },
    );
    return monitor;
  });
}

/** Removes a monitor and its history. An incident it opened stays (and can be resolved by hand). */
export async function deleteMonitor(ctx: Context, id: string): Promise<void> {
  await writeMonitor(ctx, async (trx) => {
    const before = await findMonitor(trx, id);
    if (!before) throw monitorNotFound(id);
    await deleteMonitorRow(trx, id);
    await deleteMonitorHistory(trx, before.seq);
    await touchPagesShowingMonitors(trx, [id], ctx.clock.now()); // its components stop reading it
    await deleteBackupRow(trx, id);
    await audit(ctx, trx, 'monitor.delete', { type: 'monitor', id }, { before });
  });
}

/** A new push token for a heartbeat monitor (the old one stops working), returned once. */
export async function rotatePushToken(ctx: Context, id: string): Promise<string> {
  const token = newSecret('fhp_');
  await writeMonitor(ctx, async (trx) => {
    const m = await findMonitor(trx, id);
    if (!m) throw monitorNotFound(id);
    if (m.kind !== 'heartbeat')
      throw new FenghuoError('invalid_request', 'only heartbeat monitors have a push token', [
        { field: 'id', message: 'not a heartbeat monitor' },
      ]);
    await setPushTokenHash(trx, id, hashSecret(token));
    await audit(ctx, trx, 'monitor.rotate_push_token', { type: 'monitor', id });
  });
  return token;
}
