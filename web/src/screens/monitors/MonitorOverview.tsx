import type { MonitorDetail } from '../../api/types';
import { Link } from '../../app/router';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import { formatPct, listedState, meanUptime } from './format';
import { UptimeBars } from './UptimeBars';

/** The monitor now: state, service, last check and the 90 daily bars. */
export function MonitorOverview({ monitor: m }: { monitor: MonitorDetail }) {
  const { t } = useI18n();
  const d = t.monitors.detail;
  return (
    <section className="card" aria-labelledby="monitor-overview">
      <h2 id="monitor-overview">{d.overview}</h2>
      <dl className="detail-facts">
        <div>
          <dt>{d.state}</dt>
          <dd data-monitor-state={listedState(m)}>
            <StatusBadge kind="monitor" value={listedState(m)} />
          </dd>
        </div>
        <div>
          <dt>{d.since}</dt>
          <dd>
            <Time value={m.stateSince} />
          </dd>
        </div>
        <div>
          <dt>{d.service}</dt>
          <dd>
            <Link to={{ name: 'service', id: m.serviceId }}>{m.serviceId}</Link>
          </dd>
        </div>
        <div>
          <dt>{d.kind}</dt>
          <dd>{t.monitors.kinds[m.kind]}</dd>
        </div>
        <div>
          <dt>{m.kind === 'heartbeat' ? d.lastBeat : d.lastCheck}</dt>
          <dd>{m.lastCheckAt ? <Time value={m.lastCheckAt} /> : d.never}</dd>
        </div>
        <div>
          <dt>{d.latency}</dt>
          <dd>{m.lastLatencyMs === null ? t.common.none : t.monitors.latencyMs(m.lastLatencyMs)}</dd>
        </div>
        <div>
          <dt>{d.uptime}</dt>
          <dd>{formatPct(meanUptime(m.uptime90d), t.common.none)}</dd>
        </div>
      </dl>
      <UptimeBars days={m.uptime90d} className="uptime-bars-large" />
      {m.lastError && (
        <p className="monitor-last-error">
          <strong>{d.lastError}:</strong> <span lang="en">{m.lastError}</span>
        </p>
      )}
    </section>
  );
}
