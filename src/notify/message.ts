import type { Level } from '../domain/grading/policy.js';
import type { ReminderKind } from '../domain/learn/reminders.js';
import { formatTime } from '../learn/format.js';
import { escapeHtml, escapeMarkdown, oneLine } from './text.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/**
 * Why a message goes out: a new page, a repeat because nobody acknowledged, news on an open
 * incident, or a reminder of a deadline about it (a postmortem, an action item, the regulator's clock).
 */
export type MessageKind = 'page' | 'escalation' | 'update' | 'acknowledged' | 'resolved' | 'reminder';
const KIND_ORDER: readonly MessageKind[] = ['page', 'escalation', 'update', 'acknowledged', 'resolved', 'reminder'];

/** One grading rule that fired, as the grading reports it (`GradeReason` fits). */
export interface GradingReason {
  rule: string;
  detail: string;
}

/** The deadline a `reminder` message is about. */
export interface ReminderNote {
  kind: ReminderKind;
  /** Epoch ms of the deadline. */
  dueAt: number;
  /** What the reminder is about where its kind needs it: the action item's title. */
  about: string | null;
  /** A deadline that is a calendar date (an action item's `2025-06-13`), shown instead of the instant. */
  dueDate: string | null;
  /** The IANA zone the deadline is shown in (the organisation's, as in exported documents). */
  timeZone: string;
}

/** Everything a notification says about one incident: plain data, rendered per recipient locale. */
export interface PageMessage {
  incidentId: string;
  incidentNumber: number;
  kind: MessageKind;
  level: Level;
  title: string;
  /** Names of the affected services. */
  services: readonly string[];
  /** Why the incident has its level. */
  reasons: readonly GradingReason[];
  /** Epoch ms the incident was opened. */
  openedAt: number;
  /** Epoch ms the message is rendered for: "open for …" counts up to it. */
  now: number;
  /** A drill incident: every rendering is marked ([演练] / [DRILL]) so nobody takes it for real. */
  drill?: boolean;
  /** The text of the update, for kind `update`. */
  note?: string | null;
  /** The deadline, for kind `reminder`. */
  reminder?: ReminderNote | null;
  incidentUrl?: string | null;
  /** Null once there is nothing left to acknowledge. */
  ackUrl: string | null;
  resolveUrl: string | null;
}

/** A message in one locale, in each form a channel may need. */
export interface RenderedMessage {
  subject: string;
  text: string;
  markdown: string;
  html: string;
}

export interface BundleOptions {
  /** Epoch ms the bundle is rendered for; defaults to the latest `now` of its messages. */
  now?: number;
  /** How many messages are listed one by one (most severe first); the rest are counted. Default 10. */
  maxListed?: number;
  /** Where the full list can be seen, e.g. the console's open incidents. */
  overviewUrl?: string | null;
}

interface Vocabulary {
  drill: string;
  levels: Record<Level, string>;
  tags: Record<MessageKind, string | null>;
  counts: Record<MessageKind, (n: number) => string>;
  services: string;
  why: (level: string) => string;
  open: (duration: string) => string;
  resolvedAfter: (duration: string) => string;
  note: string;
  ack: string;
  resolve: string;
  details: string;
  overview: string;
  reminders: Record<ReminderKind, (due: string, about: string) => string>;
  incident: string;
  due: string;
  colon: string;
  listSep: string;
  more: (n: number, breakdown: string) => string;
  levelCount: (level: string, n: number) => string;
  duration: { underMinute: string; min: string; hour: string; day: string; sep: string };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const VOCABULARY: Record<Locale, Vocabulary> = {
  'zh-CN': {
    drill: '[演练]',
    levels: { 1: '一级', 2: '二级', 3: '三级', 4: '四级' },
    tags: { page: null, escalation: '未确认', update: '进展', acknowledged: '已确认', resolved: '已恢复', reminder: '提醒' },
    counts: {
      page: (n) => `${n} 条新事件`,
      escalation: (n) => `${n} 条未确认事件`,
      update: (n) => `${n} 条进展`,
      acknowledged: (n) => `${n} 条已确认`,
      resolved: (n) => `${n} 条已恢复`,
      reminder: (n) => `${n} 条提醒`,
    },
    services: '影响服务',
    why: (level) => `定级依据（${level}）`,
    open: (d) => `已持续 ${d}`,
    resolvedAfter: (d) => `持续 ${d}后恢复`,
    note: '最新进展',
    ack: '确认',
    resolve: '解决',
    details: '详情',
    overview: '全部事件',
    reminders: {
      'postmortem.due_soon': (due) => `复盘将于 ${due} 到期`,
      'postmortem.overdue': (due) => `复盘已逾期（应于 ${due} 完成）`,
      'action_item.overdue': (_due, about) => (about ? `改进项已逾期：${about}` : '改进项已逾期'),
      'regulator_report.half_time': (due) => `监管报告时限已过半，初报须于 ${due} 前报送`,
      'regulator_report.due_soon': (due) => `监管初报即将到期（${due}）`,
      'regulator_report.overdue': (due) => `监管初报已逾期（应于 ${due} 报送）`,
    },
    incident: '事件',
    due: '截止时间',
    colon: '：',
    listSep: '、',
    more: (n, breakdown) => `…另有 ${n} 条（${breakdown}）`,
    levelCount: (level, n) => `${level} ${n} 条`,
    duration: { underMinute: '不到 1 分钟', min: '分钟', hour: '小时', day: '天', sep: ' ' },
  },
  en: {
    drill: '[DRILL]',
    levels: { 1: 'Level 1', 2: 'Level 2', 3: 'Level 3', 4: 'Level 4' },
    tags: {
      page: null,
      escalation: 'Unacknowledged',
      update: 'Update',
      acknowledged: 'Acknowledged',
      resolved: 'Resolved',
      reminder: 'Reminder',
    },
    counts: {
      page: (n) => plural(n, 'new incident', 'new incidents'),
      escalation: (n) => plural(n, 'unacknowledged incident', 'unacknowledged incidents'),
      update: (n) => plural(n, 'update', 'updates'),
      acknowledged: (n) => `${n} acknowledged`,
      resolved: (n) => `${n} resolved`,
      reminder: (n) => plural(n, 'reminder', 'reminders'),
    },
    services: 'Affected services',
    why: (level) => `Why ${level}`,
    open: (d) => `open for ${d}`,
    resolvedAfter: (d) => `resolved after ${d}`,
    note: 'Update',
    ack: 'Acknowledge',
    resolve: 'Resolve',
    details: 'Details',
    overview: 'All incidents',
    reminders: {
      'postmortem.due_soon': (due) => `Postmortem due ${due}`,
      'postmortem.overdue': (due) => `Postmortem overdue (was due ${due})`,
      'action_item.overdue': (_due, about) => (about ? `Action item overdue: ${about}` : 'Action item overdue'),
      'regulator_report.half_time': (due) => `Half the regulator's reporting time has passed: initial report due ${due}`,
      'regulator_report.due_soon': (due) => `Initial regulator report due soon (${due})`,
      'regulator_report.overdue': (due) => `Initial regulator report overdue (was due ${due})`,
    },
    incident: 'Incident',
    due: 'Due',
    colon: ': ',
    listSep: ', ',
    more: (n, breakdown) => `…and ${n} more (${breakdown})`,
    levelCount: (level, n) => `${n} × ${level}`,
    duration: { underMinute: 'under 1 min', min: 'min', hour: 'h', day: 'd', sep: ' ' },
  },
};

/** The mark a drill's messages carry in front of their headline: `[演练]` / `[DRILL]`. */
export function drillMark(locale: Locale): string {
  return VOCABULARY[locale].drill;
}

/** 一级…四级 or Level 1…4. */
export function levelName(level: Level, locale: Locale): string {
  return VOCABULARY[locale].levels[level];
}

/** "12 分钟", "2 小时 5 分钟", "3 天 4 小时" / "12 min", "2 h 5 min", "3 d 4 h"; minutes are rounded down. */
export function formatDuration(ms: number, locale: Locale): string {
  const d = VOCABULARY[locale].duration;
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return d.underMinute;
  const unit = (n: number, name: string): string => `${n}${d.sep}${name}`;
  if (minutes < 60) return unit(minutes, d.min);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? unit(hours, d.hour) : `${unit(hours, d.hour)} ${unit(minutes % 60, d.min)}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? unit(days, d.day) : `${unit(days, d.day)} ${unit(hours % 24, d.hour)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Link targets in markdown end at a space or a parenthesis; percent-encode those. */
function markdownUrl(url: string): string {
  return url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function headline(msg: PageMessage, v: Vocabulary): string {
  const tag = v.tags[msg.kind];
  const label = tag ? `${v.levels[msg.level]} · ${tag}` : v.levels[msg.level];
  return `${msg.drill ? `${v.drill} ` : ''}[${label}] #${msg.incidentNumber} ${oneLine(msg.title)}`;
}

function durationPhrase(msg: PageMessage, v: Vocabulary, locale: Locale, now = msg.now): string {
  const duration = formatDuration(now - msg.openedAt, locale);
  return msg.kind === 'resolved' ? v.resolvedAfter(duration) : v.open(duration);
}

function links(msg: PageMessage, v: Vocabulary): Array<{ label: string; url: string }> {
  const out: Array<{ label: string; url: string }> = [];
  if (msg.ackUrl) out.push({ label: v.ack, url: msg.ackUrl });
  if (msg.resolveUrl) out.push({ label: v.resolve, url: msg.resolveUrl });
  if (msg.incidentUrl) out.push({ label: v.details, url: msg.incidentUrl });
  return out;
}

/** Renders one message in the recipient's locale: subject, plain text, markdown (robots) and HTML (e-mail). */
export function renderMessage(msg: PageMessage, locale: Locale): RenderedMessage {
  if (msg.kind === 'reminder') return renderReminder(msg, locale);
  const v = VOCABULARY[locale];
  const title = headline(msg, v);
  const services = msg.services.map(oneLine).join(v.listSep);
  const level = v.levels[msg.level];
  const reasons = msg.reasons.map((r) => `${oneLine(r.rule)}${v.colon}${oneLine(r.detail)}`);
  const duration = capitalize(durationPhrase(msg, v, locale));
  const note = msg.note ? oneLine(msg.note) : null;
  const linkList = links(msg, v);

  const text = [
    title,
    `${v.services}${v.colon}${services}`,
    ...(reasons.length > 0 ? [`${v.why(level)}${v.colon.trimEnd()}`, ...reasons.map((r) => `- ${r}`)] : []),
    duration,
    ...(note ? [`${v.note}${v.colon}${note}`] : []),
    ...linkList.map((l) => `${l.label}${v.colon}${l.url}`),
  ].join('\n');

  const markdown = [
    `### ${escapeMarkdown(title)}`,
    `**${v.services}**${v.colon}${escapeMarkdown(services)}`,
    ...(reasons.length > 0 ? [`**${v.why(level)}**${v.colon.trimEnd()}`, ...reasons.map((r) => `- ${escapeMarkdown(r)}`)] : []),
    `**${duration}**`,
    ...(note ? [`> ${v.note}${v.colon}${escapeMarkdown(note)}`] : []),
    ...(linkList.length > 0 ? [linkList.map((l) => `[${l.label}](${markdownUrl(l.url)})`).join(' · ')] : []),
  ].join('\n');

  const html = [
    `<h2>${escapeHtml(title)}</h2>`,
    `<p><strong>${v.services}${v.colon}</strong>${escapeHtml(services)}</p>`,
    ...(reasons.length > 0
      ? [
          `<p><strong>${v.why(level)}${v.colon.trimEnd()}</strong></p>`,
          `<ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`,
        ]
      : []),
    `<p>${escapeHtml(duration)}</p>`,
    ...(note ? [`<p><strong>${v.note}${v.colon}</strong>${escapeHtml(note)}</p>`] : []),
    ...(linkList.length > 0 ? [`<p>${linkList.map((l) => `<a href="${escapeHtml(l.url)}">${l.label}</a>`).join(' · ')}</p>`] : []),
  ].join('\n');

  return { subject: title, text, markdown, html: htmlDocument(locale, html) };
}

/** "复盘将于 2025-06-19 00:00 +08:00 到期" / "Postmortem due 2025-06-19 00:00 +08:00"; the bare tag without a note. */
function reminderWhat(msg: PageMessage, v: Vocabulary): string {
  const r = msg.reminder;
  if (!r) return v.tags.reminder ?? '';
  return v.reminders[r.kind](dueText(r), oneLine(r.about ?? ''));
}

function dueText(r: ReminderNote): string {
  return r.dueDate ?? formatTime(r.dueAt, r.timeZone, '');
}

/**
 * A reminder to one person: what is due, about which incident (level, number, title), and a link
 * to it. It is not a page: no acknowledge or resolve links, and no "open for" (a postmortem's
 * incident is long resolved).
 */
function renderReminder(msg: PageMessage, locale: Locale): RenderedMessage {
  const v = VOCABULARY[locale];
  const title = oneLine(msg.title);
  const subject = `${msg.drill ? `${v.drill} ` : ''}[${v.tags.reminder}] ${reminderWhat(msg, v)} — #${msg.incidentNumber} ${title}`;
  const incident = `${v.levels[msg.level]} · #${msg.incidentNumber} ${title}`;
  const services = msg.services.map(oneLine).join(v.listSep);
  const due = msg.reminder ? dueText(msg.reminder) : null;
  const fields: Array<[string, string]> = [
    [v.incident, incident],
    ...(services ? [[v.services, services] as [string, string]] : []),
    ...(due ? [[v.due, due] as [string, string]] : []),
  ];
  const url = msg.incidentUrl ?? null;

  const text = [subject, ...fields.map(([k, val]) => `${k}${v.colon}${val}`), ...(url ? [`${v.details}${v.colon}${url}`] : [])].join('\n');
  const markdown = [
    `### ${escapeMarkdown(subject)}`,
    ...fields.map(([k, val]) => `**${k}**${v.colon}${escapeMarkdown(val)}`),
    ...(url ? [`[${v.details}](${markdownUrl(url)})`] : []),
  ].join('\n');
  const html = [
    `<h2>${escapeHtml(subject)}</h2>`,
    ...fields.map(([k, val]) => `<p><strong>${k}${v.colon}</strong>${escapeHtml(val)}</p>`),
    ...(url ? [`<p><a href="${escapeHtml(url)}">${v.details}</a></p>`] : []),
  ].join('\n');
  return { subject, text, markdown, html: htmlDocument(locale, html) };
}

function htmlDocument(locale: Locale, body: string): string {
  return `<!doctype html>\n<html lang="${locale}"><body>\n${body}\n</body></html>`;
}

/** Most severe first; at one level, new pages before news, then by incident number. */
function bySeverity(a: PageMessage, b: PageMessage): number {
  return a.level - b.level || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.incidentNumber - b.incidentNumber;
}

/**
 * Renders several messages as one ("3 条新事件…" / "3 new incidents…"), used when a channel's rate
 * limit is reached. Every message is counted; the most severe are listed one by one.
 */
export function renderBundle(messages: readonly PageMessage[], locale: Locale, options: BundleOptions = {}): RenderedMessage {
  if (messages.length === 0) throw new RangeError('renderBundle needs at least one message');
  const v = VOCABULARY[locale];
  const now = options.now ?? Math.max(...messages.map((m) => m.now));
  const sorted = [...messages].sort(bySeverity);
  const listed = sorted.slice(0, Math.max(1, options.maxListed ?? 10));
  const rest = sorted.slice(listed.length);

  const counts = KIND_ORDER.map((kind) => ({ kind, n: messages.filter((m) => m.kind === kind).length })).filter((c) => c.n > 0);
  const heading = counts.map((c) => v.counts[c.kind](c.n)).join(v.listSep);
  // Each listed drill is marked by its own headline; the subject too when the bundle is all drills.
  const allDrills = messages.every((m) => m.drill === true);
  const subject = `${allDrills ? `${v.drill} ` : ''}[${v.levels[sorted[0]!.level]}] ${heading}`;
  const more = rest.length > 0 ? v.more(rest.length, levelBreakdown(rest, v)) : null;
  const overview = options.overviewUrl ?? null;

  const item = (m: PageMessage): { line: string; ack: string | null } => {
    // A reminder says what is due; "open for" would mislead on a long-resolved incident.
    if (m.kind === 'reminder') return { line: `${headline(m, v)} · ${reminderWhat(m, v)}`, ack: null };
    const services = m.services.map(oneLine).join(v.listSep);
    const parts = [headline(m, v), ...(services ? [services] : []), durationPhrase(m, v, locale, now)];
    return { line: parts.join(' · '), ack: m.ackUrl };
  };
  const items = listed.map(item);

  const text = [
    subject,
    ...items.map((i) => `- ${i.line}${i.ack ? ` · ${v.ack}${v.colon}${i.ack}` : ''}`),
    ...(more ? [more] : []),
    ...(overview ? [`${v.overview}${v.colon}${overview}`] : []),
  ].join('\n');

  const markdown = [
    `### ${escapeMarkdown(subject)}`,
    ...items.map((i) => `- ${escapeMarkdown(i.line)}${i.ack ? ` · [${v.ack}](${markdownUrl(i.ack)})` : ''}`),
    ...(more ? [more] : []),
    ...(overview ? [`[${v.overview}](${markdownUrl(overview)})`] : []),
  ].join('\n');

  const html = [
    `<h2>${escapeHtml(subject)}</h2>`,
    `<ul>${items.map((i) => `<li>${escapeHtml(i.line)}${i.ack ? ` · <a href="${escapeHtml(i.ack)}">${v.ack}</a>` : ''}</li>`).join('')}</ul>`,
    ...(more ? [`<p>${escapeHtml(more)}</p>`] : []),
    ...(overview ? [`<p><a href="${escapeHtml(overview)}">${v.overview}</a></p>`] : []),
  ].join('\n');

  return { subject, text, markdown, html: htmlDocument(locale, html) };
}

function levelBreakdown(messages: readonly PageMessage[], v: Vocabulary): string {
  const levels: Level[] = [1, 2, 3, 4];
  return levels
    .map((level) => ({ level, n: messages.filter((m) => m.level === level).length }))
    .filter((c) => c.n > 0)
    .map((c) => v.levelCount(v.levels[c.level], c.n))
    .join(v.listSep);
}
