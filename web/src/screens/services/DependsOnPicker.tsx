// Choosing the services a service depends on: a filterable list of checkboxes (a long catalog
// stays usable by keyboard and on a phone, unlike <select multiple>).
import { useId, useState } from 'react';
import type { Service } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  /** Every other service in the catalog. */
  options: readonly Service[];
  value: readonly string[];
  error: string | null;
  onChange(next: string[]): void;
}

export function DependsOnPicker({ options, value, error, onChange }: Props) {
  const { t } = useI18n();
  const f = t.services.form;
  const [filter, setFilter] = useState('');
  const id = useId();
  const chosen = new Set(value);
  const needle = filter.trim().toLowerCase();
  const shown = options.filter((s) => chosen.has(s.id) || !needle || s.id.includes(needle) || s.name.toLowerCase().includes(needle));
  const toggle = (serviceId: string) => onChange(chosen.has(serviceId) ? value.filter((v) => v !== serviceId) : [...value, serviceId]);

  return (
    <fieldset
      className="field depends-picker"
      data-invalid={error ? true : undefined}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
    >
      <legend>{f.dependsOn}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {f.dependsOnHint} {f.dependsOnChosen(value.length)}
      </p>
      {options.length > 8 && (
        <input
          type="search"
          className="depends-filter"
          aria-label={f.dependsOnFilter}
          placeholder={f.dependsOnFilter}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      {options.length === 0 ? (
        <p className="muted">{f.dependsOnNone}</p>
      ) : (
        <ul className="depends-options">
          {shown.map((s) => (
            <li key={s.id}>
              <label>
                <input type="checkbox" name="dependsOn" value={s.id} checked={chosen.has(s.id)} onChange={() => toggle(s.id)} />
                <span>
                  {s.name} <span className="muted">({s.id})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
