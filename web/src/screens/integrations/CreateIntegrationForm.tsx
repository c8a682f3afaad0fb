// New integration: name, kind, bound service or label routing, and what some kinds need
// (Grafana's signing secret, a heartbeat's interval). The answer carries the key, shown once.
import { useState, type FormEvent } from 'react';
import { createIntegration, listServiceOptions, type CreateIntegrationInput } from '../../api/integrations';
import { fieldErrors } from '../../api/errors';
import type { IntegrationWithKey } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';

export const KINDS = ['alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'webhook', 'heartbeat'] as const;
type Kind = (typeof KINDS)[number];

export function CreateIntegrationForm({ onCreated, onCancel }: { onCreated(created: IntegrationWithKey): void; onCancel(): void }) {
  const { t } = useI18n();
  const f = t.integrations.form;
  const services = useQuery('service-options', listServiceOptions);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('alertmanager');
  const [bound, setBound] = useState(false);
  const [serviceId, setServiceId] = useState('');
  const [secret, setSecret] = useState('');
  const [intervalSeconds, setIntervalSeconds] = useState('300');
  const [grace, setGrace] = useState('60');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = f.required;
    if (bound && !serviceId) found.serviceId = f.pickService;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: CreateIntegrationInput = { name: name.trim(), kind, serviceId: bound ? serviceId : null };
    if (kind === 'grafana' && secret) body.signingSecret = secret;
    if (kind === 'heartbeat') body.settings = { heartbeat: { intervalSeconds: Number(intervalSeconds), graceSeconds: Number(grace) } };
    setBusy(true);
    setFailure(undefined);
    try {
      onCreated(await createIntegration(body));
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors({
        name: byField.name ?? '',
        serviceId: byField.serviceId ?? '',
        signingSecret: byField.signingSecret ?? '',
        interval: byField['settings.heartbeat.intervalSeconds'] ?? '',
        grace: byField['settings.heartbeat.graceSeconds'] ?? '',
      });
      setFailure(err);
    }
    setBusy(false);
  };

  const options = services.data ?? [];
  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-integration-title">
      <h2 id="new-integration-title">{f.title}</h2>
      {failure !== undefined && <ErrorState error={failure} />}
      <div className="form-grid">
        <FormField label={f.name} hint={f.nameHint} error={errors.name || null}>
          {(control) => <input {...control} name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </FormField>
        <FormField label={f.kind}>
          {(control) => (
            <select {...control} name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t.integrations.kinds[k]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <fieldset>
        <legend>{f.routing}</legend>
        <label className="choice">
          <input type="radio" name="routing" checked={!bound} onChange={() => setBound(false)} />
          {f.labels}
        </label>
        <label className="choice">
          <input type="radio" name="routing" checked={bound} onChange={() => setBound(true)} />
          {f.bound}
        </label>
        {!bound && <p className="muted">{f.labelsHint}</p>}
        {bound && services.error !== undefined && <ErrorState error={services.error} onRetry={services.reload} />}
        {bound && services.data && options.length === 0 && <p className="muted">{f.noServices}</p>}
        {bound && options.length > 0 && (
          <FormField label={f.serviceField} error={errors.serviceId || null}>
            {(control) => (
              <select {...control} name="serviceId" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                <option value="">{f.pickService}</option>
                {options.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.id})
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
      </fieldset>
      {kind === 'grafana' && (
        <FormField label={f.secret} hint={f.secretHint} error={errors.signingSecret || null}>
          {(control) => (
            <input {...control} type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} />
          )}
        </FormField>
      )}
      {kind === 'heartbeat' && (
        <div className="form-grid">
          <FormField label={f.interval} hint={f.heartbeatHint} error={errors.interval || null}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={10}
                inputMode="numeric"
                value={intervalSeconds}
                onChange={(e) => setIntervalSeconds(e.target.value)}
              />
            )}
          </FormField>
          <FormField label={f.grace} error={errors.grace || null}>
            {(control) => (
              <input {...control} type="number" min={0} inputMode="numeric" value={grace} onChange={(e) => setGrace(e.target.value)} />
            )}
          </FormField>
        </div>
      )}
      <div className="row-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? f.submitting : f.submit}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t.integrations.cancel}
        </button>
      </div>
    </form>
  );
}
