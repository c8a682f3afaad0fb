// Small pure helpers shared by the monitor screens (and the service page's monitor list).
import type { MonitorListItem, MonitorState } from '../../api/types';

/** The state a list shows: `paused` wins over the state a paused monitor kept. */
export type ListedState = MonitorState | 'paused';
export const LISTED_STATES: readonly ListedState[] = ['down', 'degraded', 'pending', 'up', 'paused'];

export const listedState = (m: Pick<MonitorListItem, 'paused' | 'state'>): ListedState => (m.paused ? 'paused' : m.state);

/** The mean of the days that were checked (null when none were). */
export function meanUptime(days: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const d of days) {
    if (d === null) continue;
    sum += d;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** 99.95 %, 100 %: two decimals where they matter, none for a round figure. */
export function formatPct(value: number | null, none: string): string {
  if (value === null) return none;
  const text = value >= 100 ? '100' : value.toFixed(2);
  return `${text}%`;
}

/** Down first (what needs a person), paused last. */
export const URGENCY: Record<ListedState, number> = { down: 0, degraded: 1, pending: 2, up: 3, paused: 4 };

/** Names in the reader's order ("bulk-9" before "bulk-10"); one collator, fast enough for 10,000. */
export const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;
