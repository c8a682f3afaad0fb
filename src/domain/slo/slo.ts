import { HOUR_MS } from '../monitors/stats.js';

export const SLO_WINDOW_KINDS = ['rolling', 'calendar-month'] as const;
export type SloWindowKind = (typeof SLO_WINDOW_KINDS)[number];

/** Hour rollups are kept 90 days: a rolling window may not reach further back. */
export const MAX_SLO_WINDOW_DAYS = 90;
export const DEFAULT_SLO_WINDOW_DAYS = 28;

/** Over what time an SLO is judged: the last N days, or the current calendar month (UTC). */
export type SloWindow = { kind: 'rolling'; days: number } | { kind: 'calendar-month' };

/** An availability objective of a service, measured by monitors' checks. */
export interface Slo {
  id: string;
  serviceId: string;
  name: string;
  /** Percent of good checks, strictly between 0 and 100 (e.g. 99.9). */
  targetPct: number;
  window: SloWindow;
  /** The monitors whose checks count; null: the service's monitors (backup heartbeats excepted). */
  monitorIds: string[] | null;
  createdAt: number;
  updatedAt: number;
}

/** Where an SLO window lies at `now`: rollup hours [firstHour, now] and the budget's length. */
export interface SloWindowBounds {
  /** Start of the first hour row counted. */
  start: number;
  /** The window's natural end: now (rolling) or the month's end (calendar). */
  end: number;
  /** Minutes the error budget is given for: the whole window. */
  windowMinutes: number;
  /** Minutes of the window that have passed: all of it (rolling), or the month so far. */
  elapsedMinutes: number;
}

const hourStart = (at: number) => at - (at % HOUR_MS);

/**
 * The window at `now`, in whole UTC hours (the grain of the rollups it is read from): a rolling
 * window of N days is the current hour (so far) and the N × 24 − 1 hours before it; a calendar
 * month runs from its first midnight (UTC) to now.
 */
export function sloWindowBounds(window: SloWindow, now: number): SloWindowBounds {
  if (window.kind === 'rolling') {
    const minutes = window.days * 24 * 60;
    return { start: hourStart(now) - (window.days * 24 - 1) * HOUR_MS, end: now, windowMinutes: minutes, elapsedMinutes: minutes };
  }
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return { start, end, windowMinutes: (end - start) / 60_000, elapsedMinutes: (now - start) / 60_000 };
}
