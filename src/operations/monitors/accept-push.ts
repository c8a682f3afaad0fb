import { LOCAL_LOCATION } from '../../domain/monitors/monitor.js';
import { isBackupHeartbeat } from '../../domain/slo/backup.js';
import { recordGoodBeat } from '../../store/backups-repo.js';
import { findMonitorByPushToken, recordMonitorBeat } from '../../store/monitors-repo.js';
import { hashSecret } from '../access/secrets.js';
import type { Deps } from '../context.js';

/**
 * A beat for a heartbeat monitor (`/api/push/{token}`, as Uptime Kuma's push monitors send):
 * stored as a result of the `local` location, so it counts towards the monitor's verdict and its
 * uptime like any check. Returns false when no active heartbeat monitor has that token.
 */
export async function acceptMonitorPush(
  deps: Deps,
  token: string,
  beat: { status: 'up' | 'down'; msg: string | null; ping: number | null },
): Promise<boolean> {
  if (!deps.monitors || !token.startsWith('fhp_')) return false;
  const monitor = await findMonitorByPushToken(deps.store.db, hashSecret(token));
  if (!monitor || monitor.paused || monitor.kind !== 'heartbeat') return false;
  const at = deps.clock.now();
  await recordMonitorBeat(deps.store.db, monitor.id, at);
  // Every heartbeat keeps its last good beat, so one marked as a backup later proves the RPO at once.
  if (beat.status === 'up') await recordGoodBeat(deps.store.db, monitor.id, at);
  const msg = beat.msg === null ? null : beat.msg.replaceAll('\u0000', '').toWellFormed().slice(0, 200);
  await deps.monitors.write([
    {
      monitorId: monitor.id,
      location: LOCAL_LOCATION,
      at,
      status: beat.status,
      latencyMs: beat.ping === null ? null : Math.min(Math.max(Math.round(beat.ping), 0), 2_147_483_647),
      error: beat.status === 'down' ? (msg ?? 'the job reported down') : null,
    },
  ]);
  // A good backup resolves its RPO alert at once rather than at the next periodic look.
  if (beat.status === 'up' && isBackupHeartbeat(monitor)) await deps.monitors.checkBackups();
  return true;
}
