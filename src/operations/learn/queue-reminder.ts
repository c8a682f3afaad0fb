import { insertNotifications } from '../../store/notifications-repo.js';
import type { StoredReminder } from '../../store/reminders-repo.js';
import type { Deps, Executor } from '../context.js';
import { reminderRows } from '../paging/page-rows.js';
import { pagingDirectory } from '../paging/paging-directory.js';

/** What queuing a reminder did: whom it goes to, or why nobody is reminded (for the timeline). */
export type QueuedReminder = { queued: number; to: string } | { queued: 0; nobody: string };

const NO_ONE: Record<StoredReminder['subjectType'], string> = {
  postmortem: 'the postmortem has no owner',
  action_item: 'the action item has no owner',
  incident: 'the incident has no communications lead or commander',
};

/**
 * Queues a fired reminder for its person in the caller's transaction (the one that records the
 * reminder, so a reminder recorded is a reminder the pager will deliver, even across a crash):
 * one outbox row per contact method their rules use first. Nobody is reminded when the reminder
 * names no one, when the person is disabled or gone, or when it concerns no incident (an action
 * item filed on its own): outbox rows and messages are about an incident.
 */
export async function queueReminder(deps: Deps, db: Executor, reminder: StoredReminder): Promise<QueuedReminder> {
  if (reminder.userId === null) return { queued: 0, nobody: NO_ONE[reminder.subjectType] };
  if (reminder.incidentId === null) return { queued: 0, nobody: 'it concerns no incident' };
  const person = (await pagingDirectory(db).people([reminder.userId])).get(reminder.userId);
  if (!person) return { queued: 0, nobody: `user ${reminder.userId} no longer exists` };
  if (person.disabled) return { queued: 0, nobody: `${person.name} is disabled` };
  const rows = reminderRows(deps.ids, { id: reminder.id, incidentId: reminder.incidentId }, person, reminder.firedAt);
  await insertNotifications(db, rows);
  const via = [...new Set(rows.map((r) => r.channelKind))].join(', ');
  return { queued: rows.length, to: `${person.name} (${via})` };
}

/** The end of the reminder's timeline line: whom it goes to, or that nobody is reminded and why. */
export function queuedPhrase(q: QueuedReminder): string {
  return 'nobody' in q ? `nobody to remind: ${q.nobody}` : `reminding ${q.to}`;
}
