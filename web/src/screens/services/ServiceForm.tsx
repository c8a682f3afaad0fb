// Create a service (POST /services) or change one (PATCH /services/{id}). The API's field errors
// are shown on their fields (a bad ID, an unknown dependency, a cycle).
import { useState, type FormEvent } from 'react';
import { createService, updateService } from '../../api/services';
import type { Service } from '../../api/types';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { FieldMessages } from '../monitors/form-errors';
import { DependsOnPicker } from './DependsOnPicker';
import { OwnershipFields } from './OwnershipFields';
import { RunbookField } from './RunbookField';
import { draftOf, inputOf, SERVICE_KINDS, serviceFieldErrors, type ServiceDraft } from './service-draft';
import './service-form.css';

interface Props {
  /** The service to change; absent: a new one. */
  service?: Service;
  catalog: readonly Service[];
  onDone(service: Service): void;
  onCancel(): void;
}

export function ServiceForm({ service, catalog, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const toast = useToast();
  const [draft, setDraft] = useState<ServiceDraft>(() => draftOf(service));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const f = t.services.form;
  const editing = service !== undefined;
  const set = <K extends keyof ServiceDraft>(key: K, value: ServiceDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: 'id' | 'name' | 'rto' | 'rpo') => (e: { target: { value: string } }) => set(key, e.target.value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldMessages = {};
    if (!editing && !draft.id.trim()) missing.id = f.required;
    if (!draft.name.trim()) missing.name = f.required;
    setErrors(missing);
    setError(undefined);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const { id, ...changes } = inputOf(draft);
      const saved = editing ? await updateService(service.id, changes) : await createService({ id, ...changes });
      toast.success(editing ? f.saved : f.created(saved.name));
      onDone(saved);
    } catch (err) {
      setErrors(serviceFieldErrors(err, t));
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card service-form" aria-labelledby="service-form-title">
      <h2 id="service-form-title">{editing ? f.editTitle(service.name) : f.createTitle}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error !== undefined && <ErrorState error={error} />}
        <div className="form-row">
          {!editing && (
            <FormField label={f.id} hint={f.idHint} error={errors.id}>
              {(c) => (
                <input
                  {...c}
                  name="id"
                  value={draft.id}
                  onChange={text('id')}
                  autoCapitalize="none"
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </FormField>
          )}
          <FormField label={f.name} error={errors.name}>
            {(c) => <input {...c} name="name" value={draft.name} onChange={text('name')} maxLength={200} />}
          </FormField>
          <FormField label={f.kind} error={errors.kind}>
            {(c) => (
              <select {...c} name="kind" value={draft.kind} onChange={(e) => set('kind', e.target.value as ServiceDraft['kind'])}>
                {SERVICE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t.services.kinds[k]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <fieldset className="field service-flags">
          <legend>{f.flags}</legend>
          {(['critical', 'payment', 'userFacing'] as const).map((flag) => (
            <label key={flag} className="check">
              <input type="checkbox" name={flag} checked={draft[flag]} onChange={(e) => set(flag, e.target.checked)} />
              {f[flag]}
            </label>
          ))}
        </fieldset>
        <DependsOnPicker
          options={catalog.filter((s) => s.id !== service?.id)}
          value={draft.dependsOn}
          error={errors.dependsOn ?? null}
          onChange={(v) => set('dependsOn', v)}
        />
        <OwnershipFields draft={draft} errors={errors} onChange={(key, value) => set(key, value)} />
        <div className="form-row">
          <FormField label={f.rto} hint={f.rtoHint} error={errors.rtoMinutes}>
            {(c) => <input {...c} name="rtoMinutes" type="number" min={0} max={525600} value={draft.rto} onChange={text('rto')} />}
          </FormField>
          <FormField label={f.rpo} hint={f.rpoHint} error={errors.rpoMinutes}>
            {(c) => <input {...c} name="rpoMinutes" type="number" min={0} max={525600} value={draft.rpo} onChange={text('rpo')} />}
          </FormField>
        </div>
        <RunbookField value={draft.runbook} error={errors.runbook ?? null} onChange={(v) => set('runbook', v)} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {editing ? f.save : f.create}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {f.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
