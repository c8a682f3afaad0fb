// /monitors/:id — one monitor: what it looks like now, its settings and each location's verdict,
// a latency chart and the raw check history. Live: its state changes reload it.
import { useState } from 'react';
import { getMonitor } from '../../api/monitors';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { CheckHistory } from './CheckHistory';
import { LatencyChart } from './LatencyChart';
import { MonitorActions } from './MonitorActions';
import { MonitorOverview } from './MonitorOverview';
import { MonitorSettings } from './MonitorSettings';
import { PushUrlNotice } from './PushUrlNotice';
import './monitor-page.css';

export function MonitorScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const query = useQuery(`monitor:${id}`, (signal) => getMonitor(id, signal));
  // Bumped after "check now": the chart and the history read again.
  const [round, setRound] = useState(0);
  const [pushUrl, setPushUrl] = useState<string | null>(null);
  useReloadOnLive(query.reload, (event) => event.type === 'monitor' && event.monitor.id === id);
  const monitor = query.data;

  return (
    <Page
      title={monitor?.name ?? t.placeholders.monitor}
      actions={
        monitor && (
          <MonitorActions
            monitor={monitor}
            onChanged={() => {
              query.reload();
              setRound((r) => r + 1);
            }}
            onPushUrl={setPushUrl}
          />
        )
      }
    >
      {pushUrl && <PushUrlNotice url={pushUrl} onDone={() => setPushUrl(null)} />}
      <QueryView query={query}>
        {(m) => (
          <div className="monitor-page">
            <MonitorOverview monitor={m} />
            <LatencyChart id={m.id} round={round} />
            <MonitorSettings monitor={m} />
            <CheckHistory id={m.id} round={round} />
          </div>
        )}
      </QueryView>
    </Page>
  );
}
