import { api } from './client';
import type { Alert, IncidentAction, IncidentDetail, IncidentPaging, Page, TimelineEntry } from './types';

export interface IncidentFilter {
  /** Comma-separated statuses, or `open` (triggered, acknowledged, mitigated). */
  status?: string;
  level?: string;
  service?: string;
  q?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

const path = (id: string | number, rest = '') => `/incidents/${encodeURIComponent(String(id))}${rest}`;

/** One keyset page, newest first; `nextCursor` continues it (never an offset). */
export const listIncidents = (filter: IncidentFilter, signal?: AbortSignal) =>
  api.get<Page<IncidentDetail>>('/incidents', { ...filter }, signal);

/** By id or by number. */
export const getIncident = (ref: string | number, signal?: AbortSignal) => api.get<IncidentDetail>(path(ref), undefined, signal);

export const getTimeline = (id: string, signal?: AbortSignal) => api.get<Page<TimelineEntry>>(path(id, '/timeline'), undefined, signal);
export const listUpdates = (id: string, signal?: AbortSignal) => api.get<Page<TimelineEntry>>(path(id, '/updates'), undefined, signal);
export const getIncidentAlerts = (id: string, signal?: AbortSignal) => api.get<Page<Alert>>(path(id, '/alerts'), undefined, signal);
export const getIncidentPaging = (id: string, signal?: AbortSignal) => api.get<IncidentPaging>(path(id, '/paging'), undefined, signal);

/** Lifecycle: 409 `invalid_transition` when the status does not allow it. */
export const runIncidentAction = (id: string, action: IncidentAction, note?: string) =>
  api.post<IncidentDetail>(path(id, `/${action}`), note ? { note } : {});

export const addIncidentUpdate = (id: string, message: string) => api.post<TimelineEntry>(path(id, '/updates'), { message });

/** Lowering (a larger number) needs a reason: 400 `reason_required` otherwise. */
export const setIncidentLevel = (id: string, level: number, reason: string | null) =>
  api.post<IncidentDetail>(path(id, '/level'), { level, reason });

/** A user id, `null` for nobody; a role left out keeps its holder. */
export const setIncidentRoles = (id: string, roles: { commander?: string | null; communications?: string | null }) =>
  api.put<IncidentDetail>(path(id, '/roles'), roles);
