// Scheduled maintenance of a page: schedule one, and the list by state — in progress, upcoming
// (soonest first), past (latest first) — with cancel, asked for first.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { deleteStatusMaintenance, listStatusMaintenances } from '../../api/status-pages';
import type { MaintenanceState, StatusComponent, StatusMaintenance } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useInterval } from '../../hooks/useInterval';
import { useI18n } from '../../i18n/I18nProvider';
import { MaintenanceForm } from './MaintenanceForm';
import { MaintenanceItem } from './MaintenanceItem';

const SHOWN = 100;
/** A maintenance starts and ends by the clock: the states are read again now and then. */
const REFRESH_MS = 60_000;
const ORDER: MaintenanceState[] = ['in_progress', 'scheduled', 'completed'];

interface Props {
  pageId: string;
  components: StatusComponent[];
  canEdit: boolean;
  onChanged(): void;
}

function sorted(list: StatusMaintenance[], state: MaintenanceState): StatusMaintenance[] {
  const mine = list.filter((m) => m.state === state);
  return state === 'completed'
    ? mine.sort((a, b) => b.endsAt.localeCompare(a.endsAt))
    : mine.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export function MaintenanceSection({ pageId, components, canEdit, onChanged }: Props) {
  const { t } = useI18n();
  const m = t.statusPages.maintenance;
  const toast = useToast();
  const query = useQuery(`status-maintenances:${pageId}`, (signal) => listStatusMaintenances(pageId, SHOWN, signal));
  useInterval(query.reload, REFRESH_MS);
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<StatusMaintenance | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = () => {
    query.reload();
    onChanged();
  };

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await deleteStatusMaintenance(pageId, removing.id);
      toast.success(m.removed);
      setRemoving(null);
      changed();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  return (
    <section className="card sp-section" aria-labelledby="sp-maintenance">
      <div className="sp-section-head">
        <h2 id="sp-maintenance">{m.title}</h2>
        {canEdit && (
          <button type="button" className="button" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
            {m.new}
          </button>
        )}
      </div>
      {creating && (
        <MaintenanceForm
          pageId={pageId}
          components={components}
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            changed();
          }}
        />
      )}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={m.empty}>
        {(page) =>
          ORDER.map((state) => {
            const items = sorted(page.items, state);
            return (
              items.length > 0 && (
                <div key={state} className="sp-group">
                  <h3>{m.groups[state]}</h3>
                  <ul className="sp-list">
                    {items.map((item) => (
                      <li key={item.id} data-maintenance-id={item.id}>
                        <MaintenanceItem maintenance={item} components={components} canEdit={canEdit} onRemove={() => setRemoving(item)} />
                      </li>
                    ))}
                  </ul>
                </div>
              )
            );
          })
        }
      </QueryView>
      <ConfirmDialog
        open={removing !== null}
        title={m.removeTitle}
        danger
        busy={busy}
        confirmLabel={m.removeConfirm}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing && m.removeBody(removing.title)}</p>
      </ConfirmDialog>
    </section>
  );
}
