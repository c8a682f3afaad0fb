// A grade: the level with its colour and name (and the policy's label for it), then the reasons.
import type { GradeResult, Policy } from '../../api/types';
import { LevelBadge } from '../../components/LevelBadge';
import { useI18n } from '../../i18n/I18nProvider';

export function GradeOutcome({ result, policy }: { result: GradeResult; policy: Policy }) {
  const { t, locale } = useI18n();
  const g = t.settings.grade;
  const label = policy.levels[String(result.level)];
  return (
    <div
      className="grade-result"
      data-level={result.level}
      style={{ borderInlineStartColor: `var(--level-${result.level})` }}
      role="status"
    >
      <h4>{g.result}</h4>
      <p className="grade-result-level">
        <LevelBadge level={result.level} />
        {label && <span>{locale === 'en' ? label.en : label.zh}</span>}
      </p>
      <h4>{g.reasons}</h4>
      {result.reasons.length === 0 ? (
        <p className="muted">{g.noReasons}</p>
      ) : (
        <ul className="reason-list">
          {result.reasons.map((reason, i) => (
            <li key={`${reason.rule}-${i}`}>
              <span className="reason-head">
                <LevelBadge level={reason.level} />
                <code lang="en">{reason.rule}</code>
                <span>{t.settings.policy.ruleKinds[reason.rule] ?? ''}</span>
              </span>
              <span className="muted" lang="en">
                {reason.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
