import type { Service } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** Core business, payment, user-facing: words on a badge, never colour alone. */
export function ServiceFlags({ service, none }: { service: Service; none?: string }) {
  const { t } = useI18n();
  const flags = (['critical', 'payment', 'userFacing'] as const).filter((f) => service[f]);
  if (flags.length === 0) return <>{none ?? t.common.none}</>;
  return (
    <span className="service-flags-list">
      {flags.map((f) => (
        <span key={f} className="badge service-flag" data-flag={f}>
          {t.services.flags[f]}
        </span>
      ))}
    </span>
  );
}
