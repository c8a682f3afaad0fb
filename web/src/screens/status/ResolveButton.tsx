// "Mark resolved": an update with the stage `resolved` and a closing note, asked for first.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { addStatusUpdate } from '../../api/status-pages';
import type { StatusIncident } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormField } from '../../components/FormField';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

export function ResolveButton({ pageId, post, onDone }: { pageId: string; post: StatusIncident; onDone(): void }) {
  const { t } = useI18n();
  const p = t.statusPages.posts;
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState(p.resolveDefault);
  const [busy, setBusy] = useState(false);

  const resolve = async () => {
    if (!body.trim()) return;
    setBusy(true);
    try {
      await addStatusUpdate(pageId, post.id, { stage: 'resolved', body });
      toast.success(p.resolvedDone);
      setOpen(false);
      onDone();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {p.resolve}
      </button>
      <ConfirmDialog
        open={open}
        title={p.resolveTitle}
        busy={busy}
        confirmLabel={p.resolve}
        onConfirm={() => void resolve()}
        onCancel={() => setOpen(false)}
      >
        <FormField label={p.resolveBody} error={body.trim() ? null : p.form.required}>
          {(c) => <textarea {...c} name="resolveBody" rows={3} maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />}
        </FormField>
      </ConfirmDialog>
    </>
  );
}
