import { FenghuoError } from '../../domain/errors.js';
import type { Level } from '../../domain/grading/policy.js';
import type { IncidentFacts } from '../../domain/learn/postmortem.js';
import { regulatorClock, type RegulatorClock } from '../../domain/learn/regulator-report.js';
import type { ResponseProfile } from '../../domain/response/profiles.js';
import type { IncidentRef, StoredIncident } from '../../store/incidents-repo.js';
import { initialReportSentAt, regulatorReportsOfIncident, type StoredRegulatorReport } from '../../store/regulator-reports-repo.js';
import type { Context, Deps, Executor } from '../context.js';
import { requireIncident } from '../incidents/incident-helpers.js';
import { liveFacts, profileIn } from './learn-helpers.js';
import { readOrganisation, type OrganisationSettings } from './organisation.js';

/** The incident's reporting clock under its level's profile, in the caller's transaction. */
export async function clockOf(
  db: Executor,
  deps: Deps,
  incident: StoredIncident,
  reports: readonly StoredRegulatorReport[],
): Promise<RegulatorClock> {
  const sentAt = reports.find((r) => r.kind === 'initial')?.sentAt ?? null;
  return regulatorClock(await profileIn(db, deps, incident.level), incident, sentAt, deps.clock.now());
}

/** The clocks of many incidents (the incident list), with profiles the caller already has: one query. */
export async function regulatorClocks(
  deps: Deps,
  incidents: readonly StoredIncident[],
  profiles: Record<Level, ResponseProfile>,
): Promise<Map<string, RegulatorClock>> {
  const sent = await initialReportSentAt(
    deps.store.db,
    incidents.map((i) => i.id),
  );
  const now = deps.clock.now();
  return new Map(incidents.map((i) => [i.id, regulatorClock(profiles[i.level], i, sent.get(i.id) ?? null, now)]));
}

export async function listRegulatorReports(
  ctx: Context,
  ref: IncidentRef,
): Promise<{ clock: RegulatorClock; reports: StoredRegulatorReport[] }> {
  const incident = await requireIncident(ctx.store.db, ref);
  const reports = await regulatorReportsOfIncident(ctx.store.db, incident.id);
  return { clock: await clockOf(ctx.store.db, ctx, incident, reports), reports };
}

/** The report of an incident by id; 404 if it is not one of the incident's. */
export async function requireRegulatorReport(db: Executor, ref: IncidentRef, reportId: string) {
  const incident = await requireIncident(db, ref);
  const reports = await regulatorReportsOfIncident(db, incident.id);
  const report = reports.find((r) => r.id === reportId);
  if (!report) throw new FenghuoError('not_found', `incident #${incident.number} has no regulator report "${reportId}"`);
  return { incident, reports, report };
}

/** A report with what its document shows: what was sent, once sent; else the live facts. */
export interface RegulatorReportView {
  incident: StoredIncident;
  report: StoredRegulatorReport;
  clock: RegulatorClock;
  facts: IncidentFacts;
  organisation: OrganisationSettings;
}

export async function getRegulatorReport(ctx: Context, ref: IncidentRef, reportId: string): Promise<RegulatorReportView> {
  const db = ctx.store.db;
  const { incident, reports, report } = await requireRegulatorReport(db, ref, reportId);
  const [clock, facts, organisation] = await Promise.all([
    clockOf(db, ctx, incident, reports),
    report.sent?.facts ?? liveFacts(db, incident),
    readOrganisation(db),
  ]);
  return { incident, report: report.sent ? { ...report, text: report.sent.text } : report, clock, facts, organisation };
}
