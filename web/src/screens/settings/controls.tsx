// Small controls the settings forms share: a role, the language of pages, an IANA time zone.
import type { Role } from '../../api/types';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';

export const ROLES: readonly Role[] = ['viewer', 'responder', 'admin'];
const LOCALES = ['zh-CN', 'en'] as const;

export function RoleSelect({
  label,
  value,
  onChange,
  disabled,
}: {
  label: string;
  value: Role;
  onChange(role: Role): void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <FormField label={label}>
      {(control) => (
        <select {...control} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t.settings.roles[r]}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

export function LocaleSelect({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <FormField label={label} hint={hint}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t.settings.locales[l]}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** Every IANA zone the browser knows, offered as suggestions (any name may still be typed). */
const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export function TimeZoneInput(props: { label: string; hint: string; value: string; error?: string | null; onChange(value: string): void }) {
  return (
    <FormField label={props.label} hint={props.hint} error={props.error ?? null}>
      {(control) => (
        <>
          <input
            {...control}
            value={props.value}
            list={`${control.id}-zones`}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => props.onChange(e.target.value)}
          />
          <datalist id={`${control.id}-zones`}>
            {ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
    </FormField>
  );
}
