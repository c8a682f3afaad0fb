import { listDownMonitors } from '../../api/monitors';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { QueryView } from '../../components/StateView';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';

export function MonitorsDown() {
  const { t } = useI18n();
  const query = useQuery('monitors-down', listDownMonitors);
  useReloadOnLive(query.reload, (event) => event.type === 'monitor');
  const m = t.now.monitors;

  return (
    <section className="card" aria-labelledby="now-monitors-title">
      <h2 id="now-monitors-title">{m.title}</h2>
      <QueryView query={query} isEmpty={(items) => items.length === 0} empty={m.empty}>
        {(items) => (
          <ul className="plain-list">
            {items.map((monitor) => (
              <li key={monitor.id}>
                <Link to={{ name: 'monitor', id: monitor.id }}>{monitor.name}</Link> <StatusBadge kind="monitor" value={monitor.state} />{' '}
                <span className="muted">
                  <Time value={monitor.stateSince} />
                </span>
                {monitor.lastError && (
                  <p className="muted monitor-error" lang="en">
                    {monitor.lastError}
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
