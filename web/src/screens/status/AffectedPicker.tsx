// Which components a public incident affects and the status each shows while it is open: a
// checkbox per component with its status beside it.
import { useId } from 'react';
import type { ComponentStatus, ShownComponent, StatusComponent } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { COMPONENT_STATUSES } from './StatusWords';

interface Props {
  components: StatusComponent[];
  value: ShownComponent[];
  onChange(next: ShownComponent[]): void;
  error?: string | null;
}

const DEFAULT_STATUS: ComponentStatus = 'partial_outage';

export function AffectedPicker({ components, value, onChange, error }: Props) {
  const { t } = useI18n();
  const f = t.statusPages.posts.form;
  const id = useId();
  const byId = new Map(value.map((v) => [v.id, v.status]));
  const toggle = (componentId: string, on: boolean) =>
    onChange(on ? [...value, { id: componentId, status: DEFAULT_STATUS }] : value.filter((v) => v.id !== componentId));
  const setStatus = (componentId: string, status: ComponentStatus) =>
    onChange(value.map((v) => (v.id === componentId ? { ...v, status } : v)));

  return (
    <fieldset
      className="field sp-fieldset"
      data-invalid={error ? true : undefined}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
    >
      <legend>{f.components}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {components.length === 0 ? t.statusPages.posts.noComponents : f.componentsHint}
      </p>
      <ul className="sp-checklist sp-affected">
        {components.map((c) => {
          const status = byId.get(c.id);
          return (
            <li key={c.id}>
              <label className="sp-check">
                <input
                  type="checkbox"
                  name="components"
                  value={c.id}
                  checked={status !== undefined}
                  onChange={(e) => toggle(c.id, e.target.checked)}
                />
                <span>{c.name}</span>
              </label>
              {status !== undefined && (
                <select
                  aria-label={f.statusOf(c.name)}
                  name={`status-${c.id}`}
                  value={status}
                  onChange={(e) => setStatus(c.id, e.target.value as ComponentStatus)}
                >
                  {COMPONENT_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t.statusPages.status[s]}
                    </option>
                  ))}
                </select>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
