/** How long something took across incidents: how many had it, and the mean, median and p90. */
export interface DurationSummary {
  count: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/**
 * The k-th smallest value (0-based), moving values around in `a` (quickselect, pivot the median
 * of three). A third of the time of a full sort at 100,000 durations, which reports do per group.
 */
export function nthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const swap = (i: number, j: number) => {
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  };
  const at = (i: number) => a[i] as number;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    if (at(mid) < at(lo)) swap(mid, lo);
    if (at(hi) < at(lo)) swap(hi, lo);
    if (at(hi) < at(mid)) swap(hi, mid);
    const pivot = at(mid);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (at(i) < pivot) i++;
      while (at(j) > pivot) j--;
      if (i <= j) swap(i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return at(k);
  }
  return at(k);
}

/** The p-th percentile (0–100) by nearest rank, as monitors/stats.ts computes it; reorders `a`. */
function nearestRank(a: Float64Array, p: number): number {
  const rank = Math.ceil((p / 100) * a.length);
  return nthSmallest(a, Math.min(Math.max(rank, 1), a.length) - 1);
}

/**
 * Durations in milliseconds, appended one at a time into a typed array that doubles as it fills:
 * no per-value boxing, and no copy before the percentiles are taken.
 */
export class DurationList {
  private values = new Float64Array(16);
  private size = 0;

  push(ms: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.size * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = ms;
  }

  /** The durations so far (a view: summarizing reorders it). */
  view(): Float64Array {
    return this.values.subarray(0, this.size);
  }
}

/**
 * Summarises durations given in milliseconds, in seconds (to the millisecond); reorders them.
 * The median and p90 are nearest-rank: always a duration that occurred, never an average of two.
 */
export function summarizeDurations(durationsMs: Float64Array): DurationSummary {
  const count = durationsMs.length;
  if (count === 0) return { count, meanSeconds: null, medianSeconds: null, p90Seconds: null };
  let sum = 0;
  for (let i = 0; i < count; i++) sum += durationsMs[i] as number;
  return {
    count,
    meanSeconds: Math.round(sum / count) / 1000,
    medianSeconds: nearestRank(durationsMs, 50) / 1000,
    p90Seconds: nearestRank(durationsMs, 90) / 1000,
  };
}
