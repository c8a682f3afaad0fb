import { api } from './client';
import { isApiError } from './errors';
import type {
  CheckNowResult,
  CheckResultRow,
  CreatedMonitor,
  Monitor,
  MonitorDetail,
  MonitorInput,
  MonitorListItem,
  Page,
  Rollup,
} from './types';

const PAGE = 1000;
const MAX_PAGES = 10;

/**
 * Monitors that are down. Uses the server's `state` filter; a server without it rejects the unknown
 * query parameter (400), and then the list is read page by page and filtered here.
 */
export async function listDownMonitors(signal?: AbortSignal): Promise<Monitor[]> {
  try {
    const page = await api.get<Page<Monitor>>('/monitors', { state: 'down', limit: PAGE }, signal);
    return page.items.filter((m) => m.state === 'down');
  } catch (err) {
    if (!isApiError(err) || err.status !== 400) throw err;
  }
  const down: Monitor[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<Monitor> = await api.get<Page<Monitor>>('/monitors', { limit: PAGE, cursor }, signal);
    down.push(...page.items.filter((m) => m.state === 'down'));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return down;
}

const seg = encodeURIComponent;
/** The server answers up to 10,000 monitors a page: usually one request for the whole list. */
const FULL_PAGE = 10_000;

/** Every monitor (of a service, when given), following the cursor if there are more than a page. */
export async function listAllMonitors(serviceId: string | null, signal?: AbortSignal): Promise<MonitorListItem[]> {
  const all: MonitorListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<MonitorListItem> = await api.get<Page<MonitorListItem>>('/monitors', { limit: FULL_PAGE, cursor, serviceId }, signal);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** How many monitors the first, quick answer carries besides those in trouble. */
const FIRST_PAGE = 200;

/** The two small requests of `listFirstMonitors`: those in trouble, and the first page. */
export function firstMonitorQueries(serviceId: string | null) {
  return [
    { state: 'down,degraded', limit: FULL_PAGE, serviceId },
    { limit: FIRST_PAGE, serviceId },
  ] as const;
}

/**
 * What the list can show at once, before the whole list has arrived: every monitor that is down or
 * degraded (they sort first) and the first page of the rest. Two small requests, in parallel.
 */
export async function listFirstMonitors(serviceId: string | null, signal?: AbortSignal): Promise<MonitorListItem[]> {
  const [troubleQuery, firstQuery] = firstMonitorQueries(serviceId);
  const [trouble, first] = await Promise.all([
    api.get<Page<MonitorListItem>>('/monitors', troubleQuery, signal),
    api.get<Page<MonitorListItem>>('/monitors', firstQuery, signal),
  ]);
  const seen = new Set(trouble.items.map((m) => m.id));
  return [...trouble.items, ...first.items.filter((m) => !seen.has(m.id))];
}

export const getMonitor = (id: string, signal?: AbortSignal) => api.get<MonitorDetail>(`/monitors/${seg(id)}`, undefined, signal);
export const createMonitor = (input: MonitorInput) => api.post<CreatedMonitor>('/monitors', input);
export const updateMonitor = (id: string, changes: Partial<Omit<MonitorInput, 'kind'>>) =>
  api.patch<MonitorDetail>(`/monitors/${seg(id)}`, changes);
export const deleteMonitor = (id: string) => api.delete<undefined>(`/monitors/${seg(id)}`);
export const pauseMonitor = (id: string) => api.post<MonitorDetail>(`/monitors/${seg(id)}/pause`);
export const resumeMonitor = (id: string) => api.post<MonitorDetail>(`/monitors/${seg(id)}/resume`);
export const checkMonitor = (id: string) => api.post<CheckNowResult>(`/monitors/${seg(id)}/check`);
export const newPushToken = (id: string) => api.post<{ pushToken: string; pushUrl: string }>(`/monitors/${seg(id)}/push-token`);

export const monitorResults = (id: string, before: string | null, limit: number, signal?: AbortSignal) =>
  api.get<{ items: CheckResultRow[] }>(`/monitors/${seg(id)}/results`, { before, limit }, signal);

export type Grain = 'minute' | 'hour' | 'day';
export const monitorRollups = (id: string, grain: Grain, from: Date, signal?: AbortSignal) =>
  api.get<{ items: Rollup[] }>(`/monitors/${seg(id)}/rollups`, { grain, from: from.toISOString() }, signal);
