import { LEVELS } from '../../domain/grading/policy.js';
import { regulatorClock } from '../../domain/learn/regulator-report.js';
import {
  POSTMORTEM_DUE_SOON_MS,
  postmortemThresholds,
  regulatorThresholds,
  reminderDue,
  type ReminderKind,
} from '../../domain/learn/reminders.js';
import { DAY_MS } from '../../domain/time/zone.js';
import { listActionItems } from '../../store/action-items-repo.js';
import { unpublishedDueBefore } from '../../store/postmortems-repo.js';
import { incidentsAwaitingInitialReport } from '../../store/regulator-reports-repo.js';
import { insertReminderOnce, type StoredReminder } from '../../store/reminders-repo.js';
import { audit } from '../audit.js';
import type { Deps } from '../context.js';
import { learnTimeline, profilesIn, systemContext } from './learn-helpers.js';
import { queuedPhrase, queueReminder } from './queue-reminder.js';

/** Regulator clocks of incidents detected longer ago than this are not swept (an upgrade stays quiet). */
const REGULATOR_HORIZON_MS = 7 * DAY_MS;
/** Overdue action items handled per sweep; the rest wait for the next one. */
const ITEMS_PER_SWEEP = 500;

type Owed = Omit<StoredReminder, 'id' | 'key' | 'firedAt'>;

const iso = (ms: number) => new Date(ms).toISOString();

const MESSAGES: Record<ReminderKind, (dueAt: number, what: string) => string> = {
  'postmortem.due_soon': (due) => `reminder: the postmortem is due within a day (${iso(due)})`,
  'postmortem.overdue': (due) => `reminder: the postmortem is overdue (was due ${iso(due)})`,
  'action_item.overdue': (_due, title) => `reminder: action item overdue: ${title}`,
  'regulator_report.half_time': (due) => `reminder: half the regulator's reporting time has passed; the initial report is due ${iso(due)}`,
  'regulator_report.due_soon': (due) => `reminder: the initial regulator report is due in 10 minutes (${iso(due)})`,
  'regulator_report.overdue': (due) => `reminder: the initial regulator report is overdue (was due ${iso(due)})`,
};

/**
 * Fires one reminder: recorded under its key (so of two nodes sweeping at once, one fires it),
 * queued in the outbox for its person, on the incident's timeline, and in the audit log, in one
 * transaction. True if it was new.
 */
async function fire(deps: Deps, owed: Owed, threshold: number): Promise<boolean> {
  const ctx = systemContext(deps);
  return deps.store.db.transaction().execute(async (trx) => {
    const reminder: StoredReminder = {
      ...owed,
      id: ctx.ids.newId(),
      key: `${owed.kind}:${owed.subjectId}:${threshold}`,
      firedAt: ctx.clock.now(),
    };
    if (!(await insertReminderOnce(trx, reminder))) return false;
    const queued = await queueReminder(deps, trx, reminder);
    const kind = owed.kind.startsWith('regulator') ? 'regulator' : 'postmortem';
    if (owed.incidentId) {
      await learnTimeline(ctx, trx, owed.incidentId, kind, { message: `${owed.message}; ${queuedPhrase(queued)}` });
    }
    await audit(
      ctx,
      trx,
      'reminder.fire',
      { type: owed.subjectType, id: owed.subjectId },
      { after: { kind: owed.kind, key: reminder.key, userId: owed.userId, notifications: queued.queued } },
    );
    return true;
  });
}

/**
 * Looks for deadlines that owe a reminder and fires each once: postmortems due within a day or
 * overdue, overdue action items, and regulator clocks at half-time, 10 minutes before and past the
 * deadline. Safe to run on every node, as often as wanted: a reminder and its outbox rows are
 * written together, by whichever node records it first. Returns how many it fired.
 */
export async function sweepReminders(deps: Deps): Promise<number> {
  const db = deps.store.db;
  const now = deps.clock.now();
  let fired = 0;

  for (const p of await unpublishedDueBefore(db, now + POSTMORTEM_DUE_SOON_MS)) {
    const due = p.dueAt === null ? null : reminderDue(postmortemThresholds(p.dueAt), now);
    if (!due || p.dueAt === null) continue;
    const owed: Owed = {
      kind: due.kind,
      subjectType: 'postmortem',
      subjectId: p.id,
      incidentId: p.incidentId,
      userId: p.ownerId,
      dueAt: p.dueAt,
      message: MESSAGES[due.kind](p.dueAt, ''),
    };
    if (await fire(deps, owed, due.at)) fired++;
  }

  const { items } = await listActionItems(db, { overdueAt: now, limit: ITEMS_PER_SWEEP });
  for (const item of items) {
    const kind = 'action_item.overdue';
    const owed: Owed = {
      kind,
      subjectType: 'action_item',
      subjectId: item.id,
      incidentId: item.incidentId,
      userId: item.ownerId,
      dueAt: item.dueAt,
      message: MESSAGES[kind](item.dueAt, item.title),
    };
    if (await fire(deps, owed, item.dueAt)) fired++;
  }

  const profiles = await profilesIn(db, deps);
  const levels = LEVELS.filter((l) => profiles[l].regulatorReport.required && profiles[l].regulatorReport.dueMinutes !== null);
  for (const incident of await incidentsAwaitingInitialReport(db, levels, now - REGULATOR_HORIZON_MS)) {
    const clock = regulatorClock(profiles[incident.level as keyof typeof profiles], incident, null, now);
    if (clock.startsAt === null || clock.dueAt === null) continue;
    const due = reminderDue(regulatorThresholds(clock.startsAt, clock.dueAt), now);
    if (!due) continue;
    const owed: Owed = {
      kind: due.kind,
      subjectType: 'incident',
      subjectId: incident.id,
      incidentId: incident.id,
      userId: incident.responsibleId,
      dueAt: clock.dueAt,
      message: MESSAGES[due.kind](clock.dueAt, ''),
    };
    if (await fire(deps, owed, due.at)) fired++;
  }
  // The rows are due now: the worker sends them without waiting for its next poll.
  if (fired > 0) void deps.wakePaging?.();
  return fired;
}
