// The reports screen's choices live in the address (`?range=90d&groupBy=service`), like the
// incident filters: a report can be reloaded and shared.
import type { GroupBy, Interval, ReportRange } from '../../api/reports';

export const RANGES = ['30d', '90d', '12m'] as const;
export type RangeKey = (typeof RANGES)[number];
export const GROUPS: GroupBy[] = ['level', 'service', 'team'];

const DAY_MS = 86_400_000;
const SPAN: Record<RangeKey, { days: number; interval: Interval }> = {
  '30d': { days: 30, interval: 'day' },
  '90d': { days: 91, interval: 'week' }, // 13 whole weeks
  '12m': { days: 365, interval: 'month' },
};

export interface ReportChoice {
  range: RangeKey;
  groupBy: GroupBy;
}

export function readChoice(search: string): ReportChoice {
  const params = new URLSearchParams(search);
  const range = RANGES.find((r) => r === params.get('range')) ?? '30d';
  const groupBy = GROUPS.find((g) => g === params.get('groupBy')) ?? 'level';
  return { range, groupBy };
}

/** The address of a choice: defaults are left out, so the plain report is plain `/reports`. */
export function choiceSearch(choice: ReportChoice): string {
  const params = new URLSearchParams();
  if (choice.range !== '30d') params.set('range', choice.range);
  if (choice.groupBy !== 'level') params.set('groupBy', choice.groupBy);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const intervalOf = (key: RangeKey): Interval => SPAN[key].interval;

/** The span ending now; the server counts incidents that started within it, in the reader's zone. */
export function rangeOf(key: RangeKey, now: number, tz: string): { range: ReportRange; interval: Interval } {
  const { days, interval } = SPAN[key];
  return { range: { from: new Date(now - days * DAY_MS), to: new Date(now), tz }, interval };
}
