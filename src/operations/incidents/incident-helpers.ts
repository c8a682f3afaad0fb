import { FenghuoError } from '../../domain/errors.js';
import type { ImpactFacts } from '../../domain/grading/facts.js';
import { effectiveImpacts } from '../../domain/grading/facts.js';
import { gradeIncident, type GradeResult } from '../../domain/grading/grade-incident.js';
import type { TimelineEntry, TimelineKind } from '../../domain/incident/timeline.js';
import {
  findIncident,
  insertTimeline,
  updateIncidentIfVersion,
  type IncidentRef,
  type StoredIncident,
} from '../../store/incidents-repo.js';
import { loadCatalog } from '../../store/services-repo.js';
import type { Context, Deps, Executor } from '../context.js';
import { reactToIncidentChange } from './react-to-incident-change.js';

/** Grades facts against the live catalog; also returns every service the impact reaches. */
export async function gradeFacts(ctx: Context, db: Executor, facts: ImpactFacts): Promise<{ grade: GradeResult; services: string[] }> {
  const catalog = await loadCatalog(db);
  const grade = gradeIncident(facts, catalog, ctx.policy);
  const services = [...new Set(effectiveImpacts(facts, catalog, ctx.policy).map((e) => e.service.id))];
  return { grade, services };
}

export async function requireIncident(db: Executor, ref: IncidentRef): Promise<StoredIncident> {
  const incident = await findIncident(db, ref);
  if (!incident) {
    throw new FenghuoError('not_found', `incident ${'id' in ref ? `"${ref.id}"` : `#${ref.number}`} not found`);
  }
  return incident;
}

/**
 * Saves a changed incident under optimistic concurrency (a concurrent change wins, this one gets
 * 409) and lets paging and status pages react in the same transaction (an ack stops the escalation, …).
 */
export async function saveIncident(deps: Deps, db: Executor, before: StoredIncident, next: StoredIncident): Promise<StoredIncident> {
  const saved = { ...next, version: before.version + 1 };
  if (!(await updateIncidentIfVersion(db, saved, before.version))) {
    throw new FenghuoError('conflict', `incident #${before.number} was changed concurrently; reload and retry`);
  }
  await reactToIncidentChange(db, deps, before, saved);
  return saved;
}

export function timelineEntry(
  ctx: Context,
  incidentId: string,
  kind: TimelineKind,
  values: { from?: string | null; to?: string | null; message?: string | null },
): TimelineEntry {
  return {
    id: ctx.ids.newId(),
    incidentId,
    at: ctx.clock.now(),
    kind,
    actor: { type: ctx.actor.type, id: ctx.actor.id, name: ctx.actor.name },
    from: values.from ?? null,
    to: values.to ?? null,
    message: values.message ?? null,
  };
}

export async function appendTimeline(db: Executor, entries: TimelineEntry[]): Promise<void> {
  await insertTimeline(db, entries);
}

/** A compact, human-readable statement of facts for the timeline's before/after columns. */
export function describeFacts(facts: ImpactFacts): string {
  const parts = [facts.affected.map((a) => `${a.service}:${a.impact}`).join(',')];
  if (facts.usersAffectedPct != null) parts.push(`usersAffectedPct=${facts.usersAffectedPct}`);
  if (facts.usersAffected != null) parts.push(`usersAffected=${facts.usersAffected}`);
  if (facts.scope != null) parts.push(`scope=${facts.scope}`);
  if (facts.recordsExposed != null) parts.push(`recordsExposed=${facts.recordsExposed}`);
  return parts.join(' ');
}

export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}
