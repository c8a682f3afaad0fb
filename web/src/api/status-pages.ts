// Public status pages (docs/api.md "Status pages"): the pages, their components, public incident
// posts with their updates, scheduled maintenance, and the snapshot of what the public sees.
import { api } from './client';
import type {
  Page,
  StatusComponent,
  StatusComponentInput,
  StatusIncident,
  StatusIncidentInput,
  StatusMaintenance,
  StatusMaintenanceInput,
  StatusPage,
  StatusPageInput,
  StatusSnapshot,
  StatusUpdateInput,
} from './types';

const seg = encodeURIComponent;
const one = (id: string, rest = '') => `/status-pages/${seg(id)}${rest}`;

export const listStatusPages = (signal?: AbortSignal) => api.get<Page<StatusPage>>('/status-pages', undefined, signal);
export const getStatusPage = (id: string, signal?: AbortSignal) => api.get<StatusPage>(one(id), undefined, signal);
export const createStatusPage = (input: StatusPageInput) => api.post<StatusPage>('/status-pages', input);
export const updateStatusPage = (id: string, changes: Partial<StatusPageInput>) => api.patch<StatusPage>(one(id), changes);
export const deleteStatusPage = (id: string) => api.delete<undefined>(one(id));
export const getStatusSnapshot = (id: string, signal?: AbortSignal) => api.get<StatusSnapshot>(one(id, '/snapshot'), undefined, signal);

export const listStatusComponents = (pageId: string, signal?: AbortSignal) =>
  api.get<Page<StatusComponent>>(one(pageId, '/components'), undefined, signal);
export const createStatusComponent = (pageId: string, input: StatusComponentInput) =>
  api.post<StatusComponent>(one(pageId, '/components'), input);
export const updateStatusComponent = (pageId: string, componentId: string, changes: Partial<StatusComponentInput>) =>
  api.patch<StatusComponent>(one(pageId, `/components/${seg(componentId)}`), changes);
export const deleteStatusComponent = (pageId: string, componentId: string) =>
  api.delete<undefined>(one(pageId, `/components/${seg(componentId)}`));

/** Newest first; `limit` is at most 200. */
export const listStatusIncidents = (pageId: string, limit: number, signal?: AbortSignal) =>
  api.get<Page<StatusIncident>>(one(pageId, '/incidents'), { limit }, signal);
export const createStatusIncident = (pageId: string, input: StatusIncidentInput) =>
  api.post<StatusIncident>(one(pageId, '/incidents'), input);
/** Stages only move forward (409 `invalid_transition`); any stage but `resolved` reopens a resolved post. */
export const addStatusUpdate = (pageId: string, postId: string, input: StatusUpdateInput) =>
  api.post<StatusIncident>(one(pageId, `/incidents/${seg(postId)}/updates`), input);

/** Newest first, each with its `state` by the server's clock. */
export const listStatusMaintenances = (pageId: string, limit: number, signal?: AbortSignal) =>
  api.get<Page<StatusMaintenance>>(one(pageId, '/maintenances'), { limit }, signal);
export const createStatusMaintenance = (pageId: string, input: StatusMaintenanceInput) =>
  api.post<StatusMaintenance>(one(pageId, '/maintenances'), input);
export const deleteStatusMaintenance = (pageId: string, maintenanceId: string) =>
  api.delete<undefined>(one(pageId, `/maintenances/${seg(maintenanceId)}`));

/** Where the public reads the page (served by the same server, no sign-in, no script). */
export const publicPathOf = (slug: string) => `/status/${seg(slug)}`;
