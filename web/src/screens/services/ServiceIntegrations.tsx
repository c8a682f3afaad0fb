// Integrations whose signals land on this service (the list is small: filtered here).
import { listIntegrations } from '../../api/integrations';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';

export function ServiceIntegrations({ serviceId }: { serviceId: string }) {
  const { t } = useI18n();
  const query = useQuery('integrations', listIntegrations);
  const d = t.services.detail;
  const mine = (query.data?.items ?? []).filter((i) => i.serviceId === serviceId);
  return (
    <section className="card" aria-labelledby="service-integrations">
      <h2 id="service-integrations">{d.integrations}</h2>
      <QueryView query={query} isEmpty={() => mine.length === 0} empty={d.noIntegrations}>
        {() => (
          <ul className="side-list">
            {mine.map((i) => (
              <li key={i.id}>
                <Link to={{ name: 'integrations' }} className="side-link">
                  {i.name}
                </Link>
                <span className="side-meta">
                  <span className="muted" lang="en">
                    {i.kind}
                  </span>
                  {i.disabled && <span className="badge status-badge">{d.disabled}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
