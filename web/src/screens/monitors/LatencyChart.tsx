// Latency over time from the rollups (GET /monitors/{id}/rollups): p50, p95, p99 and the mean, by
// minute, hour or day. The grain is in the query string (?grain=) like every other view choice.
import { monitorRollups, type Grain } from '../../api/monitors';
import { useQuery } from '../../api/useQuery';
import { useRouter } from '../../app/router';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { LineChart, type Series } from './LineChart';

const GRAINS: Grain[] = ['minute', 'hour', 'day'];
const SPAN_MS: Record<Grain, number> = { minute: 6 * 3600_000, hour: 7 * 86400_000, day: 90 * 86400_000 };
const STEP_MS: Record<Grain, number> = { minute: 60_000, hour: 3600_000, day: 86400_000 };

export function LatencyChart({ id, round }: { id: string; round: number }) {
  const { t, locale, fmt } = useI18n();
  const { location, navigate } = useRouter();
  const params = new URLSearchParams(location.search);
  const asked = params.get('grain');
  const grain: Grain = GRAINS.find((g) => g === asked) ?? 'minute';
  const query = useQuery(`rollups:${id}:${grain}:${round}`, async (signal) => {
    const to = Date.now();
    const from = to - SPAN_MS[grain];
    const { items } = await monitorRollups(id, grain, new Date(from), signal);
    return { from, to: to + STEP_MS[grain], items };
  });
  const c = t.monitors.chart;
  const series: Series[] = [
    { key: 'p50', label: 'p50', className: 'series-p50' },
    { key: 'p95', label: 'p95', className: 'series-p95' },
    { key: 'p99', label: 'p99', className: 'series-p99' },
    { key: 'mean', label: c.mean, className: 'series-mean' },
  ];
  const axis = new Intl.DateTimeFormat(locale, {
    ...(grain === 'minute'
      ? { hour: '2-digit', minute: '2-digit' }
      : grain === 'hour'
        ? { month: 'numeric', day: 'numeric', hour: '2-digit' }
        : { month: 'numeric', day: 'numeric' }),
    timeZone: grain === 'day' ? 'UTC' : fmt.timeZone, // day rollups are UTC days
  });

  const choose = (g: Grain) => {
    const next = new URLSearchParams(location.search);
    if (g === 'minute') next.delete('grain');
    else next.set('grain', g);
    const search = next.toString();
    navigate(`${location.pathname}${search ? `?${search}` : ''}`, { replace: true });
  };

  return (
    <section className="card" aria-labelledby="latency-title">
      <div className="section-head">
        <h2 id="latency-title">
          {c.title} <span className="muted section-sub">{c.ranges[grain]}</span>
        </h2>
        <div className="segmented" role="group" aria-label={c.grain}>
          {GRAINS.map((g) => (
            <button key={g} type="button" className="button" aria-pressed={g === grain} onClick={() => choose(g)}>
              {c.grains[g]}
            </button>
          ))}
        </div>
      </div>
      <QueryView query={query} isEmpty={(data) => data.items.length === 0} empty={c.empty}>
        {(data) => (
          <>
            <LineChart
              label={c.label(c.grains[grain])}
              series={series}
              from={data.from}
              to={data.to}
              points={data.items.map((r) => ({
                at: Date.parse(r.start),
                values: { p50: r.p50, p95: r.p95, p99: r.p99, mean: r.latencyMeanMs },
              }))}
              formatX={(at) => axis.format(at)}
              formatY={(v) => `${Math.round(v)} ${c.ms}`}
            />
            <p className="muted chart-note">{c.percentileNote}</p>
          </>
        )}
      </QueryView>
    </section>
  );
}
