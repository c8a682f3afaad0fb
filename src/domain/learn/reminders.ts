import { HOUR_MS, MINUTE_MS } from '../time/zone.js';

export const REMINDER_KINDS = [
  'postmortem.due_soon',
  'postmortem.overdue',
  'action_item.overdue',
  'regulator_report.half_time',
  'regulator_report.due_soon',
  'regulator_report.overdue',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** A point in time at which a reminder is owed. */
export interface ReminderThreshold {
  kind: ReminderKind;
  at: number;
}

/** A postmortem is reminded a day before it is due, and when it is overdue. */
export const POSTMORTEM_DUE_SOON_MS = 24 * HOUR_MS;
/** The regulator's clock is reminded half-way, ten minutes before the deadline, and at it. */
export const REGULATOR_DUE_SOON_MS = 10 * MINUTE_MS;

export function postmortemThresholds(dueAt: number): ReminderThreshold[] {
  return [
    { kind: 'postmortem.due_soon', at: dueAt - POSTMORTEM_DUE_SOON_MS },
    { kind: 'postmortem.overdue', at: dueAt },
  ];
}

export function regulatorThresholds(startsAt: number, dueAt: number): ReminderThreshold[] {
  const half = startsAt + Math.floor((dueAt - startsAt) / 2);
  const soon = dueAt - REGULATOR_DUE_SOON_MS;
  const list: ReminderThreshold[] = [{ kind: 'regulator_report.half_time', at: half }];
  // On a clock of 20 minutes or less, "10 minutes before" is no later than half-time: one is enough.
  if (soon > half) list.push({ kind: 'regulator_report.due_soon', at: soon });
  list.push({ kind: 'regulator_report.overdue', at: dueAt });
  return list;
}

/**
 * The one reminder owed now: the latest threshold passed. A sweep that comes late (a node was down)
 * sends "overdue", not a burst of every earlier reminder as well; each threshold's reminder is
 * recorded under its own key, so it is sent at most once.
 */
export function reminderDue(thresholds: readonly ReminderThreshold[], now: number): ReminderThreshold | null {
  let due: ReminderThreshold | null = null;
  for (const t of thresholds) if (t.at <= now && (due === null || t.at >= due.at)) due = t;
  return due;
}
