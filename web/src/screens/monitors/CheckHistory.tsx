// The raw check results, newest first, a page at a time (`before` = the oldest one shown).
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { monitorResults } from '../../api/monitors';
import type { CheckResultRow } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/StateView';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

const PAGE = 50;

export function CheckHistory({ id, round }: { id: string; round: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const key = `results:${id}:${round}`;
  const query = useQuery(key, (signal) => monitorResults(id, null, PAGE, signal));
  // Older pages, for the first page they continue (a new round starts again).
  const [older, setOlder] = useState<{ key: string; rows: CheckResultRow[]; done: boolean }>({ key: '', rows: [], done: false });
  const [busy, setBusy] = useState(false);
  const h = t.monitors.history;
  const extra = older.key === key ? older : { key, rows: [], done: false };

  const loadMore = async (shown: CheckResultRow[]) => {
    const last = shown.at(-1);
    if (!last) return;
    setBusy(true);
    try {
      const { items } = await monitorResults(id, last.at, PAGE);
      setOlder({ key, rows: [...extra.rows, ...items], done: items.length < PAGE });
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{h.title}</h2>
      <QueryView query={query} isEmpty={(data) => data.items.length === 0} empty={h.empty}>
        {(data) => {
          const rows = [...data.items, ...extra.rows];
          const more = data.items.length === PAGE && !extra.done;
          return (
            <>
              <DataTable<CheckResultRow>
                caption={h.caption}
                rows={rows}
                rowKey={(r) => `${r.at}|${r.location}`}
                columns={[
                  { key: 'at', header: h.at, render: (r) => <Time value={r.at} mode="absolute" /> },
                  { key: 'location', header: h.location, render: (r) => <span lang="en">{r.location}</span> },
                  { key: 'status', header: h.status, render: (r) => <StatusBadge kind="monitor" value={r.status} /> },
                  {
                    key: 'latency',
                    header: h.latency,
                    className: 'num',
                    render: (r) => (r.latencyMs === null ? t.common.none : t.monitors.latencyMs(r.latencyMs)),
                  },
                  { key: 'error', header: h.error, render: (r) => (r.error ? <span lang="en">{r.error}</span> : t.common.none) },
                ]}
              />
              {more ? (
                <button type="button" className="button history-more" disabled={busy} onClick={() => void loadMore(rows)}>
                  {h.more}
                </button>
              ) : (
                rows.length > PAGE && <p className="muted">{h.end}</p>
              )}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
