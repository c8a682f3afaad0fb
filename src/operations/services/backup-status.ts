import { backupStatus, isBackupHeartbeat, type BackupStatus } from '../../domain/slo/backup.js';
import { heartbeatBackups } from '../../store/backups-repo.js';
import type { StoredService } from '../../store/services-repo.js';
import type { Context } from '../context.js';

/** Each service's proof of its RPO by its backup heartbeats (one query for the lot). */
export async function backupStatusOf(ctx: Context, services: readonly StoredService[]): Promise<Map<string, BackupStatus>> {
  const now = ctx.clock.now();
  const backups = (
    await heartbeatBackups(
      ctx.store.db,
      services.map((s) => s.id),
    )
  ).filter((b) => isBackupHeartbeat({ kind: 'heartbeat', config: b.config }) && !b.paused);
  return new Map(
    services.map((s) => [
      s.id,
      backupStatus(
        backups.filter((b) => b.serviceId === s.id),
        s.rpoMinutes,
        now,
      ),
    ]),
  );
}
