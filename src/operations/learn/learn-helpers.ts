import { SYSTEM_ACTOR } from '../../domain/actor.js';
import type { Level } from '../../domain/grading/policy.js';
import type { TimelineKind } from '../../domain/incident/timeline.js';
import { draftIncidentFacts, type IncidentFacts, type IncidentRecord } from '../../domain/learn/postmortem.js';
import type { ResponseProfile } from '../../domain/response/profiles.js';
import { zoneFormatter } from '../../domain/time/zone.js';
import { listAlerts } from '../../store/alerts-repo.js';
import { listTimeline, type StoredIncident } from '../../store/incidents-repo.js';
import { loadProfileOverrides } from '../../store/profiles-repo.js';
import { loadCatalog } from '../../store/services-repo.js';
import type { Context, Deps, Executor } from '../context.js';
import { appendTimeline, timelineEntry } from '../incidents/incident-helpers.js';

/** The level's response profile, read in the caller's transaction (an override, else the policy's). */
export async function profileIn(db: Executor, deps: Deps, level: Level): Promise<ResponseProfile> {
  return (await loadProfileOverrides(db)).get(level) ?? deps.policy.responseProfiles[level];
}

/** Every level's profile, read in the caller's transaction. */
export async function profilesIn(db: Executor, deps: Deps): Promise<Record<Level, ResponseProfile>> {
  const overrides = await loadProfileOverrides(db);
  const pick = (level: Level) => overrides.get(level) ?? deps.policy.responseProfiles[level];
  return { 1: pick(1), 2: pick(2), 3: pick(3), 4: pick(4) };
}

/** Fenghuo acting on its own (a draft made on resolve, a reminder). */
export function systemContext(deps: Deps): Context {
  return { ...deps, actor: SYSTEM_ACTOR, requestId: null };
}

/** A zone the settings hold; they only store valid ones, UTC is the fallback for a zone since removed. */
export function zoneOf(timeZone: string): Intl.DateTimeFormat {
  return zoneFormatter(timeZone) ?? (zoneFormatter('UTC') as Intl.DateTimeFormat);
}

export function incidentRecord(i: StoredIncident): IncidentRecord {
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    level: i.level,
    levelReasons: i.levelReasons,
    services: i.services,
    affected: i.facts.affected,
    usersAffected: i.facts.usersAffected ?? null,
    usersAffectedPct: i.facts.usersAffectedPct ?? null,
    scope: i.facts.scope ?? null,
    recordsExposed: i.facts.recordsExposed ?? null,
    drill: i.drill,
    startedAt: i.startedAt,
    createdAt: i.createdAt,
    acknowledgedAt: i.acknowledgedAt,
    mitigatedAt: i.mitigatedAt,
    resolvedAt: i.resolvedAt,
  };
}

/** The facts as the record states them now: the incident, its timeline, its alerts, service names. */
export async function liveFacts(db: Executor, incident: StoredIncident): Promise<IncidentFacts> {
  const [catalog, timeline, alerts] = await Promise.all([
    loadCatalog(db),
    listTimeline(db, incident.id),
    listAlerts(db, { incidentId: incident.id, limit: 1000 }),
  ]);
  return draftIncidentFacts(
    incidentRecord(incident),
    new Map(catalog.map((s) => [s.id, s.name])),
    timeline.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor.name, from: e.from, to: e.to, message: e.message })),
    alerts.items.map((a) => ({
      id: a.id,
      summary: a.summary,
      service: a.serviceId,
      status: a.status,
      firstAt: a.firstAt,
      resolvedAt: a.resolvedAt,
    })),
  );
}

/** One line on the incident's timeline about its postmortem or regulator report. */
export async function learnTimeline(
  ctx: Context,
  db: Executor,
  incidentId: string,
  kind: Extract<TimelineKind, 'postmortem' | 'regulator'>,
  values: { from?: string | null; to?: string | null; message: string },
): Promise<void> {
  await appendTimeline(db, [timelineEntry(ctx, incidentId, kind, values)]);
}
