import type { Actor } from '../actor.js';

export const TIMELINE_KINDS = ['created', 'status', 'level', 'facts', 'note', 'paging', 'role', 'postmortem', 'regulator'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One line of an incident's timeline: who, when, what, and the before/after values. */
export interface TimelineEntry {
  id: string;
  incidentId: string;
  at: number;
  kind: TimelineKind;
  actor: Pick<Actor, 'type' | 'id' | 'name'>;
  from: string | null;
  to: string | null;
  message: string | null;
}
