import type { GradingPolicy } from '../domain/grading/policy.js';
import { isActionItemOverdue } from '../domain/learn/action-item.js';
import type { IncidentFacts } from '../domain/learn/postmortem.js';
import type { RegulatorClock } from '../domain/learn/regulator-report.js';
import type { PostmortemExport } from '../learn/postmortem-document.js';
import type { RegulatorExport } from '../learn/regulator-document.js';
import type { PostmortemView } from '../operations/learn/read-postmortems.js';
import type { RegulatorReportView } from '../operations/learn/read-regulator-reports.js';
import type { StoredActionItem } from '../store/action-items-repo.js';
import type { StoredPostmortem } from '../store/postmortems-repo.js';
import type { StoredRegulatorReport } from '../store/regulator-reports-repo.js';
import type { StoredReminder } from '../store/reminders-repo.js';
import { iso, isoOrNull } from './presenters.js';

/** JSON of postmortems, action items, regulator reports and reminders (docs/postmortems.md). */
const person = (id: string | null, names: ReadonlyMap<string, string>) => (id ? { id, name: names.get(id) ?? id } : null);
const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

export function factsJson(f: IncidentFacts, policy: GradingPolicy) {
  return {
    incident: f.incident,
    level: f.level,
    levelLabel: policy.levels[f.level],
    levelReasons: f.levelReasons,
    startedAt: iso(f.startedAt),
    detectedAt: iso(f.detectedAt),
    acknowledgedAt: isoOrNull(f.acknowledgedAt),
    mitigatedAt: isoOrNull(f.mitigatedAt),
    resolvedAt: isoOrNull(f.resolvedAt),
    durationSeconds: seconds(f.durationMs),
    timeToDetectSeconds: f.timeToDetectMs / 1000,
    services: f.services,
    usersAffected: f.usersAffected,
    usersAffectedPct: f.usersAffectedPct,
    scope: f.scope,
    recordsExposed: f.recordsExposed,
    timeline: f.timeline.map((e) => ({ ...e, at: iso(e.at) })),
    alerts: f.alerts.map((a) => ({ ...a, firstAt: iso(a.firstAt), resolvedAt: isoOrNull(a.resolvedAt) })),
  };
}

export function actionItemJson(i: StoredActionItem, names: ReadonlyMap<string, string>, now: number) {
  return {
    id: i.id,
    title: i.title,
    description: i.description,
    owner: { id: i.ownerId, name: names.get(i.ownerId) ?? i.ownerId },
    dueDate: i.dueDate,
    dueAt: iso(i.dueAt),
    status: i.status,
    overdue: isActionItemOverdue(i, now),
    source: i.source,
    sourceId: i.sourceId,
    incidentId: i.incidentId,
    version: i.version,
    createdBy: i.createdBy,
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
    completedAt: isoOrNull(i.completedAt),
  };
}

export function postmortemListItemJson(p: StoredPostmortem, names: ReadonlyMap<string, string>, now: number) {
  return {
    id: p.id,
    incidentId: p.incidentId,
    status: p.status,
    required: p.required,
    dueAt: isoOrNull(p.dueAt),
    overdue: p.status !== 'published' && p.dueAt !== null && now >= p.dueAt,
    owner: person(p.ownerId, names),
    version: p.version,
    createdBy: p.createdBy,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    submittedAt: isoOrNull(p.submittedAt),
    publishedAt: isoOrNull(p.publishedAt),
    publishedBy: p.publishedBy,
  };
}

export function postmortemJson(v: PostmortemView, policy: GradingPolicy, now: number) {
  return {
    ...postmortemListItemJson(v.postmortem, v.names, now),
    text: v.postmortem.text,
    accountabilitySection: v.organisation.accountabilitySection,
    factsFrozen: v.postmortem.facts !== null,
    facts: factsJson(v.facts, policy),
    actionItems: v.actionItems.map((i) => actionItemJson(i, v.names, now)),
  };
}

export function clockJson(c: RegulatorClock) {
  return { ...c, startsAt: isoOrNull(c.startsAt), dueAt: isoOrNull(c.dueAt), sentAt: isoOrNull(c.sentAt) };
}

export function regulatorReportJson(r: StoredRegulatorReport) {
  return {
    id: r.id,
    incidentId: r.incidentId,
    kind: r.kind,
    status: r.sentAt === null ? ('draft' as const) : ('sent' as const),
    text: r.sent?.text ?? r.text,
    sentAt: isoOrNull(r.sentAt),
    sentBy: r.sentBy,
    recipient: r.recipient,
    channel: r.channel,
    note: r.sendNote,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function reminderJson(r: StoredReminder) {
  const { key: _key, ...rest } = r;
  return { ...rest, dueAt: iso(r.dueAt), firedAt: iso(r.firedAt) };
}

/** What the postmortem's Markdown and HTML exports are built from. */
export function postmortemExport(v: PostmortemView, policy: GradingPolicy, now: number): PostmortemExport {
  return {
    organisation: v.organisation.name,
    timeZone: v.organisation.timeZone,
    accountabilitySection: v.organisation.accountabilitySection,
    levelLabel: policy.levels[v.facts.level],
    status: v.postmortem.status,
    dueAt: v.postmortem.dueAt,
    ownerName: v.postmortem.ownerId ? (v.names.get(v.postmortem.ownerId) ?? v.postmortem.ownerId) : null,
    publishedAt: v.postmortem.publishedAt,
    publishedBy: v.postmortem.publishedBy,
    text: v.postmortem.text,
    facts: v.facts,
    actionItems: v.actionItems.map((i) => ({ ...i, ownerName: v.names.get(i.ownerId) ?? i.ownerId })),
    now,
  };
}

export function regulatorExport(v: RegulatorReportView, policy: GradingPolicy, now: number): RegulatorExport {
  const r = v.report;
  return {
    kind: r.kind,
    timeZone: v.organisation.timeZone,
    levelLabel: policy.levels[v.facts.level],
    text: r.text,
    facts: v.facts,
    clock: v.clock,
    sending:
      r.sentAt === null ? null : { sentAt: r.sentAt, sentBy: r.sentBy, recipient: r.recipient, channel: r.channel, note: r.sendNote },
    now,
  };
}
