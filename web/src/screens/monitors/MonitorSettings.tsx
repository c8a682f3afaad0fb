import type { LocationVerdict, MonitorDetail } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/StateView';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The settings as the API has them, and each location's current verdict. */
export function MonitorSettings({ monitor: m }: { monitor: MonitorDetail }) {
  const { t, fmt } = useI18n();
  const d = t.monitors.detail;
  const config = Object.entries(m.config);
  return (
    <section className="card" aria-labelledby="monitor-settings">
      <h2 id="monitor-settings">{d.settings}</h2>
      <dl className="detail-facts">
        <div>
          <dt>{d.interval}</dt>
          <dd>{fmt.duration(m.intervalSeconds)}</dd>
        </div>
        {m.kind === 'heartbeat' ? (
          <div>
            <dt>{d.grace}</dt>
            <dd>{fmt.duration(m.graceSeconds)}</dd>
          </div>
        ) : (
          <>
            <div>
              <dt>{d.timeout}</dt>
              <dd>{t.monitors.latencyMs(m.timeoutMs)}</dd>
            </div>
            <div>
              <dt>{d.thresholds}</dt>
              <dd>{d.thresholdsValue(m.failureThreshold, m.recoveryThreshold)}</dd>
            </div>
            <div>
              <dt>{d.quorum}</dt>
              <dd>{m.quorum ?? d.quorumDefault}</dd>
            </div>
            <div>
              <dt>{d.locations}</dt>
              <dd lang="en">{m.locations.join(', ')}</dd>
            </div>
          </>
        )}
        <div>
          <dt>{d.created}</dt>
          <dd>
            <Time value={m.createdAt} mode="absolute" />
          </dd>
        </div>
      </dl>
      {config.length > 0 && (
        <>
          <h3>{d.config}</h3>
          <dl className="detail-facts config-facts" lang="en">
            {config.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{show(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <h3>{d.verdicts}</h3>
      {m.locationStates.length === 0 ? (
        <EmptyState>{d.noVerdicts}</EmptyState>
      ) : (
        <DataTable<LocationVerdict>
          caption={d.verdictsCaption}
          rows={m.locationStates}
          rowKey={(v) => v.location}
          columns={[
            { key: 'location', header: d.location, render: (v) => <span lang="en">{v.location}</span> },
            { key: 'state', header: d.state, render: (v) => <StatusBadge kind="monitor" value={v.state} /> },
            { key: 'last', header: d.lastStatus, render: (v) => t.monitors.checkStatus[v.lastStatus] },
            {
              key: 'latency',
              header: d.latency,
              className: 'num',
              render: (v) => (v.lastLatencyMs === null ? t.common.none : t.monitors.latencyMs(v.lastLatencyMs)),
            },
            { key: 'at', header: d.lastCheck, render: (v) => <Time value={v.lastAt} /> },
            { key: 'error', header: d.lastError, render: (v) => (v.lastError ? <span lang="en">{v.lastError}</span> : t.common.none) },
          ]}
        />
      )}
    </section>
  );
}
