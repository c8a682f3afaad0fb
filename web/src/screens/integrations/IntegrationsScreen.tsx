// Integrations: where alerts come in. Admins create them (the key is shown once, with snippets),
// rotate keys and delete; everyone else sees the list.
import { useState } from 'react';
import { listIntegrations, listServiceOptions } from '../../api/integrations';
import type { IntegrationWithKey } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { CreateIntegrationForm } from './CreateIntegrationForm';
import { IntegrationList } from './IntegrationList';
import { KeyReveal } from './KeyReveal';
import './integrations.css';

export function IntegrationsScreen() {
  const { t } = useI18n();
  const i = t.integrations;
  const isAdmin = useMe().role === 'admin';
  const toast = useToast();
  const query = useQuery('integrations', listIntegrations);
  const services = useQuery('service-options', listServiceOptions);
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<IntegrationWithKey | null>(null);

  const showKey = (withKey: IntegrationWithKey, message: string) => {
    setRevealed(withKey);
    setCreating(false);
    toast.success(message);
    query.reload();
  };
  const serviceNames = new Map((services.data ?? []).map((s) => [s.id, s.name]));

  return (
    <Page
      title={i.title}
      actions={
        isAdmin &&
        !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            {i.create}
          </button>
        )
      }
    >
      <p className="muted">{i.intro}</p>
      {!isAdmin && <p className="card admin-note">{i.adminNote}</p>}
      {revealed && <KeyReveal integration={revealed} onDone={() => setRevealed(null)} />}
      {creating && <CreateIntegrationForm onCreated={(created) => showKey(created, i.form.created)} onCancel={() => setCreating(false)} />}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={i.empty}>
        {(page) => (
          <IntegrationList
            items={page.items}
            serviceNames={serviceNames}
            isAdmin={isAdmin}
            onRotated={(withKey) => showKey(withKey, i.rotate.done)}
            onDeleted={(id) => {
              if (revealed?.id === id) setRevealed(null);
              query.reload();
            }}
          />
        )}
      </QueryView>
      <p className="muted">
        {i.snippets.monitorsNote}{' '}
        <Link to={{ name: 'monitors' }} className="tap-link">
          {i.snippets.monitorsLink}
        </Link>
      </p>
    </Page>
  );
}
