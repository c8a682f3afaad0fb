import { maintenanceState } from '../domain/status/maintenance-state.js';
import type { SnapshotIncident, StatusSnapshot } from '../domain/status/snapshot.js';
import type { StatusIncidentWithUpdates } from '../operations/status/status-incident-input.js';
import type { StoredStatusComponent } from '../store/status-components-repo.js';
import type { StoredStatusMaintenance } from '../store/status-maintenances-repo.js';
import type { StoredStatusPage } from '../store/status-pages-repo.js';
import { iso, isoOrNull } from './presenters.js';

/** Status-page records as JSON: the stored shapes with ISO-8601 strings for instants. */
export const statusPageJson = (p: StoredStatusPage) => ({ ...p, createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt) });

export const statusComponentJson = (c: StoredStatusComponent) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) });

export function statusIncidentJson(i: StatusIncidentWithUpdates) {
  return {
    ...i,
    startedAt: iso(i.startedAt),
    resolvedAt: isoOrNull(i.resolvedAt),
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
    updates: i.updates.map((u) => ({ id: u.id, stage: u.stage, body: u.body, createdBy: u.createdBy, createdAt: iso(u.createdAt) })),
  };
}

export const statusMaintenanceJson = (m: StoredStatusMaintenance, now: number) => ({
  ...m,
  startsAt: iso(m.startsAt),
  endsAt: iso(m.endsAt),
  state: maintenanceState(m, now),
  createdAt: iso(m.createdAt),
  updatedAt: iso(m.updatedAt),
});

const snapshotIncidentJson = (i: SnapshotIncident) => ({
  ...i,
  startedAt: iso(i.startedAt),
  resolvedAt: isoOrNull(i.resolvedAt),
  updates: i.updates.map((u) => ({ ...u, at: iso(u.at) })),
});

/** The snapshot the renderers read, with ISO-8601 instants like the rest of the API. */
export function snapshotJson(s: StatusSnapshot) {
  return {
    ...s,
    builtAt: iso(s.builtAt),
    activeIncidents: s.activeIncidents.map(snapshotIncidentJson),
    pastIncidents: s.pastIncidents.map(snapshotIncidentJson),
    maintenances: s.maintenances.map((m) => ({ ...m, startsAt: iso(m.startsAt), endsAt: iso(m.endsAt) })),
  };
}
