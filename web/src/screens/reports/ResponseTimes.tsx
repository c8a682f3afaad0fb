// MTTD, MTTA, MTTM and MTTR per group as four small bar charts, each on its own scale (detection
// takes seconds, resolution hours: one shared axis would hide the short ones), with the means,
// medians, p90s and counts in a table beside them.
import type { MetricsGroup, MetricsReport, Step } from '../../api/types';
import { LevelBadge } from '../../components/LevelBadge';
import { useI18n } from '../../i18n/I18nProvider';

const STEPS: Step[] = ['td', 'ta', 'tm', 'tr'];

const mean = (g: MetricsGroup, step: Step): number | null =>
  ({ td: g.mttdSeconds, ta: g.mttaSeconds, tm: g.mttmSeconds, tr: g.mttrSeconds })[step];
const median = (g: MetricsGroup, step: Step): number | null =>
  ({ td: g.ttdMedianSeconds, ta: g.ttaMedianSeconds, tm: g.ttmMedianSeconds, tr: g.ttrMedianSeconds })[step];
const p90 = (g: MetricsGroup, step: Step): number | null =>
  ({ td: g.ttdP90Seconds, ta: g.ttaP90Seconds, tm: g.ttmP90Seconds, tr: g.ttrP90Seconds })[step];
const counted = (g: MetricsGroup, step: Step): number => ({ td: g.ttdCount, ta: g.ttaCount, tm: g.ttmCount, tr: g.ttrCount })[step];

function GroupName({ group, groupBy }: { group: MetricsGroup; groupBy: string }) {
  const { t } = useI18n();
  if (groupBy === 'level' && group.key) return <LevelBadge level={Number(group.key)} />;
  if (groupBy === 'team' && group.key === null) return <>{t.reports.times.noTeam}</>;
  return <>{group.label}</>;
}

export function ResponseTimes({ report }: { report: MetricsReport }) {
  const { t, fmt } = useI18n();
  const c = t.reports.times;
  // Empty level groups are listed by the API (all four levels); they have nothing to draw.
  const groups = report.groups.filter((g) => g.count > 0);
  if (groups.length === 0) return <p className="muted">{c.empty}</p>;

  return (
    <>
      <div className="times-grid">
        {STEPS.map((step) => {
          const top = Math.max(0, ...groups.map((g) => mean(g, step) ?? 0));
          return (
            <figure key={step} className="times-chart" data-step={step}>
              <figcaption>{c.steps[step]}</figcaption>
              <ul>
                {groups.map((g) => {
                  const value = mean(g, step);
                  const share = value === null || top === 0 ? 0 : value / top;
                  return (
                    <li key={g.key ?? '-'} data-group={g.key ?? ''}>
                      <span className="times-label">
                        <GroupName group={g} groupBy={report.groupBy} />
                      </span>
                      <span className="times-track" aria-hidden="true">
                        <span
                          className="times-bar"
                          style={{
                            width: `${(share * 100).toFixed(1)}%`,
                            background: report.groupBy === 'level' ? `var(--level-${g.key})` : undefined,
                          }}
                        />
                      </span>
                      <span className="times-value">{fmt.duration(value)}</span>
                    </li>
                  );
                })}
              </ul>
            </figure>
          );
        })}
      </div>
      {report.overall.invalid > 0 && <p className="muted">{c.invalid(report.overall.invalid)}</p>}
      <details className="report-table">
        <summary>{t.reports.asTable}</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{c.title}</caption>
            <thead>
              <tr>
                <th scope="col">{c.group}</th>
                <th scope="col" className="num">
                  {c.count}
                </th>
                {STEPS.map((step) => (
                  <th key={step} scope="col" className="num">
                    {c.steps[step]}
                    <br />
                    <span className="muted">
                      {c.mean} / {c.median} / {c.p90}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...groups, report.overall].map((g, i) => (
                <tr key={i === groups.length ? 'overall' : (g.key ?? '-')}>
                  <th scope="row">{i === groups.length ? c.overall : <GroupName group={g} groupBy={report.groupBy} />}</th>
                  <td className="num">{g.count}</td>
                  {STEPS.map((step) => (
                    <td key={step} className="num" data-step={step}>
                      {fmt.duration(mean(g, step))} / {fmt.duration(median(g, step))} / {fmt.duration(p90(g, step))}
                      <span className="muted"> ({counted(g, step)})</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
