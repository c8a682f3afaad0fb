// Several services out of the catalog: a filter box over a list of checkboxes (a multi-select that
// works with a thumb and with a keyboard).
import { useId, useState } from 'react';
import type { ServiceOption } from '../../api/types';
import type { Query } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  query: Query<ServiceOption[]>;
  picked: string[];
  onChange(picked: string[]): void;
  error: string | null;
}

export function ServicePicker({ query, picked, onChange, error }: Props) {
  const { t } = useI18n();
  const g = t.settings.grade;
  const id = useId();
  const [filter, setFilter] = useState('');
  const toggle = (serviceId: string, on: boolean) => onChange(on ? [...picked, serviceId] : picked.filter((p) => p !== serviceId));
  const needle = filter.trim().toLowerCase();

  return (
    <fieldset className="field" data-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {g.services} <span className="muted">({g.selected(picked.length)})</span>
      </legend>
      <QueryView query={query} isEmpty={(list) => list.length === 0} empty={g.noServices}>
        {(list) => (
          <>
            {list.length > 8 && (
              <input
                type="search"
                aria-label={g.filter}
                placeholder={g.filter}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            )}
            <div className="service-picker">
              {list
                .filter((s) => !needle || picked.includes(s.id) || `${s.id} ${s.name}`.toLowerCase().includes(needle))
                .map((s) => (
                  <label key={s.id} className="choice">
                    <input
                      type="checkbox"
                      name="services"
                      value={s.id}
                      checked={picked.includes(s.id)}
                      onChange={(e) => toggle(s.id, e.target.checked)}
                    />
                    <span>
                      {s.name} <span className="muted">({s.id})</span>
                    </span>
                  </label>
                ))}
            </div>
          </>
        )}
      </QueryView>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
