import type { LevelLabel } from '../domain/grading/policy.js';
import type { IncidentFacts } from '../domain/learn/postmortem.js';
import type { RegulatorClock, RegulatorReportKind, RegulatorText } from '../domain/learn/regulator-report.js';
import type { Block, ExportDocument, Section } from './document.js';
import { formatTime, type Lang } from './format.js';
import { factBlocks, impactTypes, levelText, services } from './incident-facts-blocks.js';
import { LABELS } from './labels.js';

/** What a regulator report document shows, as plain data. */
export interface RegulatorExport {
  kind: RegulatorReportKind;
  timeZone: string;
  levelLabel: LevelLabel;
  text: RegulatorText;
  facts: IncidentFacts;
  clock: RegulatorClock;
  sending: { sentAt: number; sentBy: string | null; recipient: string | null; channel: string | null; note: string | null } | null;
  now: number;
}

const text = (value: string | null): Block => ({ kind: 'text', text: value });

/**
 * The report in the order such forms ask: who reports, what happened when and where, what it hit,
 * what was done, why, what next (and, in the final report, the summary and corrective measures).
 */
export function regulatorDocument(r: RegulatorExport, lang: Lang): ExportDocument {
  const l = LABELS[lang];
  const g = l.regulator;
  const time = (ms: number | null) => formatTime(ms, r.timeZone, l.none);
  const { times } = factBlocks(r.facts, lang, r.timeZone);
  const or = (value: string | null, drafted: string) => value ?? (drafted || l.placeholder);
  const basics: Block = {
    kind: 'fields',
    rows: [
      [l.organisation, or(r.text.organisation, '')],
      [g.contact, or(r.text.contact, '')],
      [l.incident, `#${r.facts.incident.number} ${r.facts.incident.title}`],
      [g.occurredAt, time(r.facts.startedAt)],
      [l.times.detected, time(r.facts.detectedAt)],
      [g.location, or(r.text.location, '')],
      [g.incidentType, or(r.text.incidentType, impactTypes(r.facts, lang))],
      [l.level, levelText(r.levelLabel, lang, r.facts.incident.drill)],
    ],
  };
  const affected: Block = {
    kind: 'fields',
    rows: [
      [g.services, services(r.facts, lang) || l.none],
      [l.impactFacts.usersAffected, r.facts.usersAffected === null ? l.none : r.facts.usersAffected.toLocaleString(lang)],
      [l.impactFacts.usersAffectedPct, r.facts.usersAffectedPct === null ? l.none : `${r.facts.usersAffectedPct}%`],
      [l.impactFacts.scope, r.facts.scope === null ? l.none : (l.scopes[r.facts.scope] ?? r.facts.scope)],
    ],
  };
  const sections: Section[] = [
    { heading: g.basics, blocks: [basics] },
    { heading: l.times.heading, blocks: [times] },
    { heading: g.impactHeading, blocks: [affected, text(r.text.impact)] },
    { heading: g.measuresTaken, blocks: [text(r.text.measuresTaken)] },
    { heading: g.causeAnalysis[r.kind], blocks: [text(r.text.causeAnalysis)] },
  ];
  if (r.kind === 'final') {
    sections.push(
      { heading: g.summary, blocks: [text(r.text.summary)] },
      { heading: g.correctiveMeasures, blocks: [text(r.text.correctiveMeasures)] },
    );
  }
  sections.push({ heading: g.nextSteps, blocks: [text(r.text.nextSteps)] });
  sections.push({ heading: g.sending, blocks: [sendingBlock(r, lang)] });
  return {
    lang,
    title: g.title[r.kind],
    meta: [
      [l.organisation, r.text.organisation ?? l.placeholder],
      [l.incident, `#${r.facts.incident.number} ${r.facts.incident.title}`],
      [g.clock, clockLine(r, lang)],
    ],
    sections,
    placeholder: l.placeholder,
    footer: l.generated(time(r.now)),
  };
}

function clockLine(r: RegulatorExport, lang: Lang): string {
  const g = LABELS[lang].regulator;
  if (!r.clock.required || r.clock.dueAt === null) return g.notRequired;
  return `${formatTime(r.clock.dueAt, r.timeZone, '')} (${g.startsAt}: ${formatTime(r.clock.startsAt, r.timeZone, '')})`;
}

function sendingBlock(r: RegulatorExport, lang: Lang): Block {
  const l = LABELS[lang];
  const g = l.regulator;
  const s = r.sending;
  if (!s) return { kind: 'note', text: g.notSent };
  const late = r.kind === 'initial' && r.clock.sentLate ? g.sentLate : '';
  return {
    kind: 'fields',
    rows: [
      [g.sentAt, `${formatTime(s.sentAt, r.timeZone, l.none)}${late}`],
      [g.sentBy, s.sentBy ?? l.none],
      [g.recipient, s.recipient ?? l.none],
      [g.channel, s.channel ?? l.none],
      [g.note, s.note ?? l.none],
    ],
  };
}
