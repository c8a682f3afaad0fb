// Schedule maintenance (POST …/maintenances): title, message, components, and its window typed as
// wall-clock times in the reader's time zone and sent as ISO instants.
import { useState, type FormEvent } from 'react';
import { createStatusMaintenance } from '../../api/status-pages';
import type { StatusComponent } from '../../api/types';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { fromLocalInput, toLocalInput } from '../incidents/zoned';
import { errorFor, fieldErrors, type FieldMessages } from '../monitors/form-errors';
import { Checklist } from './Checklist';

const HOUR = 3600_000;

interface Props {
  pageId: string;
  components: StatusComponent[];
  onDone(): void;
  onCancel(): void;
}

export function MaintenanceForm({ pageId, components, onDone, onCancel }: Props) {
  const { t, fmt } = useI18n();
  const f = t.statusPages.maintenance.form;
  const toast = useToast();
  const zone = fmt.timeZone;
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [componentIds, setComponentIds] = useState<string[]>([]);
  const [start, setStart] = useState(() => toLocalInput(new Date(Math.ceil(Date.now() / HOUR) * HOUR).toISOString(), zone));
  const [end, setEnd] = useState(() => toLocalInput(new Date(Math.ceil(Date.now() / HOUR) * HOUR + 2 * HOUR).toISOString(), zone));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startsAt = fromLocalInput(start, zone);
    const endsAt = fromLocalInput(end, zone);
    const found: FieldMessages = {};
    if (!title.trim()) found.title = f.required;
    if (!body.trim()) found.body = f.required;
    if (!startsAt) found.startsAt = f.required;
    if (!endsAt) found.endsAt = f.required;
    else if (startsAt && endsAt <= startsAt) found.endsAt = f.endBeforeStart;
    setErrors(found);
    setError(undefined);
    if (Object.keys(found).length > 0 || !startsAt || !endsAt) return;
    setBusy(true);
    try {
      await createStatusMaintenance(pageId, { title: title.trim(), body, componentIds, startsAt, endsAt });
      toast.success(f.created);
      onDone();
    } catch (err) {
      const raw = fieldErrors(err);
      setErrors({ ...raw, componentIds: errorFor(raw, 'componentIds') ?? '' });
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="sp-subform" aria-labelledby="sp-maintenance-form">
      <h3 id="sp-maintenance-form">{f.title}</h3>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error !== undefined && <ErrorState error={error} />}
        <FormField label={f.titleLabel} error={errors.title}>
          {(c) => <input {...c} name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />}
        </FormField>
        <div className="sp-grid">
          <FormField label={f.startsAt} hint={f.zoneHint(zone)} error={errors.startsAt}>
            {(c) => <input {...c} name="startsAt" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
          </FormField>
          <FormField label={f.endsAt} hint={f.zoneHint(zone)} error={errors.endsAt}>
            {(c) => <input {...c} name="endsAt" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />}
          </FormField>
        </div>
        <FormField label={f.body} hint={f.bodyHint} error={errors.body}>
          {(c) => <textarea {...c} name="body" rows={3} maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />}
        </FormField>
        <Checklist
          legend={f.components}
          hint={f.componentsHint}
          name="componentIds"
          options={components.map((c) => ({ id: c.id, label: c.name }))}
          value={componentIds}
          onChange={setComponentIds}
          error={errors.componentIds || null}
          empty={t.statusPages.posts.noComponents}
        />
        <div className="sp-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {f.submit}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {f.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
