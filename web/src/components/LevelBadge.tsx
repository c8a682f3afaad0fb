import { useI18n } from '../i18n/I18nProvider';
import { asLevel, LEVEL_LOOK } from '../levels';
import { levelName } from '../levels';
import './badges.css';

/** The level as its name on its colour: 一级 on red … 四级 on grey. */
export function LevelBadge({ level }: { level: number }) {
  const { locale } = useI18n();
  const l = asLevel(level);
  const look = LEVEL_LOOK[l];
  return (
    <span className="badge level-badge" data-level={l} style={{ background: look.background, color: look.text }}>
      {levelName(l, locale)}
    </span>
  );
}
