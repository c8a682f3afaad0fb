import type { FieldIssue } from '../../domain/errors.js';
import { drillIssues, type Drill, type DrillParticipant, type DrillStatus, type ScenarioComponent } from '../../domain/drills/drill.js';
import { nextDrillRun, type DrillSchedule } from '../../domain/drills/schedule.js';
import { configSnapshot } from '../config-snapshot.js';
import type { Executor, Deps } from '../context.js';
import { unknownUsers } from '../oncall/references.js';

/** A drill as the API takes it (absent fields keep their value on a change). */
export interface DrillInput {
  name?: string;
  scenario?: ScenarioComponent[];
  hypothesis?: string | null;
  blastRadius?: string | null;
  participants?: DrillParticipant[];
  schedule?: DrillSchedule | null;
  status?: DrillStatus;
}

/** Every problem with a drill about to be written, each naming its field: the pure checks, unknown services and people. */
export async function drillInputIssues(db: Executor, deps: Deps, drill: Drill, input: DrillInput, now: number): Promise<FieldIssue[]> {
  const issues = drillIssues(drill, now, input.schedule !== undefined);
  if (input.scenario !== undefined) {
    const catalog = await configSnapshot(db, deps);
    drill.scenario.forEach((c, i) => {
      if (!catalog.service(c.serviceId))
        issues.push({ field: `body.scenario[${i}].serviceId`, message: `unknown service "${c.serviceId}"` });
    });
  }
  if (input.participants !== undefined) {
    issues.push(
      ...(await unknownUsers(
        db,
        drill.participants.map((p, i) => ({ id: p.userId, field: `body.participants[${i}].userId` })),
      )),
    );
  }
  return issues;
}

/** When an active drill's schedule next fires from `now` on; null for a paused or unscheduled one. */
export function nextRunFor(drill: Pick<Drill, 'schedule' | 'status'>, now: number): number | null {
  if (drill.status !== 'active' || drill.schedule === null) return null;
  // A one-off exactly at `now` is still due: look from just before it.
  return nextDrillRun(drill.schedule, now - 1);
}

/** Text fields as stored: trimmed, empty → null. */
export function text(value: string | null | undefined, before: string | null): string | null {
  if (value === undefined) return before;
  return value?.trim() || null;
}
