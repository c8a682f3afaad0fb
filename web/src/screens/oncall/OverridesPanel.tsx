// A schedule's current and upcoming overrides: the form to add one (responders and admins) and the
// list, where administrators may delete one after confirming.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { deleteOverride, listOverrides } from '../../api/oncall';
import type { Override } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { QueryView } from '../../components/StateView';
import { Time } from '../../components/Time';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { OverrideForm } from './OverrideForm';
import { nameOf, useReloadOnRevision, type Names } from './people';

interface Props {
  scheduleId: string;
  names: Names;
  people: string[];
  revision: number;
  onChanged(): void;
}

export function OverridesPanel({ scheduleId, names, people, revision, onChanged }: Props) {
  const { t, fmt } = useI18n();
  const o = t.oncall.overrides;
  const role = useMe().role;
  const toast = useToast();
  const query = useQuery(`oncall-overrides:${scheduleId}`, (signal) => listOverrides(scheduleId, new Date(), undefined, signal));
  useReloadOnRevision(revision, query.reload);
  const [doomed, setDoomed] = useState<Override | null>(null);
  const [busy, setBusy] = useState(false);
  const who = (id: string) => nameOf(id, names, t.oncall.someone);

  const remove = async () => {
    if (!doomed) return;
    setBusy(true);
    try {
      await deleteOverride(scheduleId, doomed.id);
      toast.success(o.deleted);
      setDoomed(null);
      onChanged();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  const columns: Column<Override>[] = [
    { key: 'who', header: o.who, render: (row) => <strong>{who(row.userId)}</strong> },
    { key: 'start', header: o.start, render: (row) => <Time value={row.start} mode="absolute" /> },
    { key: 'end', header: o.end, render: (row) => <Time value={row.end} mode="absolute" /> },
    { key: 'by', header: o.createdBy, render: (row) => <span lang="en">{row.createdBy}</span> },
  ];
  if (role === 'admin') {
    columns.push({
      key: 'actions',
      header: o.actions,
      render: (row) => (
        <button type="button" className="button button-danger" onClick={() => setDoomed(row)}>
          {o.delete}
        </button>
      ),
    });
  }

  return (
    <section className="card overrides" aria-labelledby="overrides-title">
      <h3 id="overrides-title">{o.title}</h3>
      <p className="muted">{o.intro}</p>
      {role === 'viewer' ? (
        <p className="admin-note">{o.viewerNote}</p>
      ) : (
        <OverrideForm scheduleId={scheduleId} people={people} names={names} onAdded={onChanged} />
      )}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={o.empty}>
        {(page) => <DataTable caption={o.caption} columns={columns} rows={page.items} rowKey={(row) => row.id} />}
      </QueryView>
      {role !== 'admin' && <p className="muted">{o.adminDeleteNote}</p>}
      <ConfirmDialog
        open={doomed !== null}
        title={o.deleteTitle}
        danger
        busy={busy}
        confirmLabel={o.delete}
        onConfirm={() => void remove()}
        onCancel={() => setDoomed(null)}
      >
        <p>{doomed && o.deleteBody(who(doomed.userId), fmt.dateTime(doomed.start), fmt.dateTime(doomed.end))}</p>
      </ConfirmDialog>
    </section>
  );
}
