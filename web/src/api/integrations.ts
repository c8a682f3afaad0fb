import { api } from './client';
import type { Integration, IntegrationKind, IntegrationWithKey, Page, ServiceOption } from './types';

const one = (id: string) => `/integrations/${encodeURIComponent(id)}`;

export interface CreateIntegrationInput {
  name: string;
  kind: Exclude<IntegrationKind, 'monitor'>;
  serviceId?: string | null;
  signingSecret?: string | null;
  settings?: { heartbeat?: { intervalSeconds: number; graceSeconds: number } };
}

export const listIntegrations = (signal?: AbortSignal) => api.get<Page<Integration>>('/integrations', undefined, signal);
export const createIntegration = (body: CreateIntegrationInput) => api.post<IntegrationWithKey>('/integrations', body);
export const rotateIntegrationKey = (id: string) => api.post<IntegrationWithKey>(`${one(id)}/rotate-key`);
export const setIntegrationDisabled = (id: string, disabled: boolean) => api.patch<Integration>(one(id), { disabled });
export const deleteIntegration = (id: string) => api.delete<undefined>(one(id));

/** The catalog's services for pickers: every page (ids and names only). */
export async function listServiceOptions(signal?: AbortSignal): Promise<ServiceOption[]> {
  const out: ServiceOption[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<ServiceOption> = await api.get<Page<ServiceOption>>('/services', { limit: 200, cursor }, signal);
    out.push(...page.items.map((s) => ({ id: s.id, name: s.name })));
    cursor = page.nextCursor;
  } while (cursor && out.length < 5000);
  return out;
}
