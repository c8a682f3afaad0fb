// The grading policy in force, readably: scope, propagation, the rules gravest first, escalation by
// duration and the level names; then a form to test an impact against it.
import { fetchPolicy } from '../../api/settings';
import type { Policy, PolicyRule } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { DataTable, type Column } from '../../components/DataTable';
import { LevelBadge } from '../../components/LevelBadge';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { asLevel, levelName, LEVELS } from '../../levels';
import { GradeTester } from './GradeTester';
import { joinList } from './words';

export function PolicySection() {
  const { t } = useI18n();
  const query = useQuery('settings-policy', fetchPolicy);
  return (
    <>
      <p>{t.settings.policy.intro}</p>
      <QueryView query={query}>
        {(policy) => (
          <>
            <PolicyView policy={policy} />
            <GradeTester policy={policy} />
          </>
        )}
      </QueryView>
    </>
  );
}

function PolicyView({ policy }: { policy: Policy }) {
  const { t, locale } = useI18n();
  const p = t.settings.policy;
  const impacts = (list: string[]) =>
    list.length
      ? joinList(
          locale,
          list.map((i) => p.impacts[i] ?? i),
        )
      : t.settings.none;
  const count = (n: number) => n.toLocaleString(locale);
  const rules = [...policy.rules].sort((a, b) => a.level - b.level);
  const columns: Column<PolicyRule>[] = [
    { key: 'level', header: p.columns.level, render: (r) => <LevelBadge level={r.level} /> },
    { key: 'rule', header: p.columns.rule, render: (r) => <code lang="en">{r.name}</code> },
    { key: 'when', header: p.columns.when, render: (r) => p.ruleKinds[r.kind] ?? r.kind },
    { key: 'impacts', header: p.columns.impacts, render: (r) => impacts(r.impacts) },
    {
      key: 'records',
      header: p.columns.records,
      render: (r) =>
        r.minRecords === null && r.maxRecords === null
          ? '—'
          : p.records(count(r.minRecords ?? 0), r.maxRecords === null ? '∞' : count(r.maxRecords)),
    },
    { key: 'enabled', header: p.columns.enabled, render: (r) => (r.enabled ? t.settings.yes : t.settings.no) },
  ];
  const name = (level: number) => levelName(asLevel(level), locale);

  return (
    <>
      <div className="card">
        <h3>{p.name(policy.name)}</h3>
        <dl className="facts">
          <div>
            <dt>{p.scopeTitle}</dt>
            <dd>
              {p.largePct(policy.scope.largePct)};{' '}
              {policy.scope.largeUsers === null ? p.noLargeUsers : p.largeUsers(policy.scope.largeUsers)};{' '}
              {p.whenUnknown(policy.scope.whenUnknown === 'large')}
            </dd>
          </div>
          <div>
            <dt>{p.propagateTitle}</dt>
            <dd>{impacts(policy.propagate)}</dd>
          </div>
          <div>
            <dt>{p.durationTitle}</dt>
            <dd>
              {policy.durationEscalation.length === 0
                ? p.noDuration
                : policy.durationEscalation.map((d) => p.duration(name(d.fromLevel), d.afterMinutes, name(d.toLevel))).join('; ')}
            </dd>
          </div>
        </dl>
      </div>
      <div>
        <h3>{p.rulesTitle}</h3>
        <DataTable caption={p.rulesCaption} columns={columns} rows={rules} rowKey={(r) => `${r.kind}-${r.name}-${r.level}`} />
      </div>
      <div className="card">
        <h3>{p.levelsTitle}</h3>
        <dl className="facts">
          {LEVELS.map((level) => {
            const label = policy.levels[String(level)];
            return (
              <div key={level}>
                <dt>
                  <LevelBadge level={level} />
                </dt>
                <dd>
                  {label ? (locale === 'en' ? label.en : label.zh) : name(level)}
                  {label?.nationalTier && <span className="muted"> · {p.nationalTier(label.nationalTier)}</span>}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
    </>
  );
}
