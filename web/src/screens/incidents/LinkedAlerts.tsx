// The alerts grouped into this incident (`GET …/alerts`): what fired, how often, whether it cleared.
import { getIncidentAlerts } from '../../api/incidents';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';
import { useFollowVersion } from './useFollowVersion';

const SHOWN_LABELS = 6;

export function LinkedAlerts({ incident, revision }: SectionProps) {
  const { t } = useI18n();
  const a = t.incident.alerts;
  const query = useQuery(`incident-alerts:${incident.id}`, (signal) => getIncidentAlerts(incident.id, signal));
  useFollowVersion(query.reload, revision);

  return (
    <section className="card incident-section" aria-labelledby="incident-alerts">
      <h2 id="incident-alerts">{a.title}</h2>
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={a.empty}>
        {(page) => (
          <ul className="incident-alerts">
            {page.items.map((alert) => (
              <li key={alert.id} data-alert-status={alert.status}>
                <p className="incident-alert-summary">
                  <strong>{alert.summary}</strong>
                </p>
                <p className="incident-alert-meta muted">
                  <span className="badge status-badge" data-tone={alert.resolvedAt ? 'quiet' : 'alert'}>
                    <span className="status-dot" aria-hidden="true" />
                    {alert.resolvedAt ? a.resolved : a.open}
                  </span>{' '}
                  {alert.severity && <span lang="en">{alert.severity} · </span>}
                  {t.graph.impacts[alert.impact] ?? alert.impact} · {a.events(alert.eventCount)} · <Time value={alert.firstAt} /> →{' '}
                  <Time value={alert.lastAt} />
                  {alert.flapping && ` · ${a.flapping}`}
                  {alert.suppressed && ` · ${a.suppressed}`}
                </p>
                {Object.keys(alert.labels).length > 0 && (
                  <p className="incident-alert-labels" lang="en">
                    {Object.entries(alert.labels)
                      .slice(0, SHOWN_LABELS)
                      .map(([key, value]) => (
                        <code key={key}>
                          {key}={value}
                        </code>
                      ))}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
