import { listReminders, type StoredReminder } from '../../store/reminders-repo.js';
import type { Context } from '../context.js';

/** Reminders fired, newest first. */
export function findReminders(
  ctx: Context,
  q: { incidentId?: string; subjectId?: string; beforeId?: string; limit: number },
): Promise<{ items: StoredReminder[]; hasMore: boolean }> {
  return listReminders(ctx.store.db, q);
}
