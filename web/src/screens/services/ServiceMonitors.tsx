// The service's monitors (GET /monitors?serviceId=), live like the full list.
import { Link } from '../../app/router';
import { QueryView } from '../../components/StateView';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/I18nProvider';
import { formatPct, meanUptime } from '../monitors/format';
import { UptimeBars } from '../monitors/UptimeBars';
import { useMonitorList } from '../monitors/useMonitorList';

export function ServiceMonitors({ serviceId }: { serviceId: string }) {
  const { t } = useI18n();
  const { query, rows } = useMonitorList(serviceId);
  const d = t.services.detail;
  return (
    <section className="card" aria-labelledby="service-monitors">
      <h2 id="service-monitors">{d.monitors}</h2>
      <QueryView query={query} isEmpty={(list) => list.length === 0} empty={d.noMonitors}>
        {() => (
          <ul className="side-list">
            {rows.map(({ monitor: m, state }) => (
              <li key={m.id} data-monitor-id={m.id}>
                <Link to={{ name: 'monitor', id: m.id }} className="side-link">
                  {m.name}
                </Link>
                <span className="side-meta">
                  <StatusBadge kind="monitor" value={state} />
                  <span className="muted">{t.monitors.kinds[m.kind]}</span>
                  {m.lastLatencyMs !== null && <span>{t.monitors.latencyMs(m.lastLatencyMs)}</span>}
                  <span>{formatPct(meanUptime(m.uptime90d), t.common.none)}</span>
                </span>
                <UptimeBars days={m.uptime90d} />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
