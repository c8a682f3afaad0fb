// 90 daily uptime bars drawn as one small SVG with one path per colour: four elements a row however
// many days, so a list of 10,000 monitors stays light. Colour repeats the words in the label.
import { memo } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { formatPct, meanUptime } from './format';
import './uptime-bars.css';

const BAR = 3; // width of a day, in viewBox units
const GAP = 1;
const HEIGHT = 20;

type Tone = 'ok' | 'warn' | 'bad' | 'none';
const toneOf = (v: number | null): Tone => (v === null ? 'none' : v >= 99.5 ? 'ok' : v >= 95 ? 'warn' : 'bad');

function pathsOf(days: readonly (number | null)[]): Record<Tone, string> {
  const d: Record<Tone, string> = { ok: '', warn: '', bad: '', none: '' };
  days.forEach((v, i) => {
    d[toneOf(v)] += `M${i * (BAR + GAP)} 0h${BAR}v${HEIGHT}h-${BAR}z`;
  });
  return d;
}

export const UptimeBars = memo(function UptimeBars({ days, className }: { days: readonly (number | null)[]; className?: string }) {
  const { t } = useI18n();
  const paths = pathsOf(days);
  const mean = meanUptime(days);
  const label = mean === null ? t.monitors.barsEmpty : t.monitors.barsLabel(formatPct(mean, t.common.none));
  const width = Math.max(days.length, 1) * (BAR + GAP) - GAP;
  return (
    <svg
      className={`uptime-bars ${className ?? ''}`}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {(Object.keys(paths) as Tone[]).map((tone) => paths[tone] && <path key={tone} className={`bars-${tone}`} d={paths[tone]} />)}
    </svg>
  );
});
