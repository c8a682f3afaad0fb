import type { FieldIssue } from '../errors.js';
import type { ImpactType } from '../grading/policy.js';
import { drillScheduleIssues, type DrillSchedule } from './schedule.js';

/**
 * A drill (演练): a rehearsed failure. Its scenario names the components that "fail" and how; a run
 * injects those failures as marked signals through the real pipeline and measures the response.
 */
export interface Drill {
  id: string;
  name: string;
  /** Which components fail, and how (e.g. the facility `gz-1` with an `outage`). */
  scenario: ScenarioComponent[];
  /** What we expect to happen, to be confirmed or refuted by the run. */
  hypothesis: string | null;
  /** Who and what the drill may affect, in words (which teams are paged, which services "fail"). */
  blastRadius: string | null;
  participants: DrillParticipant[];
  /** null: run only on demand. */
  schedule: DrillSchedule | null;
  /** `paused`: the schedule does not fire (running it by hand still works). */
  status: DrillStatus;
  /** When the schedule next fires; null when it never will (no schedule, paused, a one-off that has fired). */
  nextRunAt: number | null;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface ScenarioComponent {
  serviceId: string;
  impact: ImpactType;
}

/** A person taking part, with their role in the drill in words ("commander", "observer", …). */
export interface DrillParticipant {
  userId: string;
  role: string;
}

export const DRILL_STATUSES = ['active', 'paused'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

export const MAX_SCENARIO_COMPONENTS = 50;
export const MAX_PARTICIPANTS = 100;
export const MAX_DRILL_TEXT = 20_000;

/**
 * What can be checked of a drill without the store: components listed twice, participants listed
 * twice, the schedule. `now` decides whether a one-off time is still ahead. Fields are named as in
 * the request body (`body.scenario[1].serviceId`).
 */
export function drillIssues(d: Pick<Drill, 'scenario' | 'participants' | 'schedule'>, now: number, scheduleChanged: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.scenario.length === 0) issues.push({ field: 'body.scenario', message: 'at least one component must fail' });
  const services = new Set<string>();
  d.scenario.forEach((c, i) => {
    if (services.has(c.serviceId)) issues.push({ field: `body.scenario[${i}].serviceId`, message: `"${c.serviceId}" is listed twice` });
    services.add(c.serviceId);
  });
  const people = new Set<string>();
  d.participants.forEach((p, i) => {
    if (people.has(p.userId)) issues.push({ field: `body.participants[${i}].userId`, message: `"${p.userId}" is listed twice` });
    people.add(p.userId);
  });
  if (d.schedule && scheduleChanged) issues.push(...drillScheduleIssues(d.schedule, now, 'body.schedule'));
  return issues;
}
