export const PAGE_TARGETS = ['on-call', 'escalation-policy', 'team-channel', 'leadership', 'incident-commander'] as const;
export type PageTarget = (typeof PAGE_TARGETS)[number];

/** What a level obliges the organisation to do, and how fast. */
export interface ResponseProfile {
  /** Minutes from trigger to acknowledgement (null: no target). */
  ackTargetMinutes: number | null;
  /**
   * Minutes an acknowledgement holds the escalation without the incident being mitigated or
   * resolved; then paging resumes from the current step (null or absent: an ack holds for good).
   */
  ackTimeoutMinutes?: number | null;
  /** Who is notified when an incident reaches this level. */
  page: PageTarget[];
  /** Escalation step to start at (1 = first step). */
  escalationStartStep: number;
  /** Minutes between status updates while open (null: no cadence). */
  updateCadenceMinutes: number | null;
  statusPageUpdateRequired: boolean;
  postmortem: { required: boolean; dueWorkingDays: number | null };
  regulatorReport: { required: boolean; dueMinutes: number | null; clockStartsAt: 'detected' | 'started' };
}

/** Defaults; organisations tune them in the policy file or through the API. */
export const DEFAULT_RESPONSE_PROFILES: Record<1 | 2 | 3 | 4, ResponseProfile> = {
  1: {
    ackTargetMinutes: 5,
    ackTimeoutMinutes: 30,
    page: ['on-call', 'escalation-policy', 'leadership', 'incident-commander'],
    escalationStartStep: 2,
    updateCadenceMinutes: 30,
    statusPageUpdateRequired: true,
    postmortem: { required: true, dueWorkingDays: 5 },
    // One hour is the clock for critical-information-infrastructure operators; others may set 240.
    regulatorReport: { required: true, dueMinutes: 60, clockStartsAt: 'detected' },
  },
  2: {
    ackTargetMinutes: 15,
    ackTimeoutMinutes: 30,
    page: ['on-call', 'escalation-policy'],
    escalationStartStep: 1,
    updateCadenceMinutes: 60,
    statusPageUpdateRequired: true,
    postmortem: { required: true, dueWorkingDays: 5 },
    regulatorReport: { required: false, dueMinutes: null, clockStartsAt: 'detected' },
  },
  3: {
    ackTargetMinutes: 60,
    ackTimeoutMinutes: 60,
    page: ['on-call'],
    escalationStartStep: 1,
    updateCadenceMinutes: 240,
    statusPageUpdateRequired: false,
    postmortem: { required: false, dueWorkingDays: null },
    regulatorReport: { required: false, dueMinutes: null, clockStartsAt: 'detected' },
  },
  4: {
    ackTargetMinutes: null,
    ackTimeoutMinutes: null,
    page: ['team-channel'],
    escalationStartStep: 1,
    updateCadenceMinutes: null,
    statusPageUpdateRequired: false,
    postmortem: { required: false, dueWorkingDays: null },
    regulatorReport: { required: false, dueMinutes: null, clockStartsAt: 'detected' },
  },
};

export interface ResponseDeadlines {
  ackDueAt: number | null;
  regulatorReportDueAt: number | null;
}

/** Deadlines an incident owes under its level's profile (times in epoch ms). */
export function responseDeadlines(profile: ResponseProfile, times: { triggeredAt: number; startedAt: number }): ResponseDeadlines {
  const minutes = 60_000;
  const reportClock = profile.regulatorReport.clockStartsAt === 'started' ? times.startedAt : times.triggeredAt;
  return {
    ackDueAt: profile.ackTargetMinutes === null ? null : times.triggeredAt + profile.ackTargetMinutes * minutes,
    regulatorReportDueAt:
      profile.regulatorReport.required && profile.regulatorReport.dueMinutes !== null
        ? reportClock + profile.regulatorReport.dueMinutes * minutes
        : null,
  };
}
