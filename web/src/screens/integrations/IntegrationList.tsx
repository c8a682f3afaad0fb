// The integrations, with rotate and delete for admins (each asks first).
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { deleteIntegration, rotateIntegrationKey } from '../../api/integrations';
import type { Integration, IntegrationWithKey } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { Time } from '../../components/Time';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  items: Integration[];
  serviceNames: Map<string, string>;
  isAdmin: boolean;
  onRotated(withKey: IntegrationWithKey): void;
  onDeleted(id: string): void;
}

type Pending = { action: 'rotate' | 'delete'; integration: Integration } | null;

export function IntegrationList({ items, serviceNames, isAdmin, onRotated, onDeleted }: Props) {
  const { t } = useI18n();
  const i = t.integrations;
  const toast = useToast();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      if (pending.action === 'rotate') onRotated(await rotateIntegrationKey(pending.integration.id));
      else {
        await deleteIntegration(pending.integration.id);
        toast.success(i.remove.done);
        onDeleted(pending.integration.id);
      }
      setPending(null);
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  const columns: Column<Integration>[] = [
    { key: 'name', header: i.columns.name, render: (row) => <strong>{row.name}</strong> },
    { key: 'kind', header: i.columns.kind, render: (row) => i.kinds[row.kind] ?? row.kind },
    {
      key: 'routing',
      header: i.columns.routing,
      render: (row) =>
        row.serviceId ? i.service(serviceNames.get(row.serviceId) ?? row.serviceId) : <span className="muted">{i.byLabels}</span>,
    },
    { key: 'key', header: i.columns.key, render: (row) => <code lang="en">{i.keyPrefix(row.keyPrefix)}</code> },
    { key: 'status', header: i.columns.status, render: (row) => (row.disabled ? i.disabled : i.enabled) },
    { key: 'created', header: i.columns.created, render: (row) => <Time value={row.createdAt} /> },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: t.settings.actions,
      render: (row) =>
        row.kind !== 'monitor' && (
          <span className="row-actions">
            <button type="button" className="button" onClick={() => setPending({ action: 'rotate', integration: row })}>
              {i.rotate.action}
            </button>
            <button type="button" className="button button-danger" onClick={() => setPending({ action: 'delete', integration: row })}>
              {i.remove.action}
            </button>
          </span>
        ),
    });
  }

  const words = pending?.action === 'rotate' ? i.rotate : i.remove;
  return (
    <>
      <DataTable caption={i.caption} columns={columns} rows={items} rowKey={(row) => row.id} />
      <ConfirmDialog
        open={pending !== null}
        title={words.title}
        danger
        busy={busy}
        confirmLabel={words.confirm}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>{pending && words.body(pending.integration.name)}</p>
      </ConfirmDialog>
    </>
  );
}
