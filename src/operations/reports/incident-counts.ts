import { countIncidentsByPeriod, type IncidentCounts, type PeriodCounts } from '../../domain/metrics/incident-counts.js';
import { periodsBetween, type PeriodInterval } from '../../domain/metrics/periods.js';
import { incidentTimes, type ReportFilter } from '../../store/reports-repo.js';
import type { Context } from '../context.js';
import { resolveReportQuery, type ReportQueryInput } from './report-query.js';

export interface IncidentCountsInput extends ReportQueryInput {
  interval: PeriodInterval;
}

export interface IncidentCountsReport {
  from: number;
  to: number;
  timeZone: string;
  interval: PeriodInterval;
  drills: ReportFilter['drills'];
  total: IncidentCounts;
  periods: PeriodCounts[];
}

/** Incidents started in the range per day, week or month (in the report's zone) and level. */
export async function incidentCounts(ctx: Context, input: IncidentCountsInput): Promise<IncidentCountsReport> {
  const { filter, timeZone, zone } = resolveReportQuery(ctx, input);
  const periods = periodsBetween(filter.from, filter.to, input.interval, zone);
  const counts = countIncidentsByPeriod(await incidentTimes(ctx.store.db, filter), periods);
  return { from: filter.from, to: filter.to, timeZone, interval: input.interval, drills: filter.drills, ...counts };
}
