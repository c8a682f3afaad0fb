// The configuration inputs of one channel kind.
import type { ChannelKind } from '../../api/types';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';
import { CONFIG_FIELDS, type ConfigValues } from './channel-config';

interface Props {
  kind: ChannelKind;
  values: ConfigValues;
  errors: Record<string, string>;
  onChange(key: string, value: string | boolean): void;
}

export function ChannelConfigFields({ kind, values, errors, onChange }: Props) {
  const { t } = useI18n();
  const words = t.settings.channels.fields;
  return (
    <div className="form-grid">
      {CONFIG_FIELDS[kind].map((field) => {
        const value = values[field.key];
        const label = words[field.label];
        if (field.type === 'checkbox') {
          return (
            <label key={field.key} className="choice">
              <input
                type="checkbox"
                name={`config-${field.key}`}
                checked={value === true}
                onChange={(e) => onChange(field.key, e.target.checked)}
              />
              {label}
            </label>
          );
        }
        const text = typeof value === 'string' ? value : '';
        return (
          <FormField key={field.key} label={label} hint={field.hint && words[field.hint]} error={errors[field.key] ?? null}>
            {(control) => {
              const common = { ...control, name: `config-${field.key}`, value: text, lang: 'en', spellCheck: false };
              if (field.type === 'select') {
                return (
                  <select {...common} onChange={(e) => onChange(field.key, e.target.value)}>
                    {field.options?.map((option) => (
                      <option key={option} value={option}>
                        {option || t.settings.none}
                      </option>
                    ))}
                  </select>
                );
              }
              if (field.type === 'textarea' || field.type === 'json') {
                return <textarea {...common} rows={field.type === 'json' ? 2 : 4} onChange={(e) => onChange(field.key, e.target.value)} />;
              }
              return (
                <input
                  {...common}
                  type={field.type}
                  autoComplete={field.type === 'password' ? 'new-password' : 'off'}
                  onChange={(e) => onChange(field.key, e.target.value)}
                />
              );
            }}
          </FormField>
        );
      })}
    </div>
  );
}
