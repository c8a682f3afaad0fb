// /status-pages: every status page, each with its public address; responders create new ones here.
import { useState } from 'react';
import { listStatusPages } from '../../api/status-pages';
import { useQuery } from '../../api/useQuery';
import { useRouter } from '../../app/router';
import { useMe } from '../../app/session';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { StatusPageForm } from './StatusPageForm';
import { StatusPageList } from './StatusPageList';
import './status.css';

export function StatusPagesScreen() {
  const { t } = useI18n();
  const s = t.statusPages;
  const canEdit = useMe().role !== 'viewer';
  const { navigate } = useRouter();
  const [creating, setCreating] = useState(false);
  const query = useQuery('status-pages', listStatusPages);

  const actions = canEdit && (
    <button type="button" className="button button-primary" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
      {creating ? s.closeForm : s.new}
    </button>
  );

  return (
    <Page title={s.title} actions={actions}>
      <p className="muted sp-intro">{s.intro}</p>
      {creating && (
        <StatusPageForm
          onCancel={() => setCreating(false)}
          onDone={(created) => {
            setCreating(false);
            navigate({ name: 'statusPage', id: created.id });
          }}
        />
      )}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={s.empty}>
        {(page) => <StatusPageList pages={page.items} />}
      </QueryView>
    </Page>
  );
}
