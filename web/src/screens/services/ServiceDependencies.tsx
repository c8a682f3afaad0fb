import type { Service } from '../../api/types';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n/I18nProvider';

/** What the service needs, and what needs it (from the whole catalog, when it has loaded). */
export function ServiceDependencies({ service, catalog }: { service: Service; catalog: readonly Service[] | undefined }) {
  const { t } = useI18n();
  const d = t.services.detail;
  const byId = new Map((catalog ?? []).map((s) => [s.id, s]));
  const dependents = (catalog ?? []).filter((s) => s.dependsOn.includes(service.id));
  const list = (items: { id: string; name: string }[], label: string) => (
    <div>
      <h3>{label}</h3>
      {items.length === 0 ? (
        <p className="muted">{d.nothing}</p>
      ) : (
        <ul className="link-list">
          {items.map((s) => (
            <li key={s.id}>
              <Link to={{ name: 'service', id: s.id }}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section className="card" aria-labelledby="service-deps">
      <h2 id="service-deps">{d.dependencies}</h2>
      <div className="deps-columns">
        {list(
          service.dependsOn.map((id) => ({ id, name: byId.get(id)?.name ?? id })),
          d.dependsOn,
        )}
        {catalog && list(dependents, d.dependents)}
      </div>
    </section>
  );
}
