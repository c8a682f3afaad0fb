import type { TimelineEntry, TimelineKind } from '../../domain/incident/timeline.js';
import {
  countOpenByLevel,
  listIncidents as queryIncidents,
  listTimeline,
  type IncidentFilter,
  type IncidentRef,
  type StoredIncident,
} from '../../store/incidents-repo.js';
import type { Context, Deps } from '../context.js';
import { requireIncident } from './incident-helpers.js';

export function getIncident(ctx: Context, ref: IncidentRef): Promise<StoredIncident> {
  return requireIncident(ctx.store.db, ref);
}

export function listIncidents(ctx: Context, filter: IncidentFilter): Promise<{ items: StoredIncident[]; hasMore: boolean }> {
  return queryIncidents(ctx.store.db, filter);
}

export async function getIncidentTimeline(ctx: Context, ref: IncidentRef, kinds?: TimelineKind[]): Promise<TimelineEntry[]> {
  const incident = await requireIncident(ctx.store.db, ref);
  return listTimeline(ctx.store.db, incident.id, kinds);
}

export function countOpenIncidents(deps: Deps): Promise<Map<number, number>> {
  return countOpenByLevel(deps.store.db);
}
