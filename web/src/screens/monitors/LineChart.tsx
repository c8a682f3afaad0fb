// A small hand-drawn SVG line chart: time across, milliseconds up, one path per series (broken
// where a period has no value; a lone value is a dot). Series differ in dash as well as colour.
import '../../styles/charts.css';

export interface Series {
  key: string;
  label: string;
  className: string;
}

export interface ChartPoint {
  at: number;
  values: Record<string, number | null>;
}

interface LineChartProps {
  label: string;
  series: Series[];
  points: ChartPoint[];
  from: number;
  to: number;
  formatX(at: number): string;
  formatY(value: number): string;
}

const W = 720;
const H = 240;
const M = { top: 10, right: 12, bottom: 26, left: 64 };
const TICKS = 4;

/** 1, 2, 5 × 10ⁿ at or above the value, so the gridlines fall on round numbers. */
function niceMax(value: number): number {
  if (value <= 0) return 10;
  const step = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 5, 10].find((n) => n * step >= value) ?? 10;
  return nice * step;
}

export function LineChart({ label, series, points, from, to, formatX, formatY }: LineChartProps) {
  let top = 0;
  for (const p of points) for (const s of series) top = Math.max(top, p.values[s.key] ?? 0);
  const yMax = niceMax(top);
  const x = (at: number) => M.left + ((at - from) / Math.max(to - from, 1)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);

  const drawn = series.map((s) => {
    let d = '';
    const dots: [number, number][] = [];
    points.forEach((p, i) => {
      const v = p.values[s.key];
      if (v == null) return;
      const prev = points[i - 1]?.values[s.key];
      const next = points[i + 1]?.values[s.key];
      const px = x(p.at).toFixed(1);
      const py = y(v).toFixed(1);
      d += `${prev == null ? 'M' : 'L'}${px} ${py}`;
      if (prev == null && next == null) dots.push([x(p.at), y(v)]);
    });
    return { s, d, dots };
  });

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="line-chart" role="img" aria-label={label}>
        <title>{label}</title>
        {Array.from({ length: TICKS + 1 }, (_, i) => {
          const v = (yMax / TICKS) * i;
          return (
            <g key={`y${i}`} className="chart-grid">
              <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
              <text x={M.left - 6} y={y(v) + 4} textAnchor="end">
                {formatY(v)}
              </text>
            </g>
          );
        })}
        {Array.from({ length: TICKS + 1 }, (_, i) => {
          const at = from + ((to - from) / TICKS) * i;
          return (
            <text key={`x${i}`} className="chart-axis" x={x(at)} y={H - 6} textAnchor={i === 0 ? 'start' : i === TICKS ? 'end' : 'middle'}>
              {formatX(at)}
            </text>
          );
        })}
        {drawn.map(({ s, d, dots }) => (
          <g key={s.key} className={`series ${s.className}`} data-series={s.key}>
            {d && <path d={d} />}
            {dots.map(([cx, cy]) => (
              <circle key={`${cx},${cy}`} cx={cx} cy={cy} r={3.5} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.key} className={`legend-item ${s.className}`}>
            <svg viewBox="0 0 24 8" aria-hidden="true">
              <line x1={0} x2={24} y1={4} y2={4} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
