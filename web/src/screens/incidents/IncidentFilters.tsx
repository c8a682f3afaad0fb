// The list's filters. Choices in the drop-downs apply at once; text and times apply with the button
// (or Enter). Either way the whole form goes into the address, which is what the list reads.
import { useState, type FormEvent } from 'react';
import { listAllServices } from '../../api/services';
import { useQuery } from '../../api/useQuery';
import { useRouter } from '../../app/router';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';
import { LEVELS, levelName } from '../../levels';
import { filterSearch, hasFilter, type FilterKey, type ListFilter } from './filter';
import { fromLocalInput, toLocalInput } from './zoned';

const STATUSES = ['triggered', 'acknowledged', 'mitigated', 'resolved'] as const;

export function IncidentFilters({ filter }: { filter: ListFilter }) {
  const { t, fmt, locale } = useI18n();
  const { navigate } = useRouter();
  const f = t.incidents.filters;
  const zone = fmt.timeZone;
  const [draft, setDraft] = useState({ ...filter, from: toLocalInput(filter.from, zone), to: toLocalInput(filter.to, zone) });
  const [rangeError, setRangeError] = useState<string | null>(null);
  const catalog = useQuery('incident-filter-services', listAllServices);

  const apply = (changes: Partial<ListFilter> = {}) => {
    const next = { ...draft, ...changes };
    const from = fromLocalInput(next.from, zone) ?? '';
    const to = fromLocalInput(next.to, zone) ?? '';
    if (from && to && from >= to) return setRangeError(f.badRange);
    setRangeError(null);
    navigate(`/incidents${filterSearch({ ...next, q: next.q.trim(), from, to })}`);
  };
  const choose = (key: FilterKey, value: string) => {
    setDraft({ ...draft, [key]: value });
    apply({ [key]: value });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply();
  };

  const services = catalog.data ?? [];
  const known = (values: readonly string[], value: string) => !value || values.includes(value);
  return (
    <form className="card incident-filters" role="search" aria-label={f.label} onSubmit={onSubmit}>
      <FormField label={f.status}>
        {(control) => (
          <select {...control} name="status" value={draft.status} onChange={(e) => choose('status', e.target.value)}>
            <option value="">{f.statusAll}</option>
            <option value="open">{f.statusOpen}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.status.incident[s]}
              </option>
            ))}
            {!known(['open', ...STATUSES], draft.status) && <option value={draft.status}>{f.other(draft.status)}</option>}
          </select>
        )}
      </FormField>
      <FormField label={f.level}>
        {(control) => (
          <select {...control} name="level" value={draft.level} onChange={(e) => choose('level', e.target.value)}>
            <option value="">{f.levelAll}</option>
            {LEVELS.map((l) => (
              <option key={l} value={String(l)}>
                {levelName(l, locale)}
              </option>
            ))}
            {!known(['1', '2', '3', '4'], draft.level) && <option value={draft.level}>{f.other(draft.level)}</option>}
          </select>
        )}
      </FormField>
      <FormField label={f.service}>
        {(control) => (
          <select {...control} name="service" value={draft.service} onChange={(e) => choose('service', e.target.value)}>
            <option value="">{f.serviceAll}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {!known(
              services.map((s) => s.id),
              draft.service,
            ) && <option value={draft.service}>{draft.service}</option>}
          </select>
        )}
      </FormField>
      <FormField label={f.from} hint={f.zone(zone)} error={rangeError}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            name="from"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        )}
      </FormField>
      <FormField label={f.to} hint={f.zone(zone)}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            name="to"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        )}
      </FormField>
      <FormField label={f.q}>
        {(control) => (
          <input
            {...control}
            type="search"
            name="q"
            maxLength={200}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        )}
      </FormField>
      <div className="incident-filters-actions">
        <button type="submit" className="button button-primary">
          {f.apply}
        </button>
        {hasFilter(filter) && (
          <button type="button" className="button" onClick={() => navigate('/incidents')}>
            {f.clear}
          </button>
        )}
      </div>
    </form>
  );
}
