import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import {
  REGULATOR_TEXT_FIELDS,
  type RegulatorReportKind,
  type RegulatorText,
  type RegulatorTextField,
} from '../../domain/learn/regulator-report.js';
import { actionItemsOfSource } from '../../store/action-items-repo.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import { findPostmortemOfIncident } from '../../store/postmortems-repo.js';
import {
  insertRegulatorReportIfAbsent,
  regulatorReportsOfIncident,
  saveRegulatorReportIfVersion,
  type StoredRegulatorReport,
} from '../../store/regulator-reports-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { requireIncident } from '../incidents/incident-helpers.js';
import { rejectIssues } from '../oncall/references.js';
import { learnTimeline, liveFacts } from './learn-helpers.js';
import { readOrganisation } from './organisation.js';
import { requireRegulatorReport } from './read-regulator-reports.js';

/** Fields only a final report has. */
const FINAL_ONLY: readonly RegulatorTextField[] = ['summary', 'correctiveMeasures'];
/** What a report must state before it is recorded as sent. */
const REQUIRED_TO_SEND: Record<RegulatorReportKind, readonly RegulatorTextField[]> = {
  initial: ['organisation', 'impact', 'measuresTaken'],
  final: ['organisation', 'impact', 'causeAnalysis', 'correctiveMeasures'],
};

const EMPTY = Object.fromEntries(REGULATOR_TEXT_FIELDS.map((f) => [f, null])) as RegulatorText;
const clean = (text: Partial<RegulatorText>) =>
  Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v?.trim() || null])) as Partial<RegulatorText>;

function finalOnlyIssues(kind: RegulatorReportKind, text: Partial<RegulatorText>): FieldIssue[] {
  if (kind === 'final') return [];
  return FINAL_ONLY.filter((f) => text[f] != null).map((f) => ({ field: `body.${f}`, message: 'only a final report has this field' }));
}

/**
 * What a new report starts from. The initial one: the organisation's name. The final one: the
 * initial report's text, with the postmortem's summary and root cause and its action items as the
 * corrective measures, where there is a postmortem.
 */
async function drafted(
  db: Executor,
  incidentId: string,
  kind: RegulatorReportKind,
  initial: StoredRegulatorReport | undefined,
): Promise<RegulatorText> {
  const organisation = (await readOrganisation(db)).name;
  if (kind === 'initial' || !initial) return { ...EMPTY, organisation };
  const text: RegulatorText = { ...initial.text, organisation: initial.text.organisation ?? organisation };
  const postmortem = await findPostmortemOfIncident(db, incidentId);
  if (!postmortem) return text;
  const items = await actionItemsOfSource(db, 'postmortem', postmortem.id);
  return {
    ...text,
    summary: postmortem.text.summary,
    causeAnalysis: postmortem.text.rootCause ?? text.causeAnalysis,
    correctiveMeasures: items.length > 0 ? items.map((i) => `- ${i.title} (${i.dueDate})`).join('\n') : null,
  };
}

/** Starts the initial or the final report (409 if it exists; the final one after the initial is sent). */
export async function createRegulatorReport(
  ctx: Context,
  ref: IncidentRef,
  kind: RegulatorReportKind,
  text: Partial<RegulatorText>,
): Promise<StoredRegulatorReport> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const incident = await requireIncident(trx, ref);
    rejectIssues(finalOnlyIssues(kind, text), 'invalid regulator report');
    const existing = await regulatorReportsOfIncident(trx, incident.id);
    const initial = existing.find((r) => r.kind === 'initial');
    if (kind === 'final' && initial?.sentAt == null) {
      throw new FenghuoError('invalid_transition', 'the final report follows the initial one: record the initial report as sent first');
    }
    const now = ctx.clock.now();
    const report: StoredRegulatorReport = {
      id: ctx.ids.newId(),
      incidentId: incident.id,
      kind,
      text: { ...(await drafted(trx, incident.id, kind, initial)), ...clean(text) },
      sent: null,
      sentAt: null,
      sentBy: null,
      recipient: null,
      channel: null,
      sendNote: null,
      version: 1,
      createdBy: ctx.actor.name,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await insertRegulatorReportIfAbsent(trx, report))) {
      throw new FenghuoError('conflict', `incident #${incident.number} already has a ${kind} regulator report`);
    }
    await learnTimeline(ctx, trx, incident.id, 'regulator', { to: 'draft', message: `${kind} regulator report drafted` });
    await audit(
      ctx,
      trx,
      'regulator-report.create',
      { type: 'regulator-report', id: report.id },
      { after: { incidentId: incident.id, kind, text: report.text } },
    );
    return report;
  });
}

async function saveReport(db: Executor, before: StoredRegulatorReport, next: StoredRegulatorReport, expected?: number) {
  if (expected !== undefined && expected !== before.version) {
    throw new FenghuoError('conflict', `the report is at version ${before.version}, not ${expected}; reload and retry`);
  }
  const saved = { ...next, version: before.version + 1 };
  if (!(await saveRegulatorReportIfVersion(db, saved, before.version))) {
    throw new FenghuoError('conflict', 'the report was changed concurrently; reload and retry');
  }
  return saved;
}

function assertUnsent(report: StoredRegulatorReport): void {
  if (report.sentAt !== null)
    throw new FenghuoError('invalid_transition', `the ${report.kind} report was sent; what was sent cannot change`);
}

/** Edits an unsent report's text (absent: kept, null or blank: cleared). */
export async function updateRegulatorReport(
  ctx: Context,
  ref: IncidentRef,
  reportId: string,
  patch: Partial<RegulatorText> & { version?: number },
): Promise<StoredRegulatorReport> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { report: before } = await requireRegulatorReport(trx, ref, reportId);
    const { version, ...text } = patch;
    rejectIssues(finalOnlyIssues(before.kind, text), 'invalid regulator report');
    assertUnsent(before);
    const changes = clean(text);
    const saved = await saveReport(trx, before, { ...before, text: { ...before.text, ...changes }, updatedAt: ctx.clock.now() }, version);
    await audit(
      ctx,
      trx,
      'regulator-report.update',
      { type: 'regulator-report', id: before.id },
      {
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, before.text[k as RegulatorTextField]])),
        after: changes,
      },
    );
    return saved;
  });
}

export interface SendRecord {
  recipient: string;
  channel?: string | null;
  note?: string | null;
  /** When it went out, if earlier than now (recorded after a phone call); never in the future. */
  sentAt?: number;
}

/**
 * Records that a report was sent: when, by whom, to whom, how. The text and the facts as they are
 * now are frozen into the report: its exports show what was sent from then on.
 */
export async function sendRegulatorReport(
  ctx: Context,
  ref: IncidentRef,
  reportId: string,
  record: SendRecord,
): Promise<StoredRegulatorReport> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { incident, report: before } = await requireRegulatorReport(trx, ref, reportId);
    assertUnsent(before);
    const now = ctx.clock.now();
    const sentAt = record.sentAt ?? now;
    rejectIssues(
      [
        ...REQUIRED_TO_SEND[before.kind]
          .filter((f) => !before.text[f])
          .map((f) => ({ field: f, message: 'must be written before the report is sent' })),
        ...(sentAt > now ? [{ field: 'body.sentAt', message: 'is in the future' }] : []),
        ...(sentAt < incident.createdAt ? [{ field: 'body.sentAt', message: 'is before the incident was detected' }] : []),
      ],
      'the report cannot be recorded as sent',
    );
    const next: StoredRegulatorReport = {
      ...before,
      sent: { facts: await liveFacts(trx, incident), text: before.text },
      sentAt,
      sentBy: ctx.actor.name,
      recipient: record.recipient.trim(),
      channel: record.channel?.trim() || null,
      sendNote: record.note?.trim() || null,
      updatedAt: now,
    };
    const saved = await saveReport(trx, before, next);
    const how = saved.channel ? ` by ${saved.channel}` : '';
    await learnTimeline(ctx, trx, incident.id, 'regulator', {
      from: 'draft',
      to: 'sent',
      message: `${before.kind} regulator report sent to ${saved.recipient}${how} at ${new Date(sentAt).toISOString()}`,
    });
    await audit(
      ctx,
      trx,
      'regulator-report.send',
      { type: 'regulator-report', id: before.id },
      {
        after: {
          incidentId: incident.id,
          kind: before.kind,
          sentAt,
          sentBy: saved.sentBy,
          recipient: saved.recipient,
          channel: saved.channel,
          note: saved.sendNote,
        },
      },
    );
    return saved;
  });
}
