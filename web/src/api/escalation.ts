// Read-only calls the service pages need: who a service's incidents page (escalation policy, team).
import { api } from './client';
import type { EscalationPolicy, Page, Team } from './types';

export const getEscalationPolicy = (id: string, signal?: AbortSignal) =>
  api.get<EscalationPolicy>(`/escalation-policies/${encodeURIComponent(id)}`, undefined, signal);
export const listEscalationPolicies = (signal?: AbortSignal) => api.get<Page<EscalationPolicy>>('/escalation-policies', undefined, signal);
export const listTeams = (signal?: AbortSignal) => api.get<Page<Team>>('/teams', undefined, signal);
