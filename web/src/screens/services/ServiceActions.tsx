// Edit (responders) and delete (administrators, after a question; a 409 names who still refers to it).
import { useState } from 'react';
import { deleteService } from '../../api/services';
import type { Service } from '../../api/types';
import { useRouter } from '../../app/router';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

export function ServiceActions({ service, editing, onEdit }: { service: Service; editing: boolean; onEdit(): void }) {
  const { t } = useI18n();
  const me = useMe();
  const toast = useToast();
  const { navigate } = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const d = t.services.detail;
  if (me.role === 'viewer') return null;

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await deleteService(service.id);
      toast.success(d.deleted);
      navigate({ name: 'services' });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" aria-expanded={editing} onClick={onEdit}>
        {d.edit}
      </button>
      {me.role === 'admin' && (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {d.delete}
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title={d.confirmDelete(service.name)}
        confirmLabel={d.delete}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
      >
        <p>{d.deleteBody}</p>
        {error !== undefined && <ErrorState error={error} />}
      </ConfirmDialog>
    </>
  );
}
