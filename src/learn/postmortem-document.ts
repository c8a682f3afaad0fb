import type { LevelLabel } from '../domain/grading/policy.js';
import { isActionItemOverdue, type ActionItemStatus } from '../domain/learn/action-item.js';
import type { IncidentFacts, PostmortemStatus, PostmortemText } from '../domain/learn/postmortem.js';
import type { Block, ExportDocument, Section } from './document.js';
import { formatTime, type Lang } from './format.js';
import { factBlocks, levelText } from './incident-facts-blocks.js';
import { LABELS } from './labels.js';

/** What a postmortem document shows, as plain data. */
export interface PostmortemExport {
  organisation: string | null;
  timeZone: string;
  accountabilitySection: boolean;
  levelLabel: LevelLabel;
  status: PostmortemStatus;
  dueAt: number | null;
  ownerName: string | null;
  publishedAt: number | null;
  publishedBy: string | null;
  text: PostmortemText;
  facts: IncidentFacts;
  actionItems: Array<{ title: string; ownerName: string; dueDate: string; dueAt: number; status: ActionItemStatus }>;
  now: number;
}

const text = (value: string | null): Block => ({ kind: 'text', text: value });

/** The postmortem as a document in one language: drafted facts, people's words, action items. */
export function postmortemDocument(p: PostmortemExport, lang: Lang): ExportDocument {
  const l = LABELS[lang];
  const pm = l.postmortem;
  const time = (ms: number | null) => formatTime(ms, p.timeZone, l.none);
  const { times, affected } = factBlocks(p.facts, lang, p.timeZone);
  const level: Block = { kind: 'list', items: p.facts.levelReasons.map((r) => `[${r.rule}] ${r.detail}`) };
  const items: Block =
    p.actionItems.length === 0
      ? { kind: 'note', text: pm.noActionItems }
      : {
          kind: 'table',
          head: pm.itemHead,
          rows: p.actionItems.map((i) => [
            i.title,
            i.ownerName,
            i.dueDate,
            `${pm.itemStatuses[i.status] ?? i.status}${isActionItemOverdue(i, p.now) ? ` (${pm.overdue})` : ''}`,
          ]),
        };
  const sections: Section[] = [
    { heading: pm.summary, blocks: [{ kind: 'note', text: pm.blameless }, text(p.text.summary)] },
    { heading: l.times.heading, blocks: [times] },
    { heading: pm.impactHeading, blocks: [affected, text(p.text.impact)] },
    {
      heading: pm.levelReasons,
      blocks: [{ kind: 'fields', rows: [[l.level, levelText(p.levelLabel, lang, p.facts.incident.drill)]] }, level],
    },
    { heading: pm.rootCause, blocks: [text(p.text.rootCause)] },
    { heading: pm.contributingFactors, blocks: [text(p.text.contributingFactors)] },
    { heading: pm.wentWell, blocks: [text(p.text.wentWell)] },
    { heading: pm.wentBadly, blocks: [text(p.text.wentBadly)] },
    { heading: pm.actionItems, blocks: [items] },
  ];
  // Blameless by default: the accountability section exists only where the organisation asks for it.
  if (p.accountabilitySection) sections.push({ heading: pm.accountability, blocks: [text(p.text.accountability)] });
  sections.push(
    {
      heading: pm.timeline,
      blocks: [{ kind: 'table', head: pm.timelineHead, rows: p.facts.timeline.map((e) => [time(e.at), e.actor, e.kind, timelineWhat(e)]) }],
    },
    {
      heading: pm.alerts,
      blocks: [
        p.facts.alerts.length === 0
          ? { kind: 'note', text: pm.noAlerts }
          : {
              kind: 'table',
              head: pm.alertHead,
              rows: p.facts.alerts.map((a) => [a.summary, a.service ?? l.none, a.status, time(a.firstAt), time(a.resolvedAt)]),
            },
      ],
    },
  );
  return {
    lang,
    title: pm.title(p.facts.incident.number, p.facts.incident.title),
    meta: [
      [l.organisation, p.organisation ?? l.none],
      [l.level, levelText(p.levelLabel, lang, p.facts.incident.drill)],
      [l.status, pm.statuses[p.status] ?? p.status],
      [pm.owner, p.ownerName ?? l.none],
      [pm.dueAt, time(p.dueAt)],
      ...(p.publishedAt === null ? [] : [[pm.publishedAt, `${time(p.publishedAt)} (${p.publishedBy ?? l.none})`] as [string, string]]),
    ],
    sections,
    placeholder: l.placeholder,
    footer: l.generated(time(p.now)),
  };
}

function timelineWhat(e: { from: string | null; to: string | null; message: string | null }): string {
  const change = e.from !== null || e.to !== null ? `${e.from ?? '—'} → ${e.to ?? '—'}` : '';
  return [change, e.message ?? ''].filter(Boolean).join(' · ');
}
