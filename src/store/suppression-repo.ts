import type { Matcher } from '../domain/suppression/matchers.js';
import type { MaintenanceWindow } from '../domain/suppression/maintenance.js';
import type { Silence } from '../domain/suppression/silence.js';
import type { Executor } from '../operations/context.js';

export interface StoredSilence extends Silence {
  createdAt: number;
}

export interface StoredMaintenanceWindow extends MaintenanceWindow {
  createdBy: string;
  createdAt: number;
}

/** Silences not yet expired at `now` (active or starting later). */
export async function loadSilences(db: Executor, now: number, includeExpired = false): Promise<StoredSilence[]> {
  let query = db.selectFrom('silences').selectAll().orderBy('id');
  if (!includeExpired) query = query.where('ends_at', '>', now);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    matchers: JSON.parse(r.matchers) as Matcher[],
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    createdBy: r.created_by,
    comment: r.comment,
    createdAt: Number(r.created_at),
  }));
}

export async function findSilence(db: Executor, id: string): Promise<StoredSilence | null> {
  const all = await loadSilences(db, 0, true);
  return all.find((s) => s.id === id) ?? null;
}

export async function insertSilence(db: Executor, s: StoredSilence): Promise<void> {
  await db
    .insertInto('silences')
    .values({
      id: s.id,
      matchers: JSON.stringify(s.matchers),
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      created_by: s.createdBy,
      comment: s.comment,
      created_at: s.createdAt,
    })
    .execute();
}

export async function setSilenceEnd(db: Executor, id: string, endsAt: number): Promise<void> {
  await db.updateTable('silences').set({ ends_at: endsAt }).where('id', '=', id).execute();
}

export async function loadMaintenanceWindows(db: Executor): Promise<StoredMaintenanceWindow[]> {
  const rows = await db.selectFrom('maintenance_windows').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    serviceIds: JSON.parse(r.service_ids) as string[],
    startsAt: r.starts_at === null ? null : Number(r.starts_at),
    endsAt: r.ends_at === null ? null : Number(r.ends_at),
    cron: r.cron,
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    timeZone: r.time_zone,
    comment: r.comment,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  }));
}

export async function insertMaintenanceWindow(db: Executor, w: StoredMaintenanceWindow): Promise<void> {
  await db
    .insertInto('maintenance_windows')
    .values({
      id: w.id,
      service_ids: JSON.stringify(w.serviceIds),
      starts_at: w.startsAt,
      ends_at: w.endsAt,
      cron: w.cron,
      duration_minutes: w.durationMinutes,
      time_zone: w.timeZone,
      comment: w.comment,
      created_by: w.createdBy,
      created_at: w.createdAt,
    })
    .execute();
}

export async function deleteMaintenanceWindow(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('maintenance_windows').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
