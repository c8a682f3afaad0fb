// A person's contact methods (list, add, delete) and, below them, when each is used.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import type { ContactMethod } from '../../api/types';
import { deleteContactMethod, listContactMethods } from '../../api/users';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { ContactMethodForm } from './ContactMethodForm';
import { NotificationRules } from './NotificationRules';

export function ContactsAndRules({ userId }: { userId: string }) {
  const { t } = useI18n();
  const s = t.settings;
  const c = s.profile.contact;
  const toast = useToast();
  const query = useQuery(`settings-contacts:${userId}`, (signal) => listContactMethods(userId, signal));
  // Deleting a method drops the rules that use it: the rules reload with the methods.
  const [revision, setRevision] = useState(0);
  const [doomed, setDoomed] = useState<ContactMethod | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = () => {
    query.reload();
    setRevision((r) => r + 1);
  };

  const remove = async () => {
    if (!doomed) return;
    setBusy(true);
    try {
      await deleteContactMethod(userId, doomed.id);
      toast.success(c.deleted);
      setDoomed(null);
      changed();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  const columns: Column<ContactMethod>[] = [
    { key: 'label', header: c.columns.label, render: (row) => <strong>{row.label}</strong> },
    {
      key: 'kind',
      header: c.columns.kind,
      render: (row) =>
        row.channel ? `${c.kinds[row.kind] ?? row.kind} · ${c.channels[row.channel] ?? row.channel}` : (c.kinds[row.kind] ?? row.kind),
    },
    {
      key: 'address',
      header: c.columns.address,
      render: (row) => (
        <span className="mono" lang="en">
          {row.address}
        </span>
      ),
    },
    {
      key: 'actions',
      header: s.actions,
      render: (row) => (
        <button type="button" className="button button-danger" onClick={() => setDoomed(row)}>
          {s.delete}
        </button>
      ),
    },
  ];

  return (
    <>
      <div className="card">
        <h3>{c.title}</h3>
        <p className="muted">{c.intro}</p>
        <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={c.empty}>
          {(page) => <DataTable caption={c.caption} columns={columns} rows={page.items} rowKey={(row) => row.id} />}
        </QueryView>
        <ContactMethodForm userId={userId} onAdded={changed} />
      </div>
      <NotificationRules userId={userId} methods={query.data?.items ?? []} revision={revision} />
      <ConfirmDialog
        open={doomed !== null}
        title={c.deleteTitle}
        danger
        busy={busy}
        confirmLabel={s.delete}
        onConfirm={() => void remove()}
        onCancel={() => setDoomed(null)}
      >
        <p>{doomed && c.deleteBody(doomed.label)}</p>
      </ConfirmDialog>
    </>
  );
}
