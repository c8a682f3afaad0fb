/** The p-th percentile (0–100) of ascending `sorted` values, nearest-rank; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? null;
}

/** Counts of one period, as stored per minute, hour and day. */
export interface PeriodCounts {
  up: number;
  degraded: number;
  down: number;
}

/**
 * Uptime of a period in per-mille (0–1000), null when nothing was checked. A degraded check
 * counts as up: the target answered; degraded periods are shown by their own counts.
 */
export function uptimePermille(c: PeriodCounts): number | null {
  const total = c.up + c.degraded + c.down;
  if (total === 0) return null;
  return Math.floor(((c.up + c.degraded) * 1000) / total);
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** Start of the UTC period of `grainMs` that holds `at`. */
export function periodStart(at: number, grainMs: number): number {
  return at - (((at % grainMs) + grainMs) % grainMs);
}

/** Uptime in percent with one decimal (rounded down: 99.96 % shows as 99.9, never as 100). */
export function uptimePercent(c: PeriodCounts): number | null {
  const permille = uptimePermille(c);
  return permille === null ? null : permille / 10;
}

/**
 * The daily bars of the 89 days before `today` (UTC day starts), oldest first: each day's uptime
 * in percent from `days` (day start → counts), null for days with no checks.
 */
export function barsFromDays(days: ReadonlyMap<number, PeriodCounts>, today: number, count = 89): Array<number | null> {
  const bars: Array<number | null> = [];
  for (let i = count; i >= 1; i--) {
    const day = days.get(today - i * DAY_MS);
    bars.push(day ? uptimePercent(day) : null);
  }
  return bars;
}

/** Spreads start times: a stable offset within the interval, from the monitor's sequence number. */
export function phaseOf(seq: number, intervalMs: number): number {
  // Knuth's multiplicative hash keeps neighbouring numbers far apart in the interval.
  return (Math.imul(seq, 2_654_435_761) >>> 0) % intervalMs;
}
