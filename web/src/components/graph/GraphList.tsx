// The graph as text: each service by layer, with how it is affected and what it depends on. Always
// there for screen readers; shown to everyone in the list view, where services can be picked.
import { useI18n } from '../../i18n/I18nProvider';
import { KIND_ORDER, type GraphService } from './layout';

interface GraphListProps {
  services: readonly GraphService[];
  highlight?: ReadonlyMap<string, string>;
  /** Buttons only when visible: a hidden, focusable control would be a trap for keyboard users. */
  onSelect?: (serviceId: string) => void;
  visuallyHidden: boolean;
}

const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

export function GraphList({ services, highlight, onSelect, visuallyHidden }: GraphListProps) {
  const { t } = useI18n();
  const g = t.graph;
  const names = new Map(services.map((s) => [s.id, s.name]));
  const sorted = [...services].sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name));
  return (
    <ul className={visuallyHidden ? 'visually-hidden' : 'dep-list'} aria-label={g.listLabel}>
      {sorted.map((s) => {
        const impact = highlight?.get(s.id);
        const deps = s.dependsOn.map((id) => names.get(id) ?? id);
        return (
          <li key={s.id} data-service-id={s.id} data-impact={impact}>
            {onSelect && !visuallyHidden ? (
              <button type="button" className="button dep-list-pick" onClick={() => onSelect(s.id)}>
                {s.name}
              </button>
            ) : (
              <strong>{s.name}</strong>
            )}
            <span className="muted"> · {g.kinds[s.kind] ?? s.kind}</span>
            {impact && <span className="dep-list-impact"> · {g.affected(g.impacts[impact] ?? impact)}</span>}
            <span className="muted"> · {deps.length ? g.dependsOn(deps.join(', ')) : g.noDependencies}</span>
          </li>
        );
      })}
    </ul>
  );
}
