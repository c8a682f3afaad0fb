import { isBackupHeartbeat } from '../../domain/slo/backup.js';
import { BURN_WINDOWS, errorBudget, trailingCounts, type ErrorBudget } from '../../domain/slo/error-budget.js';
import { sloWindowBounds, type Slo, type SloWindowBounds } from '../../domain/slo/slo.js';
import { HOUR_MS, MINUTE_MS } from '../../domain/monitors/stats.js';
import { GRAIN } from '../../store/monitor-results-repo.js';
import { minuteChecks, monitorKeysOf, sumChecks } from '../../store/slos-repo.js';
import type { Executor } from '../context.js';

/** An SLO with its numbers at one instant. */
export interface SloStatus {
  slo: Slo;
  at: number;
  bounds: SloWindowBounds;
  /** The monitors whose checks were counted. */
  monitorIds: string[];
  budget: ErrorBudget;
}

const LONGEST_BURN_MINUTES = Math.max(...Object.values(BURN_WINDOWS));

/**
 * The monitors an SLO counts: those it names (deleted ones drop out), else every monitor of its
 * service but backup heartbeats (a backup job's beats say nothing of availability).
 */
async function countedMonitors(db: Executor, slo: Slo) {
  if (slo.monitorIds !== null) return monitorKeysOf(db, { ids: slo.monitorIds });
  return (await monitorKeysOf(db, { serviceIds: [slo.serviceId] })).filter((m) => !isBackupHeartbeat(m));
}

/**
 * Availability, budget left and burn rates at `now`, from the rollups every check is counted into
 * as it is stored: the window from hour rows, the burn windows from minute rows (kept 48 hours),
 * two queries whatever the number of monitors.
 */
export async function measureSlo(db: Executor, slo: Slo, now: number): Promise<SloStatus> {
  const monitors = await countedMonitors(db, slo);
  const seqs = monitors.map((m) => m.seq);
  const bounds = sloWindowBounds(slo.window, now);
  const currentMinute = now - (now % MINUTE_MS);
  const [window, minutes] = await Promise.all([
    sumChecks(db, seqs, GRAIN.hour, bounds.start, now - (now % HOUR_MS)),
    minuteChecks(db, seqs, currentMinute - (LONGEST_BURN_MINUTES - 1) * MINUTE_MS, currentMinute),
  ]);
  const budget = errorBudget({
    targetPct: slo.targetPct,
    windowMinutes: bounds.windowMinutes,
    elapsedMinutes: bounds.elapsedMinutes,
    window,
    burn: trailingCounts(minutes, now),
  });
  return { slo, at: now, bounds, monitorIds: monitors.map((m) => m.id), budget };
}
