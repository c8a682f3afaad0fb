// Reliability reports (GET /reports/metrics and /reports/incident-counts, docs/reports.md): how
// many incidents, at which levels, and how fast they were detected, acknowledged, mitigated and
// resolved, over a range in the reader's time zone; each chart with its table and its CSV.
import { countsCsvUrl, fetchIncidentCounts, fetchMetricsReport, metricsCsvUrl } from '../../api/reports';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { useRouter } from '../../app/router';
import { FormField } from '../../components/FormField';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { IncidentCountsChart } from './IncidentCountsChart';
import { choiceSearch, GROUPS, intervalOf, RANGES, rangeOf, readChoice, type ReportChoice } from './report-range';
import { ResponseTimes } from './ResponseTimes';
import { SloTable } from './SloTable';
import './reports.css';

export function ReportsScreen() {
  const { t, fmt } = useI18n();
  const r = t.reports;
  const { location, navigate } = useRouter();
  const choice = readChoice(location.search);
  const tz = fmt.timeZone;
  const interval = intervalOf(choice.range);
  // Each load ends its range at the moment it asks (a reload moves it on); the answer keeps it.
  const counts = useQuery(`report-counts:${choice.range}:${tz}`, async (signal) => {
    const { range } = rangeOf(choice.range, Date.now(), tz);
    return { range, report: await fetchIncidentCounts(range, interval, signal) };
  });
  const metrics = useQuery(`report-metrics:${choice.range}:${tz}:${choice.groupBy}`, async (signal) => {
    const { range } = rangeOf(choice.range, Date.now(), tz);
    return { range, report: await fetchMetricsReport(range, choice.groupBy, signal) };
  });
  // New and closed incidents move the figures; a few seconds late is fine for a report.
  useReloadOnLive(
    () => {
      counts.reload();
      metrics.reload();
    },
    (event) => event.type === 'incident',
    5000,
  );
  const shown = counts.data?.range;

  const choose = (next: Partial<ReportChoice>) => navigate(`/reports${choiceSearch({ ...choice, ...next })}`, { replace: true });

  return (
    <Page title={r.title}>
      <form className="card report-choices" aria-label={r.title} onSubmit={(e) => e.preventDefault()}>
        <FormField label={r.range.label}>
          {(control) => (
            <select
              {...control}
              name="range"
              value={choice.range}
              onChange={(e) => choose({ range: e.target.value as ReportChoice['range'] })}
            >
              {RANGES.map((key) => (
                <option key={key} value={key}>
                  {r.range[key]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={r.groupBy.label}>
          {(control) => (
            <select
              {...control}
              name="groupBy"
              value={choice.groupBy}
              onChange={(e) => choose({ groupBy: e.target.value as ReportChoice['groupBy'] })}
            >
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {r.groupBy[g]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <p className="muted report-note">
          {shown && `${fmt.dateTime(shown.from)} – ${fmt.dateTime(shown.to)} (${tz}). `}
          {r.drills}
        </p>
      </form>

      <section className="card report-section" aria-labelledby="report-counts-title">
        <div className="report-head">
          <h2 id="report-counts-title">
            {r.counts.title} <span className="muted">{r.counts.per[interval]}</span>
          </h2>
          {counts.data && (
            <a className="button" href={countsCsvUrl(counts.data.range, interval)} download>
              {r.counts.csv}
            </a>
          )}
        </div>
        <QueryView query={counts}>{(data) => <IncidentCountsChart report={data.report} />}</QueryView>
      </section>

      <section className="card report-section" aria-labelledby="report-times-title">
        <div className="report-head">
          <h2 id="report-times-title">{r.times.title}</h2>
          {metrics.data && (
            <a className="button" href={metricsCsvUrl(metrics.data.range, choice.groupBy)} download>
              {r.times.csv}
            </a>
          )}
        </div>
        <p className="muted">{r.times.caption}</p>
        <QueryView query={metrics}>{(data) => <ResponseTimes report={data.report} />}</QueryView>
      </section>
      <SloTable />
    </Page>
  );
}
