import { api } from './client';
import type { Page, Service, ServiceInput } from './types';

const seg = encodeURIComponent;
export const SERVICE_PAGE = 200; // the API's largest page
const MAX_PAGES = 50;

export const listServicesPage = (cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<Service>>('/services', { limit: SERVICE_PAGE, cursor }, signal);

/** The whole catalog (the graph needs every edge), page by page. */
export async function listAllServices(signal?: AbortSignal): Promise<Service[]> {
  const all: Service[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<Service> = await listServicesPage(cursor, signal);
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}

export const getService = (id: string, signal?: AbortSignal) => api.get<Service>(`/services/${seg(id)}`, undefined, signal);
export const createService = (input: ServiceInput) => api.post<Service>('/services', input);
export const updateService = (id: string, changes: Partial<Omit<ServiceInput, 'id'>>) =>
  api.patch<Service>(`/services/${seg(id)}`, changes);
export const deleteService = (id: string) => api.delete<undefined>(`/services/${seg(id)}`);
