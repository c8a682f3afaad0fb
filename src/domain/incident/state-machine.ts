import { FenghuoError } from '../errors.js';

export const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'mitigated', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_ACTIONS = ['acknowledge', 'mitigate', 'resolve', 'reopen'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export interface IncidentLifecycle {
  status: IncidentStatus;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

const ALLOWED_FROM: Record<IncidentAction, readonly IncidentStatus[]> = {
  acknowledge: ['triggered'],
  mitigate: ['triggered', 'acknowledged'],
  resolve: ['triggered', 'acknowledged', 'mitigated'],
  reopen: ['mitigated', 'resolved'],
};

/** The statuses an action may start from (for error messages and the API description). */
export function allowedFrom(action: IncidentAction): readonly IncidentStatus[] {
  return ALLOWED_FROM[action];
}

/**
 * Applies a lifecycle action at time `at`. Mitigating an unacknowledged incident also
 * acknowledges it (someone clearly responded); reopening clears the times, which the
 * timeline keeps. Throws `invalid_transition` for anything else.
 */
export function transitionIncident(state: IncidentLifecycle, action: IncidentAction, at: number): IncidentLifecycle {
  if (!ALLOWED_FROM[action].includes(state.status)) {
    throw new FenghuoError(
      'invalid_transition',
      `cannot ${action} an incident that is ${state.status} (allowed from: ${ALLOWED_FROM[action].join(', ')})`,
    );
  }
  switch (action) {
    case 'acknowledge':
      return { ...state, status: 'acknowledged', acknowledgedAt: at };
    case 'mitigate':
      return { ...state, status: 'mitigated', acknowledgedAt: state.acknowledgedAt ?? at, mitigatedAt: at };
    case 'resolve':
      return { ...state, status: 'resolved', mitigatedAt: state.mitigatedAt ?? at, resolvedAt: at };
    case 'reopen':
      return { status: 'triggered', acknowledgedAt: null, mitigatedAt: null, resolvedAt: null };
  }
}

/**
 * An acknowledgement that held too long without mitigation (the level's ack timeout): the
 * incident is triggered again, as PagerDuty does, and paging resumes.
 */
export function expireAcknowledgement(state: IncidentLifecycle): IncidentLifecycle {
  if (state.status !== 'acknowledged') {
    throw new FenghuoError('invalid_transition', `only an acknowledged incident's acknowledgement can expire (it is ${state.status})`);
  }
  return { ...state, status: 'triggered', acknowledgedAt: null };
}

export function isOpen(status: IncidentStatus): boolean {
  return status !== 'resolved';
}
