// Why the incident has its level: the label, the rules that fired (each with the facts behind it,
// in the server's words) and the impact facts it was graded on.
import type { IncidentDetail } from '../../api/types';
import { LevelBadge } from '../../components/LevelBadge';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';

export function LevelWhy({ incident }: SectionProps) {
  const { t, locale } = useI18n();
  const w = t.incident.why;
  const label = locale === 'en' ? incident.levelLabel.en : incident.levelLabel.zh;
  return (
    <section className="card incident-section" aria-labelledby="incident-why">
      <h2 id="incident-why">{w.title}</h2>
      <p className="incident-why-label">
        <LevelBadge level={incident.level} /> <strong>{label}</strong>
        {incident.levelLabel.nationalTier && <span className="muted"> · {w.nationalTier(incident.levelLabel.nationalTier)}</span>}
      </p>
      <h3>{w.reasons}</h3>
      {incident.levelReasons.length === 0 ? (
        <p className="muted">{w.noReasons}</p>
      ) : (
        <ul className="incident-reasons">
          {incident.levelReasons.map((r, index) => (
            <li key={`${r.rule}-${index}`}>
              <LevelBadge level={r.level} /> <strong>{w.rules[r.rule] ?? r.rule}</strong>{' '}
              {w.rules[r.rule] && (
                <span className="muted" lang="en">
                  ({r.rule})
                </span>
              )}
              <p className="incident-reason-detail" lang="en">
                {r.detail}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h3>{w.facts}</h3>
      <Facts incident={incident} />
    </section>
  );
}

function Facts({ incident }: { incident: IncidentDetail }) {
  const { t, locale } = useI18n();
  const w = t.incident.why;
  const number = (n: number | null) => (n === null ? w.unknown : n.toLocaleString(locale));
  return (
    <dl className="incident-facts">
      <div>
        <dt>{w.affected}</dt>
        <dd>
          {incident.affected.length === 0
            ? t.common.none
            : incident.affected.map((a) => `${a.service} (${t.graph.impacts[a.impact] ?? a.impact})`).join(locale === 'en' ? ', ' : '、')}
        </dd>
      </div>
      <div>
        <dt>{w.usersAffectedPct}</dt>
        <dd>{incident.usersAffectedPct === null ? w.unknown : w.pct(incident.usersAffectedPct)}</dd>
      </div>
      <div>
        <dt>{w.usersAffected}</dt>
        <dd>{number(incident.usersAffected)}</dd>
      </div>
      <div>
        <dt>{w.scope}</dt>
        <dd>{incident.scope === null ? w.unknown : (w.scopes[incident.scope] ?? incident.scope)}</dd>
      </div>
      <div>
        <dt>{w.recordsExposed}</dt>
        <dd>{number(incident.recordsExposed)}</dd>
      </div>
    </dl>
  );
}
