import type { Level } from '../grading/policy.js';
import { outOfOrderMilestone, type Milestones } from '../incident/milestones.js';
import { periodIndexOf, type Period } from './periods.js';
import type { LevelCounts } from './reliability.js';

export interface IncidentCounts {
  /** Incidents counted (times in order), by the level they have now. */
  count: number;
  countsByLevel: LevelCounts;
  /** Left out because their times are out of order, as in the reliability metrics. */
  invalid: number;
}

export interface PeriodCounts extends IncidentCounts {
  period: Period;
}

const empty = (): IncidentCounts => ({ count: 0, countsByLevel: { 1: 0, 2: 0, 3: 0, 4: 0 }, invalid: 0 });

function add(c: IncidentCounts, level: Level, valid: boolean): void {
  if (!valid) {
    c.invalid++;
    return;
  }
  c.count++;
  c.countsByLevel[level]++;
}

/**
 * Incidents per period (by `startedAt`) and level, every period listed even when empty. The same
 * incidents count as in computeReliability, so the totals of both reports agree.
 */
export function countIncidentsByPeriod(
  incidents: readonly (Milestones & { level: Level })[],
  periods: readonly Period[],
): { total: IncidentCounts; periods: PeriodCounts[] } {
  const total = empty();
  const perPeriod: PeriodCounts[] = periods.map((period) => ({ period, ...empty() }));
  for (const i of incidents) {
    const index = periodIndexOf(periods, i.startedAt);
    if (index < 0) continue;
    const valid = outOfOrderMilestone(i) === null;
    add(total, i.level, valid);
    add(perPeriod[index] as PeriodCounts, i.level, valid);
  }
  return { total, periods: perPeriod };
}
