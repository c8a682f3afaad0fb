import type { LevelLabel } from '../domain/grading/policy.js';
import type { IncidentFacts } from '../domain/learn/postmortem.js';
import type { Block } from './document.js';
import { formatDuration, formatTime, type Lang } from './format.js';
import { LABELS } from './labels.js';

/** Blocks both documents print from the drafted facts: times, level, who and what was affected. */
export function factBlocks(facts: IncidentFacts, lang: Lang, timeZone: string) {
  const l = LABELS[lang];
  const time = (ms: number | null) => formatTime(ms, timeZone, l.none);
  const number = (n: number | null) => (n === null ? l.none : n.toLocaleString(lang));
  return {
    times: {
      kind: 'fields',
      rows: [
        [l.times.started, time(facts.startedAt)],
        [l.times.detected, time(facts.detectedAt)],
        [l.times.acknowledged, time(facts.acknowledgedAt)],
        [l.times.mitigated, time(facts.mitigatedAt)],
        [l.times.resolved, time(facts.resolvedAt)],
        [l.times.duration, formatDuration(facts.durationMs, lang, l.none)],
        [l.times.timeToDetect, formatDuration(Math.max(0, facts.timeToDetectMs), lang, l.none)],
      ],
    } satisfies Block,
    affected: {
      kind: 'fields',
      rows: [
        [l.impactFacts.services, services(facts, lang) || l.none],
        [l.impactFacts.usersAffected, number(facts.usersAffected)],
        [l.impactFacts.usersAffectedPct, facts.usersAffectedPct === null ? l.none : `${facts.usersAffectedPct}%`],
        [l.impactFacts.scope, facts.scope === null ? l.none : (l.scopes[facts.scope] ?? facts.scope)],
        [l.impactFacts.recordsExposed, number(facts.recordsExposed)],
      ],
    } satisfies Block,
  };
}

/** `Payments (pay): outage, Storage (storage)`: each service, with its impact where it has one directly. */
export function services(facts: IncidentFacts, lang: Lang): string {
  const l = LABELS[lang];
  return facts.services
    .map((s) => `${s.name} (${s.id})${s.impact ? `: ${l.impactTypes[s.impact] ?? s.impact}` : ''}`)
    .join(lang === 'zh-CN' ? '；' : '; ');
}

/** The incident's impact types in words (`outage, data leak`), the drafted "type of incident". */
export function impactTypes(facts: IncidentFacts, lang: Lang): string {
  const l = LABELS[lang];
  const types = [...new Set(facts.services.flatMap((s) => (s.impact ? [s.impact] : [])))];
  return types.map((t) => l.impactTypes[t] ?? t).join(lang === 'zh-CN' ? '、' : ', ');
}

export function levelText(label: LevelLabel, lang: Lang, drill: boolean): string {
  const l = LABELS[lang];
  const name = lang === 'zh-CN' ? label.zh : label.en;
  const tier = label.nationalTier ? ` (${label.nationalTier})` : '';
  return `${name}${tier}${drill ? l.drill : ''}`;
}
