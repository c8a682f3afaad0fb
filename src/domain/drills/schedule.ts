import type { FieldIssue } from '../errors.js';
import { cronExpressionError, isValidTimeZone, nextWindowStart } from '../suppression/maintenance.js';

/** When a drill runs by itself: once at `at` (epoch ms), or at every `cron` time in `timeZone`. */
export type DrillSchedule = { at: number } | { cron: string; timeZone: string };

/** Problems with a schedule as submitted, each at its field under `prefix`. */
export function drillScheduleIssues(schedule: DrillSchedule, now: number, prefix: string): FieldIssue[] {
  if ('at' in schedule) {
    return schedule.at > now ? [] : [{ field: `${prefix}.at`, message: 'must be in the future' }];
  }
  const issues: FieldIssue[] = [];
  const cronError = cronExpressionError(schedule.cron);
  if (cronError !== null) issues.push({ field: `${prefix}.cron`, message: cronError });
  if (!isValidTimeZone(schedule.timeZone)) {
    issues.push({
      field: `${prefix}.timeZone`,
      message: `unknown time zone "${schedule.timeZone}": use an IANA name such as Asia/Shanghai`,
    });
  }
  return issues;
}

/**
 * When the schedule next fires strictly after `after`, or null when it never will (a one-off time
 * already passed). Cron times are wall-clock times in the schedule's zone, with the DST rule of
 * maintenance windows and on-call schedules (a time skipped in spring fires an hour later that day;
 * one that occurs twice in autumn fires once, the first time).
 */
export function nextDrillRun(schedule: DrillSchedule, after: number): number | null {
  if ('at' in schedule) return schedule.at > after ? schedule.at : null;
  // A recurring maintenance window's starts are exactly the cron's instants; its duration is irrelevant here.
  return nextWindowStart(
    {
      id: '',
      serviceIds: [],
      startsAt: null,
      endsAt: null,
      cron: schedule.cron,
      durationMinutes: 1,
      timeZone: schedule.timeZone,
      comment: '',
    },
    after,
  );
}
