import { api } from './client';
import type { FeedUrl, OnCall, Override, Page, ScheduleDetail, ShiftRange } from './types';

const base = (scheduleId: string) => `/schedules/${encodeURIComponent(scheduleId)}`;

/** Every schedule, by name (the API does not page them), with its layers. */
export const listSchedules = (signal?: AbortSignal) => api.get<Page<ScheduleDetail>>('/schedules', undefined, signal);
export const whoIsOnCall = (scheduleId: string, signal?: AbortSignal) => api.get<OnCall>(`${base(scheduleId)}/oncall`, undefined, signal);

/** Resolved shifts in [from, to) (at most 93 days). */
export const listShifts = (scheduleId: string, from: Date, to: Date, signal?: AbortSignal) =>
  api.get<ShiftRange>(`${base(scheduleId)}/shifts`, { from: from.toISOString(), to: to.toISOString() }, signal);

/** Overrides overlapping [from, to); without `to`, every one from `from` on. */
export const listOverrides = (scheduleId: string, from: Date, to?: Date, signal?: AbortSignal) =>
  api.get<Page<Override>>(`${base(scheduleId)}/overrides`, { from: from.toISOString(), to: to?.toISOString() }, signal);

export const createOverride = (scheduleId: string, body: { userId: string; start: string; end: string }) =>
  api.post<Override>(`${base(scheduleId)}/overrides`, body);

export const deleteOverride = (scheduleId: string, overrideId: string) =>
  api.delete<undefined>(`${base(scheduleId)}/overrides/${encodeURIComponent(overrideId)}`);

export const scheduleFeedUrl = (scheduleId: string, signal?: AbortSignal) =>
  api.get<FeedUrl>(`${base(scheduleId)}/ical-url`, undefined, signal);
