import type { ResponseProfile } from '../response/profiles.js';
import { MINUTE_MS } from '../time/zone.js';

export const REGULATOR_REPORT_KINDS = ['initial', 'final'] as const;
export type RegulatorReportKind = (typeof REGULATOR_REPORT_KINDS)[number];

/** The fields regulators' forms ask for; people write them (some are drafted for them). */
export const REGULATOR_TEXT_FIELDS = [
  'organisation',
  'contact',
  'location',
  'incidentType',
  'impact',
  'measuresTaken',
  'causeAnalysis',
  'nextSteps',
  // The final report adds these two.
  'summary',
  'correctiveMeasures',
] as const;
export type RegulatorTextField = (typeof REGULATOR_TEXT_FIELDS)[number];
export type RegulatorText = Record<RegulatorTextField, string | null>;

export type RegulatorClockStatus = 'not_required' | 'due' | 'sent';

/** The reporting clock of an incident: when the initial report is due and whether it went out. */
export interface RegulatorClock {
  required: boolean;
  startsAt: number | null;
  dueAt: number | null;
  status: RegulatorClockStatus;
  sentAt: number | null;
  /** Not sent and past the deadline (sent at the deadline is on time). */
  overdue: boolean;
  /** Sent, but after the deadline. */
  sentLate: boolean;
}

/**
 * The clock under the level's profile: it starts at detection (or the incident's start, per
 * `clockStartsAt`) and runs `dueMinutes`; sending the initial report stops it.
 */
export function regulatorClock(
  profile: ResponseProfile,
  incident: { createdAt: number; startedAt: number },
  initialSentAt: number | null,
  now: number,
): RegulatorClock {
  const { required, dueMinutes, clockStartsAt } = profile.regulatorReport;
  const startsAt = required ? (clockStartsAt === 'started' ? incident.startedAt : incident.createdAt) : null;
  const dueAt = startsAt !== null && dueMinutes !== null ? startsAt + dueMinutes * MINUTE_MS : null;
  const status: RegulatorClockStatus = initialSentAt !== null ? 'sent' : required ? 'due' : 'not_required';
  return {
    required,
    startsAt,
    dueAt,
    status,
    sentAt: initialSentAt,
    overdue: status === 'due' && dueAt !== null && now > dueAt,
    sentLate: initialSentAt !== null && dueAt !== null && initialSentAt > dueAt,
  };
}
