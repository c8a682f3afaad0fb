// The filter box and state filter. Both live in the query string (?q=&state=), so a filtered view
// survives a reload and can be shared.
import { useRouter } from '../../app/router';
import { useI18n } from '../../i18n/I18nProvider';
import { LISTED_STATES, type ListedState } from './format';

export interface MonitorFilter {
  text: string;
  state: ListedState | '';
}

export function useMonitorFilter(): [MonitorFilter, (next: MonitorFilter) => void] {
  const { location, navigate } = useRouter();
  const params = new URLSearchParams(location.search);
  const state = params.get('state') ?? '';
  const filter: MonitorFilter = {
    text: params.get('q') ?? '',
    state: (LISTED_STATES as readonly string[]).includes(state) ? (state as ListedState) : '',
  };
  const set = (next: MonitorFilter) => {
    const out = new URLSearchParams();
    if (next.text) out.set('q', next.text);
    if (next.state) out.set('state', next.state);
    const search = out.toString();
    navigate(`${location.pathname}${search ? `?${search}` : ''}`, { replace: true });
  };
  return [filter, set];
}

export function MonitorFilters({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: MonitorFilter;
  onChange(f: MonitorFilter): void;
  shown: number;
  total: number;
}) {
  const { t } = useI18n();
  const f = t.monitors.filter;
  return (
    <div className="monitor-filters" role="search" aria-label={f.label}>
      <label className="monitor-filter-text">
        <span className="visually-hidden">{f.text}</span>
        <input
          type="search"
          placeholder={f.text}
          value={filter.text}
          onChange={(e) => onChange({ ...filter, text: e.target.value })}
          autoComplete="off"
        />
      </label>
      <label className="monitor-filter-state">
        <span className="visually-hidden">{f.state}</span>
        <select value={filter.state} onChange={(e) => onChange({ ...filter, state: e.target.value as ListedState | '' })}>
          <option value="">{f.all}</option>
          {LISTED_STATES.map((s) => (
            <option key={s} value={s}>
              {t.status.monitor[s]}
            </option>
          ))}
        </select>
      </label>
      <p className="muted monitor-count" aria-live="polite">
        {f.shown(shown, total)}
      </p>
    </div>
  );
}
