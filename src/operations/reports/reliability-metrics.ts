import { periodsBetween, type Period } from '../../domain/metrics/periods.js';
import {
  computeReliability,
  type MetricGroupBy,
  type ReliabilityMetrics,
  type ReliabilityGroup,
  type ReliabilitySummary,
} from '../../domain/metrics/reliability.js';
import type { Level } from '../../domain/grading/policy.js';
import {
  incidentTimes,
  incidentTimesWithServices,
  serviceOwners,
  type IncidentWithServices,
  type ReportFilter,
} from '../../store/reports-repo.js';
import type { Context } from '../context.js';
import { resolveReportQuery, type ReportQueryInput } from './report-query.js';

export interface ReliabilityInput extends ReportQueryInput {
  groupBy: MetricGroupBy;
}

export interface LabelledGroup extends ReliabilityGroup {
  label: string;
  /** Calendar periods only: the period's bounds. */
  period?: Period;
}

export interface ReliabilityReport {
  from: number;
  to: number;
  timeZone: string;
  groupBy: MetricGroupBy;
  drills: ReportFilter['drills'];
  overall: ReliabilitySummary;
  groups: LabelledGroup[];
}

type Labeller = (group: ReliabilityGroup) => Pick<LabelledGroup, 'label' | 'period'>;

/** The metrics grouped as asked, with the incidents (and their services) that grouping needs, and labels. */
async function groupedMetrics(
  ctx: Context,
  groupBy: MetricGroupBy,
  filter: ReportFilter,
  zone: Intl.DateTimeFormat,
): Promise<{ metrics: ReliabilityMetrics; label: Labeller }> {
  const db = ctx.store.db;
  if (groupBy === 'level') {
    return {
      metrics: computeReliability(await incidentTimes(db, filter), { by: 'level' }),
      label: (g) => ({ label: ctx.policy.levels[Number(g.key) as Level].en }),
    };
  }
  if (groupBy === 'month' || groupBy === 'week') {
    const periods = periodsBetween(filter.from, filter.to, groupBy, zone);
    const byKey = new Map(periods.map((p) => [p.key, p]));
    return {
      metrics: computeReliability(await incidentTimes(db, filter), { by: 'period', periods }),
      label: (g) => {
        const period = byKey.get(g.key ?? '') as Period;
        return { label: period.label, period };
      },
    };
  }
  const [incidents, services] = await Promise.all([incidentTimesWithServices(db, filter), serviceOwners(db)]);
  const servicesOf = (i: IncidentWithServices) => i.services;
  if (groupBy === 'service') {
    const names = new Map(services.map((s) => [s.id, s.name]));
    return {
      metrics: computeReliability(incidents, { by: 'service', servicesOf }),
      // A service deleted since keeps its id as its label.
      label: (g) => ({ label: g.key === null ? '(no service)' : (names.get(g.key) ?? g.key) }),
    };
  }
  const teamOf = new Map(services.map((s) => [s.id, s.ownerTeam]));
  return {
    metrics: computeReliability(incidents, { by: 'team', servicesOf, teamOf }),
    label: (g) => ({ label: g.key ?? '(no team)' }),
  };
}

/**
 * MTTD, MTTA, MTTM and MTTR of the incidents started in the range, overall and per group. Reads
 * only the columns it needs (one query, two more to group by service or team) and computes in
 * one pass.
 */
export async function reliabilityMetrics(ctx: Context, input: ReliabilityInput): Promise<ReliabilityReport> {
  const { filter, timeZone, zone } = resolveReportQuery(ctx, input);
  const { metrics, label } = await groupedMetrics(ctx, input.groupBy, filter, zone);
  return {
    from: filter.from,
    to: filter.to,
    timeZone,
    groupBy: input.groupBy,
    drills: filter.drills,
    overall: metrics.overall,
    groups: metrics.groups.map((g) => ({ ...g, ...label(g) })),
  };
}
