// The virtualised monitor list: one fixed-height row per monitor, only those in view in the DOM.
import { memo } from 'react';
import { Link, useRouter } from '../../app/router';
import { StatusBadge } from '../../components/StatusBadge';
import { VirtualList } from '../../components/VirtualList';
import { useI18n } from '../../i18n/I18nProvider';
import { formatPct, meanUptime } from './format';
import type { MonitorRowData } from './useMonitorList';
import { useNarrow } from './useNarrow';
import { UptimeBars } from './UptimeBars';

const ROW_HEIGHT = 60;
const ROW_HEIGHT_NARROW = 100;

const MonitorRow = memo(function MonitorRow({ row }: { row: MonitorRowData }) {
  const { t } = useI18n();
  const m = row.monitor;
  return (
    <>
      <div role="cell" className="mr-state">
        <StatusBadge kind="monitor" value={row.state} />
      </div>
      <div role="cell" className="mr-name">
        <Link to={{ name: 'monitor', id: m.id }} className="monitor-link" data-monitor-name={m.name}>
          <span className="monitor-link-name">{m.name}</span>
          <span className="monitor-link-sub">
            {m.serviceId} · {t.monitors.kinds[m.kind]}
          </span>
        </Link>
      </div>
      <div role="cell" className="mr-latency num">
        {m.lastLatencyMs === null || m.paused ? t.common.none : t.monitors.latencyMs(m.lastLatencyMs)}
      </div>
      <div role="cell" className="mr-bars">
        <UptimeBars days={m.uptime90d} />
      </div>
      <div role="cell" className="mr-uptime num">
        {formatPct(meanUptime(m.uptime90d), t.common.none)}
      </div>
    </>
  );
});

export function MonitorRows({ rows }: { rows: MonitorRowData[] }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const narrow = useNarrow();
  const l = t.monitors.list;
  return (
    <VirtualList
      label={l.caption}
      items={rows}
      rowHeight={narrow ? ROW_HEIGHT_NARROW : ROW_HEIGHT}
      rowKey={(row) => row.monitor.id}
      rowClassName="monitor-grid"
      onActivate={(row) => navigate({ name: 'monitor', id: row.monitor.id })}
      header={
        <>
          <div role="columnheader" className="mr-state">
            {l.state}
          </div>
          <div role="columnheader" className="mr-name">
            {l.name} / {l.service} · {l.kind}
          </div>
          <div role="columnheader" className="mr-latency num">
            {l.latency}
          </div>
          <div role="columnheader" className="mr-bars">
            {l.bars}
          </div>
          <div role="columnheader" className="mr-uptime num">
            {l.uptime}
          </div>
        </>
      }
      renderRow={(row) => <MonitorRow row={row} />}
    />
  );
}
