// MTTA and MTTR of the last 30 days (GET /reports/metrics). A server without that report yet
// answers 404: the figures then read "—" with a note instead of an error.
import { isApiError } from '../../api/errors';
import { fetchMetrics } from '../../api/reports';
import type { MetricsSummary } from '../../api/types';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { ErrorState, Loading } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';

const DAYS = 30;

async function loadMetrics(signal: AbortSignal): Promise<MetricsSummary | null> {
  const to = new Date();
  const from = new Date(to.getTime() - DAYS * 24 * 3600_000);
  try {
    return (await fetchMetrics(from, to, signal)).overall;
  } catch (err) {
    if (isApiError(err) && err.status === 404) return null;
    throw err;
  }
}

export function RecentMetrics() {
  const { t, fmt } = useI18n();
  const query = useQuery('metrics-30d', loadMetrics);
  // Figures move when incidents are acknowledged or resolved; a few seconds late is fine.
  useReloadOnLive(query.reload, (event) => event.type === 'incident', 5000);
  const m = t.now.metrics;
  const data = query.data;

  return (
    <section className="card" aria-labelledby="now-metrics-title">
      <h2 id="now-metrics-title">{m.title}</h2>
      {data === undefined && query.error === undefined && <Loading />}
      {query.error !== undefined && <ErrorState error={query.error} onRetry={query.reload} />}
      {data !== undefined && (
        <>
          <dl className="metrics">
            <div>
              <dt>{m.mtta}</dt>
              <dd>{fmt.duration(data?.mttaSeconds)}</dd>
            </div>
            <div>
              <dt>{m.mttr}</dt>
              <dd>{fmt.duration(data?.mttrSeconds)}</dd>
            </div>
            <div>
              <dt>{m.count}</dt>
              <dd>{data ? data.count : t.common.none}</dd>
            </div>
          </dl>
          {data === null && <p className="muted">{m.unavailable}</p>}
        </>
      )}
    </section>
  );
}
