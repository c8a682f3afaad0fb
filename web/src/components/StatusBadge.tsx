import { useI18n } from '../i18n/I18nProvider';
import './badges.css';

type Kind = 'incident' | 'monitor';

/** Tone per status: what needs a person is loud, what is settled is quiet. */
const TONE: Record<string, 'alert' | 'warn' | 'ok' | 'quiet'> = {
  triggered: 'alert',
  acknowledged: 'warn',
  mitigated: 'ok',
  resolved: 'quiet',
  down: 'alert',
  degraded: 'warn',
  up: 'ok',
  pending: 'quiet',
  paused: 'quiet',
};

/** An incident status or a monitor state, in words (the dot's colour only repeats them). */
export function StatusBadge({ kind, value }: { kind: Kind; value: string }) {
  const { t } = useI18n();
  const names: Record<string, string> = t.status[kind];
  const label = names[value] ?? t.status.unknown(value);
  return (
    <span className="badge status-badge" data-tone={TONE[value] ?? 'quiet'}>
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
