// /services: the catalog — drawn as a dependency graph (facility → infrastructure → business) and
// listed with each service's flags, owner and RTO/RPO; responders add services here.
import { useState } from 'react';
import { listAllServices } from '../../api/services';
import { useQuery } from '../../api/useQuery';
import { useRouter } from '../../app/router';
import { useMe } from '../../app/session';
import { DependencyGraph } from '../../components/graph/DependencyGraph';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { ServiceForm } from './ServiceForm';
import { ServiceTable } from './ServiceTable';
import './services.css';

export function ServicesScreen() {
  const { t } = useI18n();
  const me = useMe();
  const { navigate } = useRouter();
  const [creating, setCreating] = useState(false);
  const query = useQuery('services:all', listAllServices);

  const actions = me.role !== 'viewer' && (
    <button type="button" className="button button-primary" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
      {creating ? t.services.closeForm : t.services.new}
    </button>
  );

  return (
    <Page title={t.services.title} actions={actions}>
      {creating && (
        <ServiceForm
          catalog={query.data ?? []}
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            query.reload();
          }}
        />
      )}
      <QueryView query={query} isEmpty={(list) => list.length === 0} empty={t.services.empty}>
        {(list) => (
          <div className="services-page">
            <section className="card" aria-label={t.graph.title}>
              <DependencyGraph services={list} onSelect={(id) => navigate({ name: 'service', id })} />
            </section>
            <section aria-labelledby="services-table-title">
              <h2 id="services-table-title">
                {t.services.table.caption} <span className="muted section-sub">{t.services.count(list.length)}</span>
              </h2>
              <ServiceTable services={list} />
            </section>
          </div>
        )}
      </QueryView>
    </Page>
  );
}
