// Several things out of a list (services, components): checkboxes with a filter box once the list is
// long — usable with a thumb and with a keyboard, unlike <select multiple>.
import { useId, useState, type ReactNode } from 'react';

export interface ChecklistOption {
  id: string;
  label: string;
  /** Shown muted after the label (a service's id). */
  detail?: string;
}

interface Props {
  legend: ReactNode;
  hint?: ReactNode;
  name: string;
  options: readonly ChecklistOption[];
  value: readonly string[];
  onChange(next: string[]): void;
  error?: string | null;
  filterLabel?: string;
  empty: ReactNode;
}

export function Checklist({ legend, hint, name, options, value, onChange, error, filterLabel, empty }: Props) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const chosen = new Set(value);
  const needle = filter.trim().toLowerCase();
  const shown = options.filter((o) => chosen.has(o.id) || !needle || `${o.label} ${o.detail ?? ''}`.toLowerCase().includes(needle));
  const toggle = (optionId: string, on: boolean) => onChange(on ? [...value, optionId] : value.filter((v) => v !== optionId));
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className="field sp-fieldset" data-invalid={error ? true : undefined} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {filterLabel && options.length > 8 && (
        <input
          type="search"
          aria-label={filterLabel}
          placeholder={filterLabel}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      {options.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="sp-checklist">
          {shown.map((o) => (
            <li key={o.id}>
              <label className="sp-check">
                <input
                  type="checkbox"
                  name={name}
                  value={o.id}
                  checked={chosen.has(o.id)}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                />
                <span>
                  {o.label} {o.detail && <span className="muted">({o.detail})</span>}
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
