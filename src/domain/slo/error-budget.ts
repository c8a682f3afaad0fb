import { MINUTE_MS } from '../monitors/stats.js';

/** Checks counted over some time: good ones (up or degraded) and all of them. */
export interface CheckCounts {
  good: number;
  total: number;
}

/** Checks of one rollup minute, every monitor and location of an SLO added together. */
export interface MinuteCounts extends CheckCounts {
  start: number;
}

/** Burn rates are read over these trailing windows; 5 m and 30 m only confirm the alerts. */
export const BURN_WINDOWS = { '5m': 5, '30m': 30, '1h': 60, '6h': 360, '24h': 1440 } as const;
export type BurnWindow = keyof typeof BURN_WINDOWS;

/**
 * The classic multi-window alerts (Google SRE workbook, for a 30-day budget): fast burn spends 2 %
 * of the budget in an hour (14.4×, confirmed over 5 minutes), slow burn 5 % in six hours (6×,
 * confirmed over 30 minutes). The short window lets the alert clear soon after the burn stops.
 */
export const FAST_BURN = { rate: 14.4, long: '1h', short: '5m' } as const;
export const SLOW_BURN = { rate: 6, long: '6h', short: '30m' } as const;

export interface ErrorBudgetInput {
  targetPct: number;
  windowMinutes: number;
  elapsedMinutes: number;
  window: CheckCounts;
  burn: Record<BurnWindow, CheckCounts>;
}

export interface ErrorBudget {
  /** Good checks / all checks, percent; null when nothing was checked. */
  availabilityPct: number | null;
  goodChecks: number;
  totalChecks: number;
  /** (1 − target) × window. */
  budgetMinutes: number;
  /** Budget spent so far: the bad share of checks × the minutes elapsed; null without checks. */
  budgetSpentMinutes: number | null;
  /** What is left, in minutes and as a share of the budget; negative once overspent. */
  budgetRemainingMinutes: number | null;
  budgetRemainingFraction: number | null;
  /** Bad share over the trailing window ÷ the budget's share: 1 spends the budget exactly over the window. */
  burnRates: Record<BurnWindow, number | null>;
  fastBurn: boolean;
  slowBurn: boolean;
}

/** Rounds away float noise (0.1 + 0.2) without hiding anything a person would read. */
const round = (x: number, digits = 6) => Number(x.toFixed(digits));

/** Each burn window's checks from per-minute counts: the current minute and the ones before it. */
export function trailingCounts(minutes: readonly MinuteCounts[], now: number): Record<BurnWindow, CheckCounts> {
  const current = now - (now % MINUTE_MS);
  const out = {} as Record<BurnWindow, CheckCounts>;
  for (const [key, span] of Object.entries(BURN_WINDOWS) as Array<[BurnWindow, number]>) {
    const from = current - (span - 1) * MINUTE_MS;
    const c = { good: 0, total: 0 };
    for (const m of minutes) {
      if (m.start < from || m.start > current) continue;
      c.good += m.good;
      c.total += m.total;
    }
    out[key] = c;
  }
  return out;
}

/** Availability, error budget left and burn rates of an SLO from its checks. */
export function errorBudget(input: ErrorBudgetInput): ErrorBudget {
  const budgetShare = 1 - input.targetPct / 100;
  const budgetMinutes = budgetShare * input.windowMinutes;
  const { good, total } = input.window;
  const badShare = total === 0 ? null : (total - good) / total;
  const spent = badShare === null ? null : badShare * input.elapsedMinutes;
  const burnRates = {} as Record<BurnWindow, number | null>;
  for (const key of Object.keys(BURN_WINDOWS) as BurnWindow[]) {
    const c = input.burn[key];
    burnRates[key] = c.total === 0 ? null : round((c.total - c.good) / c.total / budgetShare, 4);
  }
  const over = (rate: number, ...keys: BurnWindow[]) => keys.every((k) => (burnRates[k] ?? 0) >= rate);
  return {
    availabilityPct: total === 0 ? null : round((good / total) * 100),
    goodChecks: good,
    totalChecks: total,
    budgetMinutes: round(budgetMinutes, 3),
    budgetSpentMinutes: spent === null ? null : round(spent, 3),
    budgetRemainingMinutes: spent === null ? null : round(budgetMinutes - spent, 3),
    budgetRemainingFraction: spent === null ? null : round((budgetMinutes - spent) / budgetMinutes),
    burnRates,
    fastBurn: over(FAST_BURN.rate, FAST_BURN.long, FAST_BURN.short),
    slowBurn: over(SLOW_BURN.rate, SLOW_BURN.long, SLOW_BURN.short),
  };
}
