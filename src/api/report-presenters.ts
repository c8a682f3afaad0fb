import type { IncidentCounts } from '../domain/metrics/incident-counts.js';
import type { ReliabilitySummary } from '../domain/metrics/reliability.js';
import type { IncidentCountsReport } from '../operations/reports/incident-counts.js';
import type { ReliabilityReport } from '../operations/reports/reliability-metrics.js';
import type { ReportFilter } from '../store/reports-repo.js';
import { toCsv, type CsvCell } from './csv.js';
import { iso } from './presenters.js';

/** Reports as JSON (field names the console relies on: overall.mttaSeconds, …) and as CSV. */
const DRILL_PARAM: Record<ReportFilter['drills'], string> = { exclude: 'false', include: 'true', only: 'only' };

function countsJson(c: IncidentCounts) {
  return { count: c.count, invalid: c.invalid, countsByLevel: { ...c.countsByLevel } };
}

function summaryJson(s: ReliabilitySummary) {
  const { detect: d, acknowledge: a, mitigate: m, resolve: r } = s;
  return {
    ...countsJson(s),
    mttdSeconds: d.meanSeconds,
    ttdMedianSeconds: d.medianSeconds,
    ttdP90Seconds: d.p90Seconds,
    ttdCount: d.count,
    mttaSeconds: a.meanSeconds,
    ttaMedianSeconds: a.medianSeconds,
    ttaP90Seconds: a.p90Seconds,
    ttaCount: a.count,
    mttmSeconds: m.meanSeconds,
    ttmMedianSeconds: m.medianSeconds,
    ttmP90Seconds: m.p90Seconds,
    ttmCount: m.count,
    mttrSeconds: r.meanSeconds,
    ttrMedianSeconds: r.medianSeconds,
    ttrP90Seconds: r.p90Seconds,
    ttrCount: r.count,
  };
}

export function metricsJson(r: ReliabilityReport) {
  return {
    from: iso(r.from),
    to: iso(r.to),
    timeZone: r.timeZone,
    groupBy: r.groupBy,
    drill: DRILL_PARAM[r.drills],
    overall: summaryJson(r.overall),
    groups: r.groups.map((g) => ({
      key: g.key,
      label: g.label,
      ...(g.period ? { start: iso(g.period.start), end: iso(g.period.end) } : {}),
      ...summaryJson(g),
    })),
  };
}

export function countsReportJson(r: IncidentCountsReport) {
  return {
    from: iso(r.from),
    to: iso(r.to),
    timeZone: r.timeZone,
    interval: r.interval,
    drill: DRILL_PARAM[r.drills],
    total: countsJson(r.total),
    periods: r.periods.map((p) => ({
      key: p.period.key,
      label: p.period.label,
      start: iso(p.period.start),
      end: iso(p.period.end),
      ...countsJson(p),
    })),
  };
}

const COUNT_COLUMNS = ['count', 'invalid', 'level1', 'level2', 'level3', 'level4'];
const countCells = (c: IncidentCounts): CsvCell[] => [c.count, c.invalid, ...([1, 2, 3, 4] as const).map((l) => c.countsByLevel[l])];

const DURATION_COLUMNS = (['d', 'a', 'm', 'r'] as const).flatMap((x) => [
  `mtt${x}Seconds`,
  `tt${x}MedianSeconds`,
  `tt${x}P90Seconds`,
  `tt${x}Count`,
]);
const durationCells = (s: ReliabilitySummary): CsvCell[] =>
  [s.detect, s.acknowledge, s.mitigate, s.resolve].flatMap((d) => [d.meanSeconds, d.medianSeconds, d.p90Seconds, d.count]);

/** One row per group; calendar periods also get their bounds. */
export function metricsCsv(r: ReliabilityReport): string {
  const periods = r.groupBy === 'month' || r.groupBy === 'week';
  const header = ['key', 'label', ...(periods ? ['start', 'end'] : []), ...COUNT_COLUMNS, ...DURATION_COLUMNS];
  const rows = r.groups.map((g) => [
    g.key,
    g.label,
    ...(g.period ? [iso(g.period.start), iso(g.period.end)] : []),
    ...countCells(g),
    ...durationCells(g),
  ]);
  return toCsv(header, rows);
}

export function countsCsv(r: IncidentCountsReport): string {
  const header = ['key', 'label', 'start', 'end', ...COUNT_COLUMNS];
  return toCsv(
    header,
    r.periods.map((p) => [p.period.key, p.period.label, iso(p.period.start), iso(p.period.end), ...countCells(p)]),
  );
}
