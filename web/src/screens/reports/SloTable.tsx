// Availability SLOs now (GET /reports/slos, docs/slo.md): how close each service is to its
// target, how much error budget is left (a bar that empties), and how fast it is burning, with
// the multi-window alerts named. Nothing here is computed in the browser.
import { fetchSloReport, sloCsvUrl } from '../../api/reports';
import type { SloLine } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';

const pct = (value: number | null, digits: number) => (value === null ? '—' : `${value.toFixed(digits)}%`);
const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}×`);

function BudgetLeft({ line }: { line: SloLine }) {
  const { t } = useI18n();
  const s = t.reports.slos;
  const fraction = line.budgetRemainingFraction;
  if (fraction === null) return <span className="muted">{s.noChecks}</span>;
  const shown = Math.max(0, Math.min(1, fraction));
  const state = fraction <= 0 ? 'spent' : fraction < 0.25 ? 'low' : 'ok';
  return (
    <span className="budget" data-state={state}>
      <span className="budget-track" aria-hidden="true">
        <span className="budget-bar" style={{ width: `${(shown * 100).toFixed(1)}%` }} />
      </span>
      <span className="budget-value">
        {(fraction * 100).toFixed(1)}% · {s.minutes(Math.round(line.budgetRemainingMinutes ?? 0))}
      </span>
    </span>
  );
}

export function SloTable() {
  const { t } = useI18n();
  const s = t.reports.slos;
  const query = useQuery('report-slos', fetchSloReport);
  return (
    <section className="card report-section" aria-labelledby="report-slos-title">
      <div className="report-head">
        <h2 id="report-slos-title">{s.title}</h2>
        <a className="button" href={sloCsvUrl()} download>
          {s.csv}
        </a>
      </div>
      <p className="muted">{s.caption}</p>
      <QueryView query={query} isEmpty={(data) => data.items.length === 0} empty={s.empty}>
        {(data) => (
          <div className="table-scroll">
            <table className="slo-table">
              <caption className="visually-hidden">{s.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.service}</th>
                  <th scope="col">{s.name}</th>
                  <th scope="col" className="num">
                    {s.target}
                  </th>
                  <th scope="col" className="num">
                    {s.availability}
                  </th>
                  <th scope="col">{s.budgetLeft}</th>
                  <th scope="col" className="num">
                    {s.burn1h}
                  </th>
                  <th scope="col" className="num">
                    {s.burn6h}
                  </th>
                  <th scope="col">{s.alerts}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((line) => (
                  <tr key={line.sloId} data-slo={line.sloId}>
                    <th scope="row">{line.serviceName}</th>
                    <td>
                      {line.name}
                      <span className="muted"> · {line.window === 'rolling' ? s.rolling(line.windowDays ?? 0) : s.month}</span>
                    </td>
                    <td className="num">{pct(line.targetPct, 2)}</td>
                    <td className="num" data-field="availability">
                      {pct(line.availabilityPct, 3)}
                    </td>
                    <td data-field="budget">
                      <BudgetLeft line={line} />
                    </td>
                    <td className="num">{rate(line.burnRates['1h'])}</td>
                    <td className="num">{rate(line.burnRates['6h'])}</td>
                    <td data-field="alerts">
                      {line.fastBurn && <span className="badge burn-badge">{s.fastBurn}</span>}
                      {line.slowBurn && <span className="badge burn-badge">{s.slowBurn}</span>}
                      {!line.fastBurn && !line.slowBurn && <span className="muted">{s.none}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
