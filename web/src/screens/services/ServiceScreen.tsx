// /services/:id — one service: its details and runbook, what it depends on and what depends on it,
// its open incidents, monitors, integrations and escalation policy.
import { useState } from 'react';
import { getService, listAllServices } from '../../api/services';
import { useQuery } from '../../api/useQuery';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { Markdown } from '../../components/Markdown';
import { ServiceActions } from './ServiceActions';
import { ServiceDependencies } from './ServiceDependencies';
import { ServiceDetails } from './ServiceDetails';
import { ServiceForm } from './ServiceForm';
import { ServiceIncidents } from './ServiceIncidents';
import { ServiceIntegrations } from './ServiceIntegrations';
import { ServiceMonitors } from './ServiceMonitors';
import { ServicePolicy } from './ServicePolicy';
import '../monitors/monitor-page.css';
import './services.css';

export function ServiceScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const query = useQuery(`service:${id}`, (signal) => getService(id, signal));
  const catalog = useQuery('services:all', listAllServices);
  const [editing, setEditing] = useState(false);
  const service = query.data;
  const d = t.services.detail;

  return (
    <Page
      title={service?.name ?? t.placeholders.service(id)}
      actions={service && <ServiceActions service={service} editing={editing} onEdit={() => setEditing((e) => !e)} />}
    >
      {editing && service && (
        <ServiceForm
          service={service}
          catalog={catalog.data ?? []}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            query.reload();
            catalog.reload();
          }}
        />
      )}
      <QueryView query={query}>
        {(s) => (
          <div className="service-page">
            <div className="service-main">
              <ServiceDetails service={s} />
              <ServiceDependencies service={s} catalog={catalog.data} />
              <section className="card" aria-labelledby="runbook-title">
                <h2 id="runbook-title">{d.runbook}</h2>
                {s.runbook ? <Markdown source={s.runbook} /> : <p className="muted">{d.noRunbook}</p>}
              </section>
            </div>
            <div className="service-side">
              <ServiceIncidents serviceId={s.id} />
              <ServiceMonitors serviceId={s.id} />
              <ServiceIntegrations serviceId={s.id} />
              <ServicePolicy policyId={s.escalationPolicyId} />
            </div>
          </div>
        )}
      </QueryView>
    </Page>
  );
}
