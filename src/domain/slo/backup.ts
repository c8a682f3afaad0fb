/** A heartbeat monitor with `config: { role: "backup" }` is a service's backup heartbeat. */
export const BACKUP_ROLE = 'backup';

export function isBackupHeartbeat(m: { kind: string; config: Record<string, unknown> }): boolean {
  return m.kind === 'heartbeat' && m.config.role === BACKUP_ROLE;
}

/** A backup heartbeat as the RPO check reads it. */
export interface BackupBeat {
  /** The last push with status up; null: none yet. */
  lastGoodAt: number | null;
  /** When the monitor was created: with no good beat yet, the RPO counts from then. */
  createdAt: number;
}

/**
 * True when the last good backup (or, before the first, the monitor's creation) is older than the
 * RPO. Exactly the RPO old is still in time.
 */
export function rpoBreached(beat: BackupBeat, rpoMinutes: number, now: number): boolean {
  return now - (beat.lastGoodAt ?? beat.createdAt) > rpoMinutes * 60_000;
}

export interface BackupStatus {
  /** The oldest of the backups' last good beats: the one that bounds the data a restore would lose. */
  lastGoodBackupAt: number | null;
  /** Every backup heartbeat within the RPO; null when the service has no RPO or no backup heartbeat. */
  rpoMet: boolean | null;
}

/** A service's backup status from its backup heartbeats. */
export function backupStatus(beats: readonly BackupBeat[], rpoMinutes: number | null, now: number): BackupStatus {
  if (beats.length === 0) return { lastGoodBackupAt: null, rpoMet: null };
  const goods = beats.map((b) => b.lastGoodAt);
  const lastGoodBackupAt = goods.includes(null) ? null : Math.min(...(goods as number[]));
  if (rpoMinutes === null) return { lastGoodBackupAt, rpoMet: null };
  return { lastGoodBackupAt, rpoMet: beats.every((b) => !rpoBreached(b, rpoMinutes, now)) };
}
