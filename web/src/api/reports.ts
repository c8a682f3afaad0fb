import { api, apiUrl } from './client';
import type { IncidentCountsReport, Metrics, MetricsReport, SloLine } from './types';

export const fetchMetrics = (from: Date, to: Date, signal?: AbortSignal) =>
  api.get<Metrics>('/reports/metrics', { from: from.toISOString(), to: to.toISOString() }, signal);

/** What the reports screen asks (docs/reports.md): a range, the reader's zone, a grouping. */
export interface ReportRange {
  from: Date;
  to: Date;
  tz: string;
}

const rangeQuery = (r: ReportRange) => ({ from: r.from.toISOString(), to: r.to.toISOString(), tz: r.tz });

export type GroupBy = 'level' | 'service' | 'team';
export type Interval = 'day' | 'week' | 'month';

export const fetchMetricsReport = (range: ReportRange, groupBy: GroupBy, signal?: AbortSignal) =>
  api.get<MetricsReport>('/reports/metrics', { ...rangeQuery(range), groupBy }, signal);

export const fetchIncidentCounts = (range: ReportRange, interval: Interval, signal?: AbortSignal) =>
  api.get<IncidentCountsReport>('/reports/incident-counts', { ...rangeQuery(range), interval }, signal);

/** The same reports as CSV files, for a download link (the session cookie goes with it). */
export const metricsCsvUrl = (range: ReportRange, groupBy: GroupBy) =>
  apiUrl('/reports/metrics', { ...rangeQuery(range), groupBy, format: 'csv' });
export const countsCsvUrl = (range: ReportRange, interval: Interval) =>
  apiUrl('/reports/incident-counts', { ...rangeQuery(range), interval, format: 'csv' });

export const fetchSloReport = (signal?: AbortSignal) => api.get<{ at: string; items: SloLine[] }>('/reports/slos', undefined, signal);
export const sloCsvUrl = () => apiUrl('/reports/slos', { format: 'csv' });
