// Incidents per day, week or month, stacked by level in the shared level colours (level 1 at the
// bottom, where the eye starts), drawn as one SVG; the same figures as a table for screen readers
// and for copying.
import type { CountsPeriod, IncidentCountsReport } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { LEVELS, levelName } from '../../levels';
import '../../styles/charts.css';

const W = 720;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };

/** A round upper bound for the axis and a whole tick step (1, 2 or 5 × 10ⁿ), at most five ticks above 0. */
export function axisTop(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const steps = [1, 2, 5].flatMap((m) => [(m * magnitude) / 10, m * magnitude]).filter((s) => s >= 1 && Number.isInteger(s));
  const step = steps.sort((a, b) => a - b).find((s) => s * 5 >= max) ?? magnitude * 10;
  return { top: Math.ceil(max / step) * step, step };
}

export function IncidentCountsChart({ report }: { report: IncidentCountsReport }) {
  const { t, locale } = useI18n();
  const c = t.reports.counts;
  const periods = report.periods;
  const { top, step } = axisTop(Math.max(0, ...periods.map((p) => p.count)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(periods.length, 1);
  const bar = Math.max(slot * 0.7, 1);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  // At most ~10 short labels under the bars (the table has the full names), evenly spaced.
  const every = Math.max(1, Math.ceil(periods.length / 10));
  const label = (p: CountsPeriod) => (report.interval === 'week' ? p.label : p.key);
  const short = (p: CountsPeriod) => (report.interval === 'month' ? p.key : label(p).slice(5)); // 11-03, W45, 2026-11

  return (
    <figure className="report-figure">
      <svg className="counts-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${c.title}: ${c.caption(report.total.count)}`}>
        {ticks.map((v) => (
          <g key={v} className="chart-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {periods.map((p, i) => {
          const x = PAD.left + i * slot + (slot - bar) / 2;
          let base = 0;
          return (
            <g key={p.key} data-period={p.key} data-count={p.count}>
              <title>{`${label(p)}: ${p.count}`}</title>
              {LEVELS.map((level) => {
                const n = p.countsByLevel[String(level) as keyof CountsPeriod['countsByLevel']];
                if (n === 0) return null;
                const rect = (
                  <rect
                    key={level}
                    x={x}
                    width={bar}
                    y={y(base + n)}
                    height={y(base) - y(base + n)}
                    style={{ fill: `var(--level-${level})` }}
                    data-level={level}
                  />
                );
                base += n;
                return rect;
              })}
              {(periods.length - 1 - i) % every === 0 && (
                <text className="chart-axis" x={x + bar / 2} y={H - 8} textAnchor="middle">
                  {short(p)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {LEVELS.map((level) => (
            <li key={level}>
              <span className="legend-swatch" style={{ background: `var(--level-${level})` }} aria-hidden="true" />
              {levelName(level, locale)}
            </li>
          ))}
        </ul>
      </figcaption>
      <details className="report-table">
        <summary>{t.reports.asTable}</summary>
        <table>
          <caption className="visually-hidden">{c.title}</caption>
          <thead>
            <tr>
              <th scope="col">{c.period}</th>
              {LEVELS.map((level) => (
                <th key={level} scope="col" className="num">
                  {levelName(level, locale)}
                </th>
              ))}
              <th scope="col" className="num">
                {c.total}
              </th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.key}>
                <th scope="row">{label(p)}</th>
                {LEVELS.map((level) => (
                  <td key={level} className="num">
                    {p.countsByLevel[String(level) as keyof CountsPeriod['countsByLevel']]}
                  </td>
                ))}
                <td className="num">{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
