import type { ComponentStatus, SnapshotIncident, StatusSnapshot } from '../domain/status/snapshot.js';

/**
 * `summary.json`, shaped after Statuspage's `/api/v2/summary.json` so existing clients and
 * widgets can read it. Field mapping from the snapshot:
 *
 *   page.id, page.name                 ← snapshot.page.id, .name
 *   page.url                           ← the page's public address, when known (options.url)
 *   page.updated_at                    ← snapshot.builtAt (ISO 8601)
 *   status.indicator                   ← the graver of: overall component status (degraded → minor,
 *                                        partial → major, major → critical, under_maintenance →
 *                                        maintenance) and the worst active incident's impact
 *   status.description                 ← Statuspage's wording for the indicator
 *   components[]                       ← snapshot.components: id, name, status (same five values as
 *                                        Statuspage), description, group (name or null), position,
 *                                        uptime_90d (0..1 or null; an extension)
 *   incidents[]                        ← activeIncidents: id, name ← title, status ← stage, impact,
 *                                        started_at, created_at ← startedAt, updated_at ← newest update,
 *                                        resolved_at, incident_updates[] (id, status ← stage, body,
 *                                        created_at/display_at ← at), components[] (id, name)
 *   scheduled_maintenances[]           ← maintenances not completed: id, name ← title, status
 *                                        (scheduled | in_progress), impact "maintenance",
 *                                        scheduled_for ← startsAt, scheduled_until ← endsAt, body, components[]
 */

export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

const FROM_STATUS: Record<ComponentStatus, Indicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

const RANK: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

const DESCRIPTION: Record<Indicator, string> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
};

/** The page's indicator: the graver of the component statuses and the open incidents' impact. */
export function indicatorOf(snapshot: StatusSnapshot): Indicator {
  let indicator = FROM_STATUS[snapshot.overall];
  for (const incident of snapshot.activeIncidents) {
    const fromImpact: Indicator = incident.impact;
    if (RANK[fromImpact] > RANK[indicator]) indicator = fromImpact;
  }
  return indicator;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function componentRefs(snapshot: StatusSnapshot, ids: string[]): Array<{ id: string; name: string }> {
  return ids.flatMap((id) => {
    const c = snapshot.components.find((x) => x.id === id);
    return c ? [{ id: c.id, name: c.name }] : [];
  });
}

function incidentJson(snapshot: StatusSnapshot, i: SnapshotIncident): Record<string, unknown> {
  const newest = i.updates[0]?.at ?? i.startedAt;
  return {
    id: i.id,
    name: i.title,
    status: i.stage,
    impact: i.impact,
    created_at: iso(i.startedAt),
    started_at: iso(i.startedAt),
    updated_at: iso(Math.max(newest, i.resolvedAt ?? 0)),
    resolved_at: i.resolvedAt === null ? null : iso(i.resolvedAt),
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.stage,
      body: u.body,
      created_at: iso(u.at),
      display_at: iso(u.at),
    })),
    components: componentRefs(snapshot, i.componentIds),
  };
}

/** The page as Statuspage-style summary JSON (see the field mapping above). */
export function renderSummaryJson(snapshot: StatusSnapshot, options: { url?: string } = {}): string {
  const indicator = indicatorOf(snapshot);
  const page: Record<string, unknown> = { id: snapshot.page.id, name: snapshot.page.name };
  if (options.url) page.url = options.url;
  page.time_zone = 'Etc/UTC';
  page.updated_at = iso(snapshot.builtAt);
  return JSON.stringify({
    page,
    status: { indicator, description: DESCRIPTION[indicator] },
    components: snapshot.components.map((c, position) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      description: c.description,
      group: c.group,
      position,
      uptime_90d: c.uptime90,
    })),
    incidents: snapshot.activeIncidents.map((i) => incidentJson(snapshot, i)),
    scheduled_maintenances: snapshot.maintenances
      .filter((m) => m.state !== 'completed')
      .map((m) => ({
        id: m.id,
        name: m.title,
        status: m.state,
        impact: 'maintenance',
        scheduled_for: iso(m.startsAt),
        scheduled_until: iso(m.endsAt),
        body: m.body,
        components: componentRefs(snapshot, m.componentIds),
      })),
  });
}
