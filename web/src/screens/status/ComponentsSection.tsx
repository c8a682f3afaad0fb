// A page's components, grouped as the public page groups them, each with the status the public sees
// now (derived, or set by hand), its services; add, edit and remove for responders.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { listServiceOptions } from '../../api/integrations';
import { deleteStatusComponent } from '../../api/status-pages';
import type { Page as ApiPage, StatusComponent, StatusSnapshot } from '../../api/types';
import { useQuery, type Query } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { ComponentForm } from './ComponentForm';
import { ComponentItem } from './ComponentItem';

interface Props {
  pageId: string;
  query: Query<ApiPage<StatusComponent>>;
  snapshot: StatusSnapshot | undefined;
  canEdit: boolean;
  onChanged(): void;
}

/** Groups in the order their first component appears (the API lists by position). */
export function groupComponents(list: StatusComponent[]): [string | null, StatusComponent[]][] {
  const groups = new Map<string | null, StatusComponent[]>();
  for (const c of list) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.entries()];
}

export function ComponentsSection({ pageId, query, snapshot, canEdit, onChanged }: Props) {
  const { t } = useI18n();
  const c = t.statusPages.components;
  const toast = useToast();
  const services = useQuery('service-options', listServiceOptions);
  const [editing, setEditing] = useState<StatusComponent | 'new' | null>(null);
  const [removing, setRemoving] = useState<StatusComponent | null>(null);
  const [busy, setBusy] = useState(false);
  const names = new Map((services.data ?? []).map((s) => [s.id, s.name]));
  const shown = new Map((snapshot?.components ?? []).map((s) => [s.id, s.status]));

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await deleteStatusComponent(pageId, removing.id);
      toast.success(c.removed(removing.name));
      setRemoving(null);
      onChanged();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  const form = (component?: StatusComponent) => (
    <ComponentForm
      pageId={pageId}
      component={component}
      services={services}
      onCancel={() => setEditing(null)}
      onDone={() => {
        setEditing(null);
        onChanged();
      }}
    />
  );

  return (
    <section className="card sp-section" aria-labelledby="sp-components">
      <div className="sp-section-head">
        <h2 id="sp-components">{c.title}</h2>
        {canEdit && (
          <button
            type="button"
            className="button"
            aria-expanded={editing === 'new'}
            onClick={() => setEditing(editing === 'new' ? null : 'new')}
          >
            {c.add}
          </button>
        )}
      </div>
      {editing === 'new' && form()}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={c.empty}>
        {(page) =>
          groupComponents(page.items).map(([group, items]) => (
            <div key={group ?? ''} className="sp-group">
              <h3>{group ?? c.noGroup}</h3>
              <ul className="sp-list">
                {items.map((component) => (
                  <li key={component.id} data-component-id={component.id}>
                    {editing !== null && editing !== 'new' && editing.id === component.id ? (
                      form(component)
                    ) : (
                      <ComponentItem
                        component={component}
                        shows={shown.get(component.id)}
                        serviceNames={names}
                        canEdit={canEdit}
                        onEdit={() => setEditing(component)}
                        onRemove={() => setRemoving(component)}
                      />
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))
        }
      </QueryView>
      <ConfirmDialog
        open={removing !== null}
        title={c.removeTitle}
        danger
        busy={busy}
        confirmLabel={c.removeConfirm}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing && c.removeBody(removing.name)}</p>
      </ConfirmDialog>
    </section>
  );
}
