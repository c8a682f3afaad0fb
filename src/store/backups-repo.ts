import { sql } from 'kysely';
import type { Executor } from '../operations/context.js';

/** Notes a heartbeat monitor's good beat (a push with status up); a late one never moves it back. */
export async function recordGoodBeat(db: Executor, monitorId: string, at: number): Promise<void> {
  await db
    .insertInto('monitor_backups')
    .values({ monitor_id: monitorId, last_good_at: at, rpo_alert_at: null })
    .onConflict((oc) =>
      oc.column('monitor_id').doUpdateSet({
        last_good_at: sql`case when monitor_backups.last_good_at is null or monitor_backups.last_good_at < excluded.last_good_at
          then excluded.last_good_at else monitor_backups.last_good_at end`,
      }),
    )
    .execute();
}

/** A heartbeat monitor with its backup bookkeeping and its service's RPO. */
export interface HeartbeatBackupRow {
  monitorId: string;
  name: string;
  serviceId: string;
  config: Record<string, unknown>;
  paused: boolean;
  createdAt: number;
  lastGoodAt: number | null;
  rpoAlertAt: number | null;
  rpoMinutes: number | null;
}

/** Every heartbeat monitor (of some services, when given); the caller picks the backups by their config. */
export async function heartbeatBackups(db: Executor, serviceIds?: readonly string[]): Promise<HeartbeatBackupRow[]> {
  if (serviceIds?.length === 0) return [];
  let query = db
    .selectFrom('monitors')
    .innerJoin('services', 'services.id', 'monitors.service_id')
    .leftJoin('monitor_backups', 'monitor_backups.monitor_id', 'monitors.id')
    .select([
      'monitors.id',
      'monitors.name',
      'monitors.service_id',
      'monitors.config',
      'monitors.paused',
      'monitors.created_at',
      'monitor_backups.last_good_at',
      'monitor_backups.rpo_alert_at',
      'services.rpo_minutes',
    ])
    .where('monitors.kind', '=', 'heartbeat');
  if (serviceIds) query = query.where('monitors.service_id', 'in', [...serviceIds]);
  const rows = await query.orderBy('monitors.seq').execute();
  return rows.map((r) => ({
    monitorId: r.id,
    name: r.name,
    serviceId: r.service_id,
    config: JSON.parse(r.config) as Record<string, unknown>,
    paused: Number(r.paused) === 1,
    createdAt: Number(r.created_at),
    lastGoodAt: r.last_good_at === null ? null : Number(r.last_good_at),
    rpoAlertAt: r.rpo_alert_at === null ? null : Number(r.rpo_alert_at),
    rpoMinutes: r.rpo_minutes === null ? null : Number(r.rpo_minutes),
  }));
}

/**
 * Opens (`at`) or clears (null) a backup's RPO alert, only if no other node did first: true when
 * this call changed it, so exactly one node sends the signal.
 */
export async function setRpoAlert(db: Executor, monitorId: string, at: number | null): Promise<boolean> {
  await db
    .insertInto('monitor_backups')
    .values({ monitor_id: monitorId, last_good_at: null, rpo_alert_at: null })
    .onConflict((oc) => oc.column('monitor_id').doNothing())
    .execute();
  const result = await db
    .updateTable('monitor_backups')
    .set({ rpo_alert_at: at })
    .where('monitor_id', '=', monitorId)
    .where('rpo_alert_at', at === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteBackupRow(db: Executor, monitorId: string): Promise<void> {
  await db.deleteFrom('monitor_backups').where('monitor_id', '=', monitorId).execute();
}
