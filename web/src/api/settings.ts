// Settings: API tokens, outbound channels, the grading policy and response profiles.
import { api } from './client';
import type {
  ApiToken,
  Channel,
  EffectiveProfile,
  GradeInput,
  GradeResult,
  Page,
  Policy,
  ResponseProfile,
  Role,
  TeamOption,
} from './types';

export const listTokens = (signal?: AbortSignal) => api.get<Page<ApiToken>>('/tokens', undefined, signal);
export const createToken = (body: { name: string; role: Role }) => api.post<ApiToken & { token: string }>('/tokens', body);
export const revokeToken = (id: string) => api.delete<ApiToken>(`/tokens/${encodeURIComponent(id)}`);

export type ChannelInput = Pick<Channel, 'name' | 'kind' | 'teamId' | 'locale' | 'config' | 'disabled'>;
export const listChannels = (signal?: AbortSignal) => api.get<Page<Channel>>('/channels', undefined, signal);
export const createChannel = (body: ChannelInput) => api.post<Channel>('/channels', body);
/** A `config`, if given, replaces the stored one whole (the API shows it masked, so it is typed afresh). */
export const updateChannel = (id: string, changes: Partial<ChannelInput>) =>
  api.patch<Channel>(`/channels/${encodeURIComponent(id)}`, changes);
export const deleteChannel = (id: string) => api.delete<undefined>(`/channels/${encodeURIComponent(id)}`);
export const listTeams = (signal?: AbortSignal) => api.get<Page<TeamOption>>('/teams', undefined, signal);

export const fetchPolicy = (signal?: AbortSignal) => api.get<Policy>('/policy', undefined, signal);
export const gradeImpact = (body: GradeInput) => api.post<GradeResult>('/grade', body);

export const listResponseProfiles = (signal?: AbortSignal) => api.get<Page<EffectiveProfile>>('/response-profiles', undefined, signal);
export const setResponseProfile = (level: number, profile: ResponseProfile) =>
  api.put<EffectiveProfile>(`/response-profiles/${level}`, profile);
export const resetResponseProfile = (level: number) => api.delete<EffectiveProfile>(`/response-profiles/${level}`);
