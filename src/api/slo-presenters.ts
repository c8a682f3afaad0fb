import type { ErrorBudget } from '../domain/slo/error-budget.js';
import type { Slo } from '../domain/slo/slo.js';
import type { SloStatus } from '../operations/slos/measure-slo.js';
import type { SloReport } from '../operations/reports/slo-report.js';
import { toCsv, type CsvCell } from './csv.js';
import { iso } from './presenters.js';

/** SLOs and their numbers as JSON and CSV (docs/slo.md). */
export function sloJson(s: Slo, status?: SloStatus) {
  return {
    id: s.id,
    serviceId: s.serviceId,
    name: s.name,
    targetPct: s.targetPct,
    window: s.window.kind,
    windowDays: s.window.kind === 'rolling' ? s.window.days : null,
    monitorIds: s.monitorIds,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    ...(status ? { status: statusJson(status) } : {}),
  };
}

function statusJson(s: SloStatus) {
  const { burnRates, ...budget }: ErrorBudget = s.budget;
  return {
    at: iso(s.at),
    windowStart: iso(s.bounds.start),
    windowEnd: iso(s.bounds.end),
    countedMonitorIds: s.monitorIds,
    ...budget,
    burnRates: { ...burnRates },
  };
}

export function sloReportJson(r: SloReport) {
  return {
    at: iso(r.at),
    items: r.items.map(({ status, serviceName }) => {
      const { id, name, serviceId, targetPct, window, windowDays } = sloJson(status.slo);
      return { sloId: id, name, serviceId, serviceName, targetPct, window, windowDays, ...statusJson(status) };
    }),
  };
}

const HEADER = [
  'sloId',
  'name',
  'serviceId',
  'serviceName',
  'targetPct',
  'window',
  'windowDays',
  'windowStart',
  'windowEnd',
  'availabilityPct',
  'goodChecks',
  'totalChecks',
  'budgetMinutes',
  'budgetSpentMinutes',
  'budgetRemainingMinutes',
  'budgetRemainingFraction',
  'burnRate5m',
  'burnRate30m',
  'burnRate1h',
  'burnRate6h',
  'burnRate24h',
  'fastBurn',
  'slowBurn',
];

/** One line per SLO; booleans as true/false. */
export function sloReportCsv(r: SloReport): string {
  const rows = r.items.map(({ status: { slo, bounds, budget: b }, serviceName }): CsvCell[] => [
    slo.id,
    slo.name,
    slo.serviceId,
    serviceName,
    slo.targetPct,
    slo.window.kind,
    slo.window.kind === 'rolling' ? slo.window.days : null,
    iso(bounds.start),
    iso(bounds.end),
    b.availabilityPct,
    b.goodChecks,
    b.totalChecks,
    b.budgetMinutes,
    b.budgetSpentMinutes,
    b.budgetRemainingMinutes,
    b.budgetRemainingFraction,
    b.burnRates['5m'],
    b.burnRates['30m'],
    b.burnRates['1h'],
    b.burnRates['6h'],
    b.burnRates['24h'],
    String(b.fastBurn),
    String(b.slowBurn),
  ]);
  return toCsv(HEADER, rows);
}
