import { deriveComponentStatus, overallStatus, type InternalIncidentImpact } from '../../domain/status/derive-component-status.js';
import { maintenanceState } from '../../domain/status/maintenance-state.js';
import type { SnapshotIncident, SnapshotMaintenance, StatusSnapshot } from '../../domain/status/snapshot.js';
import type { PeriodCounts } from '../../domain/monitors/stats.js';
import {
  DAY_MS,
  UPTIME_DAYS,
  incidentIntervals,
  monitorIntervals,
  uptimeBars,
  utcDayStart,
  type StatusInterval,
} from '../../domain/status/uptime-bars.js';
import { listStatusComponents, type StoredStatusComponent } from '../../store/status-components-repo.js';
import {
  listCurrentStatusIncidents,
  statusUpdatesOf,
  type StoredStatusIncident,
  type StoredStatusUpdate,
} from '../../store/status-incidents-repo.js';
import { listMaintenancesEndingSince, type StoredStatusMaintenance } from '../../store/status-maintenances-repo.js';
import { findStatusPage } from '../../store/status-pages-repo.js';
import { internalImpactsForServices, monitorSources, type MonitorSource } from '../../store/status-sources-repo.js';
import type { Context, Executor } from '../context.js';
import { statusNotFound } from './status-page-writes.js';

/** How long completed maintenance stays on the page. */
export const COMPLETED_MAINTENANCE_SHOWN_MS = 7 * DAY_MS;

interface Sources {
  components: StoredStatusComponent[];
  internal: InternalIncidentImpact[];
  /** Mapped monitors that still exist, by id. */
  monitors: Map<string, MonitorSource>;
  posts: StoredStatusIncident[];
  updates: Map<string, StoredStatusUpdate[]>;
  maintenances: StoredStatusMaintenance[];
}

/** The component's mapped monitors that still exist (a deleted one is ignored). */
function monitorsOf(component: StoredStatusComponent, s: Sources): MonitorSource[] {
  return component.monitorIds.flatMap((id) => s.monitors.get(id) ?? []);
}

/** The mapped monitors' day counts, by UTC day start (see uptime-bars.ts). */
function monitorDaysOf(monitors: readonly MonitorSource[]): Map<number, PeriodCounts[]> {
  const days = new Map<number, PeriodCounts[]>();
  for (const m of monitors) for (const [day, counts] of m.days) days.set(day, [...(days.get(day) ?? []), counts]);
  return days;
}

/** What a component showed over time: internal incidents, monitors' current spells, public posts and maintenance that began. */
function historyOf(component: StoredStatusComponent, s: Sources, now: number): StatusInterval[] {
  const intervals = s.internal.flatMap((i) => incidentIntervals(i, component.serviceIds, now));
  for (const m of monitorsOf(component, s)) intervals.push(...monitorIntervals(m, now));
  for (const post of s.posts) {
    const shown = post.components.find((c) => c.id === component.id);
    if (shown) intervals.push({ start: post.startedAt, end: post.resolvedAt ?? now, status: shown.status });
  }
  for (const m of s.maintenances) {
    if (m.componentIds.includes(component.id) && m.startsAt < now) {
      intervals.push({ start: m.startsAt, end: Math.min(m.endsAt, now), status: 'under_maintenance' });
    }
  }
  return intervals;
}

function snapshotComponent(component: StoredStatusComponent, s: Sources, now: number): StatusSnapshot['components'][number] {
  const monitors = monitorsOf(component, s);
  const status = deriveComponentStatus({
    serviceIds: component.serviceIds,
    monitors,
    incidents: s.internal,
    publicStatuses: s.posts
      .filter((p) => p.resolvedAt === null)
      .flatMap((p) => p.components.filter((c) => c.id === component.id).map((c) => c.status)),
    inMaintenance: s.maintenances.some((m) => m.componentIds.includes(component.id) && maintenanceState(m, now) === 'in_progress'),
    override: component.statusOverride,
  });
  const bars = uptimeBars(historyOf(component, s, now), { createdAt: component.createdAt, now, monitorDays: monitorDaysOf(monitors) });
  return {
    id: component.id,
    name: component.name,
    description: component.description,
    group: component.group,
    status,
    uptimeDays: bars.days,
    uptime90: bars.uptime90,
  };
}

function snapshotIncident(post: StoredStatusIncident, updates: StoredStatusUpdate[], existing: Set<string>): SnapshotIncident {
  return {
    id: post.id,
    title: post.title,
    impact: post.impact,
    stage: post.stage,
    componentIds: post.components.map((c) => c.id).filter((id) => existing.has(id)),
    startedAt: post.startedAt,
    resolvedAt: post.resolvedAt,
    updates: updates.map((u) => ({ id: u.id, stage: u.stage, body: u.body, at: u.createdAt })),
  };
}

function snapshotMaintenances(list: StoredStatusMaintenance[], existing: Set<string>, now: number): SnapshotMaintenance[] {
  const shown = list
    .map((m) => ({
      id: m.id,
      title: m.title,
      body: m.body,
      componentIds: m.componentIds.filter((id) => existing.has(id)),
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      state: maintenanceState(m, now),
    }))
    .filter((m) => m.state !== 'completed' || m.endsAt >= now - COMPLETED_MAINTENANCE_SHOWN_MS);
  const ahead = shown.filter((m) => m.state !== 'completed').sort((a, b) => a.startsAt - b.startsAt);
  const done = shown.filter((m) => m.state === 'completed').sort((a, b) => b.endsAt - a.endsAt);
  return [...ahead, ...done];
}

/**
 * Everything a public page shows, derived at `now`. The page (and its version) is read first: a
 * change committed while the rest is read shows up here and raises the version past this snapshot's,
 * so a reader polling versions rebuilds again. Internal incidents contribute only their lifecycle,
 * level and impacts (see store/status-sources-repo.ts); no title, service id or reason is copied.
 */
export async function buildStatusSnapshot(db: Executor, pageId: string, now: number): Promise<StatusSnapshot> {
  const page = await findStatusPage(db, { id: pageId });
  if (!page) throw statusNotFound('status page', pageId);
  const since = utcDayStart(now) - (UPTIME_DAYS - 1) * DAY_MS;
  const components = await listStatusComponents(db, pageId);
  const serviceIds = [...new Set(components.flatMap((c) => c.serviceIds))];
  const posts = await listCurrentStatusIncidents(db, pageId, since);
  const sources: Sources = {
    components,
    internal: await internalImpactsForServices(db, serviceIds, since),
    monitors: await monitorSources(db, [...new Set(components.flatMap((c) => c.monitorIds))], since),
    posts,
    updates: await statusUpdatesOf(
      db,
      posts.map((p) => p.id),
    ),
    maintenances: await listMaintenancesEndingSince(db, pageId, since),
  };
  const existing = new Set(components.map((c) => c.id));
  const shownComponents = components.map((c) => snapshotComponent(c, sources, now));
  const incidents = posts.map((p) => snapshotIncident(p, sources.updates.get(p.id) ?? [], existing));
  return {
    page: {
      id: page.id,
      slug: page.slug,
      name: page.name,
      description: page.description,
      defaultLocale: page.defaultLocale,
      branding: { logoUrl: page.branding.logoUrl, primaryColor: page.branding.primaryColor },
    },
    version: page.version,
    builtAt: now,
    overall: overallStatus(shownComponents.map((c) => c.status)),
    components: shownComponents,
    activeIncidents: incidents.filter((i) => i.resolvedAt === null),
    pastIncidents: incidents.filter((i) => i.resolvedAt !== null),
    maintenances: snapshotMaintenances(sources.maintenances, existing, now),
  };
}

/** The snapshot of a page now, for the admin API (the console previews what the public sees). */
export function readStatusSnapshot(ctx: Context, pageId: string): Promise<StatusSnapshot> {
  return buildStatusSnapshot(ctx.store.db, pageId, ctx.clock.now());
}
