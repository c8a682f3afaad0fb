import type { Selectable } from 'kysely';
import type { Executor } from '../operations/context.js';
import { claimDueRows } from './lease-claims.js';
import type { NotificationsTable } from './schema.js';

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled' | 'bundled';
/**
 * `page` (a person paged; acknowledging cancels what has not gone out), `channel` and `resolved`
 * (team channel posts), `reminder` (a deadline reminder to a person; see `reminderId`).
 */
export type NotificationKind = 'page' | 'channel' | 'resolved' | 'reminder';

/** One message to one target, as the outbox holds it. */
export interface StoredNotification {
  id: string;
  incidentId: string;
  kind: NotificationKind;
  step: number | null;
  round: number | null;
  userId: string | null;
  contactMethodId: string | null;
  channelId: string | null;
  channelKind: string;
  targetKey: string;
  locale: string;
  status: NotificationStatus;
  dueAt: number;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  bundleId: string | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  /** The `reminders` row a `reminder` delivers (its text is read from there); null otherwise. */
  reminderId: string | null;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toNotification(r: Selectable<NotificationsTable>): StoredNotification {
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind as NotificationKind,
    step: num(r.step),
    round: num(r.round),
    userId: r.user_id,
    contactMethodId: r.contact_method_id,
    channelId: r.channel_id,
    channelKind: r.channel_kind,
    targetKey: r.target_key,
    locale: r.locale,
    status: r.status as NotificationStatus,
    dueAt: Number(r.due_at),
    attempts: Number(r.attempts),
    leaseOwner: r.lease_owner,
    leaseUntil: num(r.lease_until),
    bundleId: r.bundle_id,
    lastError: r.last_error,
    createdAt: Number(r.created_at),
    sentAt: num(r.sent_at),
    reminderId: r.reminder_id,
  };
}

export async function insertNotifications(db: Executor, rows: StoredNotification[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      rows.map((n) => ({
        id: n.id,
        incident_id: n.incidentId,
        kind: n.kind,
        step: n.step,
        round: n.round,
        user_id: n.userId,
        contact_method_id: n.contactMethodId,
        channel_id: n.channelId,
        channel_kind: n.channelKind,
        target_key: n.targetKey,
        locale: n.locale,
        status: n.status,
        due_at: n.dueAt,
        attempts: n.attempts,
        lease_owner: n.leaseOwner,
        lease_until: n.leaseUntil,
        bundle_id: n.bundleId,
        last_error: n.lastError,
        created_at: n.createdAt,
        sent_at: n.sentAt,
        reminder_id: n.reminderId,
      })),
    )
    .execute();
}

/** Claims due notifications for `owner` (store/lease-claims.ts); `recovered`: taken over from a lapsed lease. */
export async function claimDueNotifications(
  db: Executor,
  owner: string,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<Array<{ notification: StoredNotification; recovered: boolean }>> {
  const { ids, recovered } = await claimDueRows(db, 'notifications', owner, now, leaseUntil, limit);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('notifications').selectAll().where('id', 'in', ids).orderBy('due_at').execute();
  return rows.map((r) => ({ notification: toNotification(r), recovered: recovered.has(r.id) }));
}

/** Ends every lease not held by `owner` (their holders are known to be gone); returns how many. */
export async function expireOtherLeases(db: Executor, owner: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ lease_until: 0 })
    .where('status', '=', 'sending')
    .where('lease_owner', '!=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Rows leased to `owner` when they were written and not attempted yet (the pages the owner's own
 * commits handed over), oldest first.
 */
export async function handedOverTo(db: Executor, owner: string, now: number, limit: number): Promise<StoredNotification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .where('attempts', '=', 0)
    .where('lease_until', '>', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

/** Records what happened to a claimed notification, if the claim is still ours. */
export async function finishNotification(
  db: Executor,
  id: string,
  owner: string,
  change: {
    status: NotificationStatus;
    attempts: number;
    dueAt?: number;
    lastError?: string | null;
    sentAt?: number | null;
    bundleId?: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({
      status: change.status,
      attempts: change.attempts,
      ...(change.dueAt !== undefined ? { due_at: change.dueAt } : {}),
      ...(change.lastError !== undefined ? { last_error: change.lastError } : {}),
      ...(change.sentAt !== undefined ? { sent_at: change.sentAt } : {}),
      ...(change.bundleId !== undefined ? { bundle_id: change.bundleId } : {}),
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels the pages of an incident that have not gone out yet (acknowledged or resolved). */
export async function cancelPendingPages(db: Executor, incidentId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ status: 'cancelled', last_error: reason })
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'page')
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether the incident was posted to a team channel (so its resolution is announced there too). */
export async function wasPostedToChannel(db: Executor, incidentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'channel')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Pending notifications for one target that are due, oldest first (for bundling). */
export async function pendingForTarget(db: Executor, targetKey: string, now: number, limit: number): Promise<StoredNotification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('target_key', '=', targetKey)
    .where('status', '=', 'pending')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

export async function listNotifications(db: Executor, filter: { incidentId: string; limit: number }): Promise<StoredNotification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('incident_id', '=', filter.incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(filter.limit)
    .execute();
  return rows.map(toNotification);
}

/** Rows per status among those that need watching, and the due time of the oldest pending one. */
export async function outboxHealth(db: Executor): Promise<{ counts: Map<string, number>; oldestPendingDueAt: number | null }> {
  const watched = ['pending', 'sending', 'failed', 'unknown'];
  const rows = await db
    .selectFrom('notifications')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('due_at').as('oldest')])
    .where('status', 'in', watched)
    .groupBy('status')
    .execute();
  const counts = new Map(watched.map((s) => [s, 0]));
  let oldestPendingDueAt: number | null = null;
  for (const r of rows) {
    counts.set(r.status, Number(r.n));
    if (r.status === 'pending' && r.oldest !== null) oldestPendingDueAt = Number(r.oldest);
  }
  return { counts, oldestPendingDueAt };
}

/** When the next pending notification falls due (null: none), so the worker can sleep until then. */
export async function nextDueAt(db: Executor): Promise<number | null> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.min('due_at').as('at'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
