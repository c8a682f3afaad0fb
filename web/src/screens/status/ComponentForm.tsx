// Add a component (POST …/components) or change one (PATCH …/components/{id}): name, group,
// description, the services that drive its status, display order and a status set by hand.
import { useState, type FormEvent } from 'react';
import { createStatusComponent, updateStatusComponent } from '../../api/status-pages';
import type { ComponentStatus, ServiceOption, StatusComponent } from '../../api/types';
import type { Query } from '../../api/useQuery';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { errorFor, fieldErrors, type FieldMessages } from '../monitors/form-errors';
import { Checklist } from './Checklist';
import { COMPONENT_STATUSES } from './StatusWords';

interface Props {
  pageId: string;
  component?: StatusComponent;
  services: Query<ServiceOption[]>;
  onDone(): void;
  onCancel(): void;
}

export function ComponentForm({ pageId, component, services, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const f = t.statusPages.components.form;
  const toast = useToast();
  const [name, setName] = useState(component?.name ?? '');
  const [group, setGroup] = useState(component?.group ?? '');
  const [description, setDescription] = useState(component?.description ?? '');
  const [serviceIds, setServiceIds] = useState<string[]>(component?.serviceIds ?? []);
  const [override, setOverride] = useState<ComponentStatus | ''>(component?.statusOverride ?? '');
  const [position, setPosition] = useState(component ? String(component.position) : '');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const titleId = `sp-component-form-${component?.id ?? 'new'}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!name.trim()) return setErrors({ name: f.required });
    setErrors({});
    setBusy(true);
    const input = {
      name: name.trim(),
      group: group.trim() || null,
      description: description.trim() || null,
      serviceIds,
      statusOverride: override || null,
      ...(position.trim() ? { position: Number(position) } : {}),
    };
    try {
      if (component) await updateStatusComponent(pageId, component.id, input);
      else await createStatusComponent(pageId, input);
      toast.success(component ? f.saved : f.created(input.name));
      onDone();
    } catch (err) {
      const raw = fieldErrors(err);
      setErrors({ ...raw, serviceIds: errorFor(raw, 'serviceIds') ?? '' });
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="sp-subform" role="group" aria-labelledby={titleId}>
      <h3 id={titleId}>{component ? f.editTitle(component.name) : f.createTitle}</h3>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error !== undefined && <ErrorState error={error} />}
        <div className="sp-grid">
          <FormField label={f.name} error={errors.name}>
            {(c) => <input {...c} name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />}
          </FormField>
          <FormField label={f.group} hint={f.groupHint} error={errors.group}>
            {(c) => <input {...c} name="group" value={group} onChange={(e) => setGroup(e.target.value)} maxLength={200} />}
          </FormField>
        </div>
        <FormField label={f.description} error={errors.description}>
          {(c) => <input {...c} name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />}
        </FormField>
        <Checklist
          legend={f.services}
          hint={`${f.servicesHint} ${f.selected(serviceIds.length)}`}
          name="serviceIds"
          options={(services.data ?? []).map((s) => ({ id: s.id, label: s.name, detail: s.id }))}
          value={serviceIds}
          onChange={setServiceIds}
          error={errors.serviceIds || null}
          filterLabel={f.filter}
          empty={services.data ? f.noCatalog : t.common.loading}
        />
        <p className="muted sp-hint">{f.monitorsGap}</p>
        <div className="sp-grid">
          <FormField label={f.override} hint={f.overrideHint} error={errors.statusOverride}>
            {(c) => (
              <select {...c} name="statusOverride" value={override} onChange={(e) => setOverride(e.target.value as ComponentStatus | '')}>
                <option value="">{f.auto}</option>
                {COMPONENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t.statusPages.status[s]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={f.position} hint={f.positionHint} error={errors.position}>
            {(c) => (
              <input
                {...c}
                name="position"
                type="number"
                min={0}
                max={100000}
                value={position}
                onChange={(e) => setPosition(e.target.value)}
              />
            )}
          </FormField>
        </div>
        <div className="sp-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {component ? f.save : f.create}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {f.cancel}
          </button>
        </div>
      </form>
    </div>
  );
}
