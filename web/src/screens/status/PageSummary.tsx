// The head of a status page's screen: the public address (a live preview in a new tab), custom
// domains, what the public page shows overall now, and the settings (edit; delete for admins).
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { deleteStatusPage } from '../../api/status-pages';
import type { StatusPage, StatusSnapshot } from '../../api/types';
import { useRouter } from '../../app/router';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Time } from '../../components/Time';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { StatusPageForm } from './StatusPageForm';
import { PublicLink } from './StatusPageList';
import { ComponentStatusBadge } from './StatusWords';

interface Props {
  page: StatusPage;
  snapshot: StatusSnapshot | undefined;
  onSaved(): void;
}

export function PageSummary({ page, snapshot, onSaved }: Props) {
  const { t } = useI18n();
  const p = t.statusPages.page;
  const me = useMe();
  const toast = useToast();
  const { navigate } = useRouter();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    setBusy(true);
    try {
      await deleteStatusPage(page.id);
      toast.success(p.removed(page.name));
      navigate({ name: 'statusPages' });
    } catch (err) {
      toast.error(describeError(err, t).message);
      setBusy(false);
    }
  };

  return (
    <section className="card sp-summary" aria-label={t.statusPages.title}>
      {page.description && <p className="sp-text">{page.description}</p>}
      <dl className="sp-facts">
        <div>
          <dt>{p.publicAddress}</dt>
          <dd>
            <PublicLink page={page} />
          </dd>
        </div>
        {page.hostnames.length > 0 && (
          <div>
            <dt>{p.domains}</dt>
            <dd className="sp-mono" lang="en">
              {page.hostnames.join(', ')}
            </dd>
          </div>
        )}
        {snapshot && (
          <div>
            <dt>{p.overall}</dt>
            <dd>
              <ComponentStatusBadge value={snapshot.overall} />{' '}
              <span className="muted">
                {p.version(snapshot.version)} · <Time value={snapshot.builtAt} />
              </span>
            </dd>
          </div>
        )}
      </dl>
      <p className="muted sp-hint">{p.previewHint}</p>
      <div className="sp-actions">
        <PublicLink page={page} label={p.preview} className="button button-primary" />
        {me.role !== 'viewer' && (
          <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            {editing ? p.closeEdit : p.edit}
          </button>
        )}
        {me.role === 'admin' && (
          <button type="button" className="button button-danger" onClick={() => setRemoving(true)}>
            {p.remove}
          </button>
        )}
      </div>
      {editing && (
        <StatusPageForm
          page={page}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onSaved();
          }}
        />
      )}
      <ConfirmDialog
        open={removing}
        title={p.removeTitle}
        danger
        busy={busy}
        confirmLabel={p.removeConfirm}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(false)}
      >
        <p>{p.removeBody(page.name)}</p>
      </ConfirmDialog>
    </section>
  );
}
