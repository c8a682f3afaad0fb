import { FenghuoError } from '../errors.js';
import type { GradeReason } from '../grading/grade-incident.js';
import type { Level } from '../grading/policy.js';

export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const POSTMORTEM_ACTIONS = ['submit', 'return', 'publish'] as const;
export type PostmortemAction = (typeof POSTMORTEM_ACTIONS)[number];

/** What people write; each is Markdown text or null (not written yet). */
export const POSTMORTEM_TEXT_FIELDS = [
  'summary',
  'impact',
  'rootCause',
  'contributingFactors',
  'wentWell',
  'wentBadly',
  'accountability',
] as const;
export type PostmortemTextField = (typeof POSTMORTEM_TEXT_FIELDS)[number];
export type PostmortemText = Record<PostmortemTextField, string | null>;

const NEXT: Record<PostmortemAction, { from: PostmortemStatus; to: PostmortemStatus }> = {
  submit: { from: 'draft', to: 'in_review' },
  return: { from: 'in_review', to: 'draft' },
  publish: { from: 'in_review', to: 'published' },
};

/** The review flow: draft → in_review → published, or back to draft from review. */
export function transitionPostmortem(status: PostmortemStatus, action: PostmortemAction): PostmortemStatus {
  const step = NEXT[action];
  if (status !== step.from) {
    throw new FenghuoError('invalid_transition', `cannot ${action} a postmortem that is ${status.replace('_', ' ')}`);
  }
  return step.to;
}

/** A published postmortem is the record: it no longer changes (its action items still do). */
export function assertEditable(status: PostmortemStatus): void {
  if (status === 'published') throw new FenghuoError('invalid_transition', 'a published postmortem cannot be changed');
}

/** The incident as a postmortem reads it (plain data, no store types). */
export interface IncidentRecord {
  id: string;
  number: number;
  title: string;
  level: Level;
  levelReasons: GradeReason[];
  services: string[];
  affected: Array<{ service: string; impact: string }>;
  usersAffected: number | null;
  usersAffectedPct: number | null;
  scope: string | null;
  recordsExposed: number | null;
  drill: boolean;
  startedAt: number;
  createdAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

export interface FactTimelineLine {
  at: number;
  kind: string;
  actor: string;
  from: string | null;
  to: string | null;
  message: string | null;
}

export interface FactAlert {
  id: string;
  summary: string;
  service: string | null;
  status: string;
  firstAt: number;
  resolvedAt: number | null;
}

/** What a postmortem states from the record rather than from people: drafted, never typed in. */
export interface IncidentFacts {
  incident: { id: string; number: number; title: string; drill: boolean };
  level: Level;
  levelReasons: GradeReason[];
  startedAt: number;
  detectedAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  /** Start to resolution (null while open), and start to detection, in ms. */
  durationMs: number | null;
  timeToDetectMs: number;
  services: Array<{ id: string; name: string; impact: string | null }>;
  usersAffected: number | null;
  usersAffectedPct: number | null;
  scope: string | null;
  recordsExposed: number | null;
  timeline: FactTimelineLine[];
  alerts: FactAlert[];
}

/** Drafts the facts of a postmortem (or a regulator report) from the incident and what it links to. */
export function draftIncidentFacts(
  incident: IncidentRecord,
  serviceNames: ReadonlyMap<string, string>,
  timeline: readonly FactTimelineLine[],
  alerts: readonly FactAlert[],
): IncidentFacts {
  const impactOf = new Map(incident.affected.map((a) => [a.service, a.impact]));
  return {
    incident: { id: incident.id, number: incident.number, title: incident.title, drill: incident.drill },
    level: incident.level,
    levelReasons: incident.levelReasons,
    startedAt: incident.startedAt,
    detectedAt: incident.createdAt,
    acknowledgedAt: incident.acknowledgedAt,
    mitigatedAt: incident.mitigatedAt,
    resolvedAt: incident.resolvedAt,
    durationMs: incident.resolvedAt === null ? null : incident.resolvedAt - incident.startedAt,
    timeToDetectMs: incident.createdAt - incident.startedAt,
    services: incident.services.map((id) => ({ id, name: serviceNames.get(id) ?? id, impact: impactOf.get(id) ?? null })),
    usersAffected: incident.usersAffected,
    usersAffectedPct: incident.usersAffectedPct,
    scope: incident.scope,
    recordsExposed: incident.recordsExposed,
    timeline: [...timeline].sort((a, b) => a.at - b.at),
    alerts: [...alerts].sort((a, b) => a.firstAt - b.firstAt),
  };
}
