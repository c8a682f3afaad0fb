// The controls every screen carries: live status, language, theme, who is signed in.
import { useLiveStatus } from '../api/useLiveEvents';
import { useI18n } from '../i18n/I18nProvider';
import { isLocale } from '../i18n/locales';
import { setTheme, useTheme } from './theme';

export function LanguageSwitch() {
  const { t, setLocale } = useI18n();
  const other = t.common.language.otherLang;
  return (
    <button
      type="button"
      className="button"
      lang={other}
      aria-label={t.common.language.switchTo}
      title={t.common.language.switchTo}
      onClick={() => isLocale(other) && setLocale(other)}
    >
      {t.common.language.otherName}
    </button>
  );
}

export function ThemeToggle() {
  const { t } = useI18n();
  const theme = useTheme();
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="button theme-toggle"
      aria-pressed={dark}
      aria-label={t.common.theme.dark}
      title={t.common.theme.dark}
      onClick={() => setTheme(dark ? 'light' : 'dark')}
    >
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span>
    </button>
  );
}

export function LiveIndicator() {
  const { t } = useI18n();
  const status = useLiveStatus();
  if (status === 'idle') return null;
  const label = status === 'live' ? t.common.live.live : status === 'connecting' ? t.common.live.connecting : t.common.live.reconnecting;
  return (
    <span className="live" data-status={status} title={t.common.live.hint} role="status">
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
