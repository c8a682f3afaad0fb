import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Level } from '../../domain/grading/policy.js';
import { incidentCounts } from '../../operations/reports/incident-counts.js';
import type { ReportQueryInput } from '../../operations/reports/report-query.js';
import { reliabilityMetrics } from '../../operations/reports/reliability-metrics.js';
import { sloReport } from '../../operations/reports/slo-report.js';
import { vendorReport } from '../../operations/reports/vendor-report.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { countsCsv, countsReportJson, metricsCsv, metricsJson } from '../report-presenters.js';
import { CountsQuery, CountsReportSchema, jsonOrCsv, MetricsQuery, MetricsReportSchema } from '../report-schemas.js';
import { sloReportCsv, sloReportJson } from '../slo-presenters.js';
import { SloReportQuery, SloReportSchema } from '../slo-schemas.js';
import { vendorReportCsv, vendorReportJson } from '../vendor-presenters.js';
import { VendorReportQuery, VendorReportSchema } from '../vendor-schemas.js';

const tags = ['reports'];
const CSV = 'text/csv; charset=utf-8';

type FilterQuery = Omit<ReportQueryInput, 'levels'> & { level?: string; format?: 'json' | 'csv' };

function filters({ level, format: _format, ...rest }: FilterQuery): ReportQueryInput {
  // The schema's pattern has checked the list: 1–4, comma-separated.
  return { ...rest, levels: level?.split(',').map((l) => Number(l) as Level) };
}

/** `format` decides; without it, an Accept header that asks for CSV (and not JSON) gets CSV. */
function wantsCsv(request: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  const accept = request.headers.accept ?? '';
  return accept.includes('text/csv') && !accept.includes('application/json');
}

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply.type(CSV).header('content-disposition', `attachment; filename="${name}.csv"`).send(csv);
}

/** Reliability metrics, incident counts, SLOs and vendors, as JSON or CSV (docs/reports.md, docs/slo.md). */
export function reportRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/reports/metrics', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'MTTD, MTTA, MTTM and MTTR (from the incident start) with medians and p90, overall and by group',
      querystring: MetricsQuery,
      response: { 200: jsonOrCsv(MetricsReportSchema) },
    },
    handler: async (request, reply) => {
      const groupBy = request.query.groupBy ?? 'level';
      const report = await reliabilityMetrics(contextOf(deps, request), { ...filters(request.query), groupBy });
      if (wantsCsv(request, request.query.format)) return sendCsv(reply, `fenghuo-metrics-by-${groupBy}`, metricsCsv(report));
      return reply.send(metricsJson(report));
    },
  });

  app.get('/api/v1/reports/incident-counts', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Incidents started per day, week or month, by level',
      querystring: CountsQuery,
      response: { 200: jsonOrCsv(CountsReportSchema) },
    },
    handler: async (request, reply) => {
      const interval = request.query.interval ?? 'day';
      const report = await incidentCounts(contextOf(deps, request), { ...filters(request.query), interval });
      if (wantsCsv(request, request.query.format)) return sendCsv(reply, `fenghuo-incidents-per-${interval}`, countsCsv(report));
      return reply.send(countsReportJson(report));
    },
  });

  app.get('/api/v1/reports/slos', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Every SLO now: availability, error budget left, burn rates over 5 m to 24 h',
      querystring: SloReportQuery,
      response: { 200: jsonOrCsv(SloReportSchema) },
    },
    handler: async (request, reply) => {
      const report = await sloReport(contextOf(deps, request), { service: request.query.service });
      if (wantsCsv(request, request.query.format)) return sendCsv(reply, 'fenghuo-slos', sloReportCsv(report));
      return reply.send(sloReportJson(report));
    },
  });

  app.get('/api/v1/reports/vendors', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Per vendor: incidents attributed, outage minutes, measured availability against the contracted SLA',
      querystring: VendorReportQuery,
      response: { 200: jsonOrCsv(VendorReportSchema) },
    },
    handler: async (request, reply) => {
      const { format, ...range } = request.query;
      const report = await vendorReport(contextOf(deps, request), range);
      if (wantsCsv(request, format)) return sendCsv(reply, 'fenghuo-vendors', vendorReportCsv(report));
      return reply.send(vendorReportJson(report));
    },
  });
}
