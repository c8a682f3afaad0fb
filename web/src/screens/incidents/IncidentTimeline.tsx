// Everything that happened, oldest first: who, when, what, from → to. Refetched whenever the
// page's revision moves (live events reload the incident, and this follows).
import type { TimelineEntry } from '../../api/types';
import { getTimeline } from '../../api/incidents';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { Time } from '../../components/Time';
import { useInterval } from '../../hooks/useInterval';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { asLevel, levelName } from '../../levels';
import type { SectionProps } from './IncidentView';
import { NOTE_POLL_MS, useFollowVersion } from './useFollowVersion';

function describe(entry: TimelineEntry, { t, locale }: I18n): string {
  const l = t.incident.timeline;
  const status = (s: string | null) => (s ? ((t.status.incident as Record<string, string>)[s] ?? s) : l.nobody);
  const level = (s: string | null) => (s ? levelName(asLevel(Number(s)), locale) : l.nobody);
  switch (entry.kind) {
    case 'created':
      return l.created;
    case 'status':
      return l.status(status(entry.from), status(entry.to));
    case 'level':
      return l.level(level(entry.from), level(entry.to));
    case 'facts':
      return l.facts;
    case 'note':
      return l.note;
    case 'paging':
      return l.paging;
    case 'role': {
      const role = entry.message === 'communications' ? t.incident.roles.communications : t.incident.roles.commander;
      return l.role(role, entry.from ?? l.nobody, entry.to ?? l.nobody);
    }
    case 'postmortem':
    case 'regulator': {
      // States of the document (draft → in_review → published; draft → sent); a new item has none.
      const r = t.incident.reporting;
      const names: Record<string, string> = { ...r.reportStatus, ...r.postmortem.status };
      const state = (s: string | null) => (s ? (names[s] ?? s) : l.nobody);
      return (entry.kind === 'postmortem' ? l.postmortem : l.regulator)(state(entry.from), state(entry.to));
    }
  }
}

/** Kinds whose text the server writes (in English); notes and reasons are people's own words. */
const SERVER_WORDS = new Set<TimelineEntry['kind']>(['facts', 'paging', 'postmortem', 'regulator']);

/** The entry's own text: a note, a reason, the new facts (the server's words, often English). */
function detail(entry: TimelineEntry): string | null {
  if (entry.kind === 'role') return null;
  if (entry.kind === 'facts') return entry.to;
  return entry.message;
}

export function IncidentTimeline({ incident, revision }: SectionProps) {
  const i18n = useI18n();
  const l = i18n.t.incident.timeline;
  const query = useQuery(`incident-timeline:${incident.id}`, (signal) => getTimeline(incident.id, signal));
  useFollowVersion(query.reload, revision);
  useInterval(() => {
    if (incident.status !== 'resolved') query.reload();
  }, NOTE_POLL_MS);

  return (
    <section className="card incident-section" aria-labelledby="incident-timeline">
      <h2 id="incident-timeline">{l.title}</h2>
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={l.empty}>
        {(page) => (
          <ol className="incident-timeline">
            {page.items.map((entry) => {
              const text = detail(entry);
              return (
                <li key={entry.id} data-kind={entry.kind}>
                  <span className="incident-timeline-when muted">
                    <Time value={entry.at} mode="absolute" />
                  </span>
                  <span>
                    <strong>{entry.actor.name}</strong> {describe(entry, i18n)}
                  </span>
                  {text && (
                    <span className="incident-timeline-text" lang={SERVER_WORDS.has(entry.kind) ? 'en' : undefined}>
                      {text}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </QueryView>
    </section>
  );
}
