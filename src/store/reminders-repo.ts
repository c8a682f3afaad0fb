import type { Selectable } from 'kysely';
import type { ReminderKind } from '../domain/learn/reminders.js';
import type { Executor } from '../operations/context.js';
import type { RemindersTable } from './schema.js';

export interface StoredReminder {
  id: string;
  /** Unique per reminder owed: `kind:subjectId:dueAt`. */
  key: string;
  kind: ReminderKind;
  subjectType: 'postmortem' | 'action_item' | 'incident';
  subjectId: string;
  incidentId: string | null;
  /** Whom it concerns (the owner), when someone does. */
  userId: string | null;
  dueAt: number;
  message: string;
  firedAt: number;
}

function toReminder(r: Selectable<RemindersTable>): StoredReminder {
  return {
    id: r.id,
    key: r.key,
    kind: r.kind as ReminderKind,
    subjectType: r.subject_type as StoredReminder['subjectType'],
    subjectId: r.subject_id,
    incidentId: r.incident_id,
    userId: r.user_id,
    dueAt: Number(r.due_at),
    message: r.message,
    firedAt: Number(r.fired_at),
  };
}

/** Records a reminder unless its key was recorded before (by this node or another); true if new. */
export async function insertReminderOnce(db: Executor, r: StoredReminder): Promise<boolean> {
  const rows = await db
    .insertInto('reminders')
    .values({
      id: r.id,
      key: r.key,
      kind: r.kind,
      subject_type: r.subjectType,
      subject_id: r.subjectId,
      incident_id: r.incidentId,
      user_id: r.userId,
      due_at: r.dueAt,
      message: r.message,
      fired_at: r.firedAt,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function listReminders(
  db: Executor,
  f: { incidentId?: string; subjectId?: string; beforeId?: string; limit: number },
): Promise<{ items: StoredReminder[]; hasMore: boolean }> {
  let query = db.selectFrom('reminders').selectAll();
  if (f.incidentId !== undefined) query = query.where('incident_id', '=', f.incidentId);
  if (f.subjectId !== undefined) query = query.where('subject_id', '=', f.subjectId);
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const items = rows.slice(0, f.limit).map(toReminder);
  return { items, hasMore: rows.length > f.limit };
}

/** One reminder (what a `reminder` notification delivers), or null. */
export async function findReminder(db: Executor, id: string): Promise<StoredReminder | null> {
  const row = await db.selectFrom('reminders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toReminder(row) : null;
}
