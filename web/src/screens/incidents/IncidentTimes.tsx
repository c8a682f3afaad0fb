// The milestones in the reader's time zone (started, detected, acknowledged, mitigated, resolved),
// how long it has lasted, and the response deadlines the level sets.
import { Time, useNow } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';

const MILESTONES = ['startedAt', 'createdAt', 'acknowledgedAt', 'mitigatedAt', 'resolvedAt'] as const;

export function IncidentTimes({ incident }: SectionProps) {
  const { t, fmt } = useI18n();
  const now = useNow();
  const m = t.incident.times;
  const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now;
  const lasted = fmt.duration(Math.max(0, (end - Date.parse(incident.startedAt)) / 1000));
  const deadlines = [
    { key: 'ack', label: m.ackDue, at: incident.acknowledgedAt ? null : incident.response.ackDueAt },
    { key: 'regulator', label: m.regulatorDue, at: incident.response.regulatorReportDueAt },
  ].filter((d) => d.at);

  return (
    <section className="card incident-section" aria-labelledby="incident-times">
      <h2 id="incident-times">{m.title}</h2>
      <dl className="incident-times">
        {MILESTONES.map((key) => {
          const at = incident[key];
          return (
            <div key={key} data-milestone={key}>
              <dt>{m[key]}</dt>
              <dd>{at ? <Time value={at} mode="absolute" /> : <span className="muted">{m.notYet}</span>}</dd>
            </div>
          );
        })}
        <div>
          <dt>{m.duration}</dt>
          <dd>{incident.resolvedAt ? lasted : t.incidents.table.ongoing(lasted)}</dd>
        </div>
        {deadlines.map((d) => (
          <div key={d.key}>
            <dt>{d.label}</dt>
            <dd>
              <Time value={d.at ?? ''} mode="absolute" />
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted incident-note">{m.zone(fmt.timeZone)}</p>
    </section>
  );
}
