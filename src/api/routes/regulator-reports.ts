import { regulatorDocument } from '../../learn/regulator-document.js';
import { createRegulatorReport, sendRegulatorReport, updateRegulatorReport } from '../../operations/learn/regulator-reports.js';
import { getRegulatorReport, listRegulatorReports } from '../../operations/learn/read-regulator-reports.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, incidentRef, parseTime } from '../context.js';
import {
  CreateRegulatorReportBody,
  ExportQuery,
  IncidentParam,
  RegulatorReportListSchema,
  RegulatorReportSchema,
  ReportParams,
  SendRegulatorReportBody,
  UpdateRegulatorReportBody,
} from '../learn-schemas.js';
import { clockJson, regulatorExport, regulatorReportJson } from '../learn-presenters.js';
import { ErrorSchema } from '../schemas.js';
import { documentResponse, sendDocument } from './document-replies.js';

const tags = ['regulator-reports'];
const BASE = '/api/v1/incidents/:id/regulator-reports';

/** The regulator's reports of an incident: its clock, the initial and final report, their sending (docs/postmortems.md). */
export function regulatorReportRoutes(app: App, { deps }: RouteDeps): void {
  app.get(BASE, {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: "The incident's reporting clock and its reports",
      params: IncidentParam,
      response: { 200: RegulatorReportListSchema, 404: ErrorSchema },
    },
    handler: async (request) => {
      const { clock, reports } = await listRegulatorReports(contextOf(deps, request), incidentRef(request.params.id));
      return { clock: clockJson(clock), items: reports.map(regulatorReportJson) };
    },
  });

  app.post(BASE, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Draft the initial or the final report (the final one once the initial one is sent)',
      params: IncidentParam,
      body: CreateRegulatorReportBody,
      response: { 201: RegulatorReportSchema, 409: ErrorSchema },
    },
    handler: async (request, reply) => {
      const { kind, ...text } = request.body;
      const report = await createRegulatorReport(contextOf(deps, request), incidentRef(request.params.id), kind, text);
      return reply.status(201).send(regulatorReportJson(report));
    },
  });

  app.get(`${BASE}/:reportId`, {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'One report (as sent, once sent)',
      params: ReportParams,
      response: { 200: RegulatorReportSchema, 404: ErrorSchema },
    },
    handler: async (request) =>
      regulatorReportJson(
        (await getRegulatorReport(contextOf(deps, request), incidentRef(request.params.id), request.params.reportId)).report,
      ),
  });

  app.patch(`${BASE}/:reportId`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Write an unsent report (absent fields kept, null clears)',
      params: ReportParams,
      body: UpdateRegulatorReportBody,
      response: { 200: RegulatorReportSchema, 409: ErrorSchema },
    },
    handler: async (request) =>
      regulatorReportJson(
        await updateRegulatorReport(contextOf(deps, request), incidentRef(request.params.id), request.params.reportId, request.body),
      ),
  });

  app.post(`${BASE}/:reportId/send`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Record that the report was sent: when, to whom, how; it is frozen as sent',
      params: ReportParams,
      body: SendRegulatorReportBody,
      response: { 200: RegulatorReportSchema, 409: ErrorSchema },
    },
    handler: async (request) => {
      const { sentAt, ...rest } = request.body;
      const record = { ...rest, sentAt: sentAt === undefined ? undefined : parseTime(sentAt, 'body.sentAt') };
      return regulatorReportJson(
        await sendRegulatorReport(contextOf(deps, request), incidentRef(request.params.id), request.params.reportId, record),
      );
    },
  });

  for (const format of ['md', 'html'] as const) {
    app.get(`${BASE}/:reportId.${format}`, {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: format === 'md' ? 'The report as Markdown' : 'The report as a printable HTML page (PDF via the browser)',
        params: ReportParams,
        querystring: ExportQuery,
        response: documentResponse(format === 'md' ? 'text/markdown' : 'text/html', 'the document'),
      },
      handler: async (request, reply) => {
        const view = await getRegulatorReport(contextOf(deps, request), incidentRef(request.params.id), request.params.reportId);
        const doc = regulatorDocument(regulatorExport(view, deps.policy, deps.clock.now()), request.query.lang ?? 'zh-CN');
        return sendDocument(reply, format, doc, `regulator-report-${view.incident.number}-${view.report.kind}`);
      },
    });
  }
}
