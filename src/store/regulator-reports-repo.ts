import type { Selectable } from 'kysely';
import type { IncidentFacts } from '../domain/learn/postmortem.js';
import type { RegulatorReportKind, RegulatorText } from '../domain/learn/regulator-report.js';
import type { Executor } from '../operations/context.js';
import type { RegulatorReportsTable } from './schema.js';

/** What went to the regulator, frozen when it was sent. */
export interface SentSnapshot {
  facts: IncidentFacts;
  text: RegulatorText;
}

export interface StoredRegulatorReport {
  id: string;
  incidentId: string;
  kind: RegulatorReportKind;
  text: RegulatorText;
  sent: SentSnapshot | null;
  sentAt: number | null;
  sentBy: string | null;
  recipient: string | null;
  channel: string | null;
  sendNote: string | null;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

function toReport(r: Selectable<RegulatorReportsTable>): StoredRegulatorReport {
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind as RegulatorReportKind,
    text: JSON.parse(r.content) as RegulatorText,
    sent: r.sent_snapshot === null ? null : (JSON.parse(r.sent_snapshot) as SentSnapshot),
    sentAt: r.sent_at === null ? null : Number(r.sent_at),
    sentBy: r.sent_by,
    recipient: r.recipient,
    channel: r.channel,
    sendNote: r.send_note,
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toRow(r: StoredRegulatorReport): Selectable<RegulatorReportsTable> {
  return {
    id: r.id,
    incident_id: r.incidentId,
    kind: r.kind,
    content: JSON.stringify(r.text),
    sent_snapshot: r.sent === null ? null : JSON.stringify(r.sent),
    sent_at: r.sentAt,
    sent_by: r.sentBy,
    recipient: r.recipient,
    channel: r.channel,
    send_note: r.sendNote,
    version: r.version,
    created_by: r.createdBy,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

/** Inserts unless the incident has a report of that kind already; true if inserted. */
export async function insertRegulatorReportIfAbsent(db: Executor, report: StoredRegulatorReport): Promise<boolean> {
  const rows = await db
    .insertInto('regulator_reports')
    .values(toRow(report))
    .onConflict((oc) => oc.columns(['incident_id', 'kind']).doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function regulatorReportsOfIncident(db: Executor, incidentId: string): Promise<StoredRegulatorReport[]> {
  const rows = await db.selectFrom('regulator_reports').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
  return rows.map(toReport);
}

export async function saveRegulatorReportIfVersion(db: Executor, report: StoredRegulatorReport, expectedVersion: number): Promise<boolean> {
  const { id: _id, incident_id: _incident, kind: _kind, ...values } = toRow(report);
  const result = await db
    .updateTable('regulator_reports')
    .set(values)
    .where('id', '=', report.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** When each incident's initial report was sent (incidents without a sent one are absent). */
export async function initialReportSentAt(db: Executor, incidentIds: readonly string[]): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('regulator_reports')
    .select(['incident_id', 'sent_at'])
    .where('incident_id', 'in', [...incidentIds])
    .where('kind', '=', 'initial')
    .where('sent_at', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.incident_id, Number(r.sent_at)]));
}

/**
 * Incidents at these levels detected (or started) since `since` whose initial report has not been
 * sent: those whose regulator clock may still owe a reminder.
 */
export async function incidentsAwaitingInitialReport(db: Executor, levels: readonly number[], since: number) {
  if (levels.length === 0) return [];
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'number', 'level', 'created_at', 'started_at', 'commander_id', 'communications_id'])
    .where('level', 'in', [...levels])
    .where((eb) => eb.or([eb('created_at', '>=', since), eb('started_at', '>=', since)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('regulator_reports')
            .select('regulator_reports.id')
            .whereRef('regulator_reports.incident_id', '=', 'incidents.id')
            .where('regulator_reports.kind', '=', 'initial')
            .where('regulator_reports.sent_at', 'is not', null),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    level: Number(r.level),
    createdAt: Number(r.created_at),
    startedAt: Number(r.started_at),
    responsibleId: r.communications_id ?? r.commander_id,
  }));
}
