// /monitors: every monitor in one virtualised list (10,000 stay smooth), filtered by text and state,
// kept live; responders create monitors here.
import { useDeferredValue, useMemo, useState } from 'react';
import { useMe } from '../../app/session';
import { Page } from '../../components/Page';
import { EmptyState, QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { CreateMonitor } from './CreateMonitor';
import { MonitorFilters, useMonitorFilter } from './MonitorFilters';
import { MonitorRows } from './MonitorRows';
import { absoluteUrl, PushUrlNotice } from './PushUrlNotice';
import { useMonitorList } from './useMonitorList';
import './monitors.css';

export function MonitorsScreen() {
  const { t } = useI18n();
  const me = useMe();
  const canWrite = me.role !== 'viewer';
  const [creating, setCreating] = useState(false);
  const [pushUrl, setPushUrl] = useState<string | null>(null);
  const { query, rows } = useMonitorList();
  const [filter, setFilter] = useMonitorFilter();
  const text = useDeferredValue(filter.text.trim().toLowerCase());
  const visible = useMemo(
    () =>
      rows.filter(
        (r) =>
          (!filter.state || r.state === filter.state) &&
          (!text || r.monitor.name.toLowerCase().includes(text) || r.monitor.serviceId.toLowerCase().includes(text)),
      ),
    [rows, filter.state, text],
  );

  const actions = canWrite && (
    <button type="button" className="button button-primary" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
      {creating ? t.monitors.closeForm : t.monitors.new}
    </button>
  );

  return (
    <Page title={t.monitors.title} actions={actions}>
      {creating && (
        <CreateMonitor
          onCreated={(created) => {
            setCreating(false);
            if (created.pushUrl) setPushUrl(absoluteUrl(created.pushUrl));
            query.reload();
          }}
        />
      )}
      {pushUrl && <PushUrlNotice url={pushUrl} onDone={() => setPushUrl(null)} />}
      <QueryView query={query} isEmpty={(data) => data.length === 0} empty={t.monitors.empty}>
        {() => (
          <>
            <MonitorFilters filter={filter} onChange={setFilter} shown={visible.length} total={rows.length} />
            {visible.length === 0 ? (
              <EmptyState
                action={
                  <button type="button" className="button" onClick={() => setFilter({ text: '', state: '' })}>
                    {t.monitors.filter.clear}
                  </button>
                }
              >
                {t.monitors.filter.none}
              </EmptyState>
            ) : (
              <MonitorRows rows={visible} />
            )}
          </>
        )}
      </QueryView>
    </Page>
  );
}
