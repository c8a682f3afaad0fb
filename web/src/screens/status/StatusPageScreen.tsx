// /status-pages/:id — one status page: its settings and public address, its components, public
// incident posts and scheduled maintenance. Derived statuses come from the snapshot (exactly what
// the public page shows), which follows internal incidents live.
import { getStatusPage, getStatusSnapshot, listStatusComponents } from '../../api/status-pages';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { ComponentsSection } from './ComponentsSection';
import { MaintenanceSection } from './MaintenanceSection';
import { PageSummary } from './PageSummary';
import { PostsSection } from './PostsSection';
import './status.css';

export function StatusPageScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const s = t.statusPages;
  const canEdit = useMe().role !== 'viewer';
  const page = useQuery(`status-page:${id}`, (signal) => getStatusPage(id, signal));
  const snapshot = useQuery(`status-snapshot:${id}`, (signal) => getStatusSnapshot(id, signal));
  const components = useQuery(`status-components:${id}`, (signal) => listStatusComponents(id, signal));
  // An internal incident on a mapped service changes what a component shows.
  useReloadOnLive(snapshot.reload, (event) => event.type === 'incident');
  const changed = () => {
    page.reload();
    snapshot.reload();
  };
  const componentsChanged = () => {
    components.reload();
    changed();
  };

  return (
    <Page
      title={page.data?.name ?? s.title}
      actions={
        <Link to={{ name: 'statusPages' }} className="button">
          {s.page.back}
        </Link>
      }
    >
      <QueryView query={page}>
        {(data) => (
          <div className="sp-page">
            <PageSummary page={data} snapshot={snapshot.data} onSaved={changed} />
            {!canEdit && <p className="card">{s.page.readOnly}</p>}
            <ComponentsSection
              pageId={data.id}
              query={components}
              snapshot={snapshot.data}
              canEdit={canEdit}
              onChanged={componentsChanged}
            />
            <PostsSection pageId={data.id} components={components.data?.items ?? []} canEdit={canEdit} onChanged={changed} />
            <MaintenanceSection pageId={data.id} components={components.data?.items ?? []} canEdit={canEdit} onChanged={changed} />
          </div>
        )}
      </QueryView>
    </Page>
  );
}
