// The form for a new monitor (POST /monitors). Field errors from the API land on their fields;
// a heartbeat monitor's push URL is handed to the screen, which shows it once.
import { useState, type FormEvent } from 'react';
import { createMonitor } from '../../api/monitors';
import { listAllServices } from '../../api/services';
import type { CreatedMonitor, MonitorInput, MonitorKind } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { FormField } from '../../components/FormField';
import { ErrorState, QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { errorFor, fieldErrors, type FieldMessages } from './form-errors';
import { configOf, EMPTY_CONFIG } from './monitor-config';
import { MonitorConfigFields } from './MonitorConfigFields';
import { ScheduleFields } from './ScheduleFields';

const KINDS: MonitorKind[] = ['http', 'tcp', 'dns', 'tls', 'heartbeat'];
const num = (value: string) => (value.trim() ? Number(value) : undefined);

export function CreateMonitor({ onCreated }: { onCreated(created: CreatedMonitor): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const services = useQuery('services:all', listAllServices);
  const [draft, setDraft] = useState({
    name: '',
    serviceId: '',
    kind: 'http' as MonitorKind,
    interval: '60',
    timeout: '',
    failures: '2',
    grace: '30',
    locations: 'local',
  });
  const [config, setConfig] = useState(EMPTY_CONFIG);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const f = t.monitors.form;
  const heartbeat = draft.kind === 'heartbeat';
  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const serviceId = draft.serviceId || services.data?.[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldMessages = {};
    if (!draft.name.trim()) missing.name = f.required;
    if (!serviceId) missing.serviceId = f.required;
    setErrors(missing);
    setError(undefined);
    if (Object.keys(missing).length > 0) return;
    const input: MonitorInput = {
      name: draft.name.trim(),
      serviceId,
      kind: draft.kind,
      config: configOf(draft.kind, config),
      intervalSeconds: num(draft.interval),
      ...(heartbeat
        ? { graceSeconds: num(draft.grace) }
        : {
            timeoutMs: num(draft.timeout),
            failureThreshold: num(draft.failures),
            locations: draft.locations
              .split(',')
              .map((l) => l.trim())
              .filter(Boolean),
          }),
    };
    setBusy(true);
    try {
      const created = await createMonitor(input);
      toast.success(f.created(created.monitor.name));
      onCreated(created);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card monitor-form" aria-labelledby="monitor-form-title">
      <h2 id="monitor-form-title">{f.title}</h2>
      <QueryView query={services} isEmpty={(list) => list.length === 0} empty={<Link to={{ name: 'services' }}>{f.noServices}</Link>}>
        {(list) => (
          <form onSubmit={(e) => void submit(e)} noValidate>
            {error !== undefined && <ErrorState error={error} />}
            <div className="form-row">
              <FormField label={f.name} error={errorFor(errors, 'name')}>
                {(c) => <input {...c} name="name" value={draft.name} onChange={set('name')} required maxLength={200} />}
              </FormField>
              <FormField label={f.service} error={errorFor(errors, 'serviceId')}>
                {(c) => (
                  <select {...c} name="serviceId" value={serviceId} onChange={set('serviceId')}>
                    {list.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name} ({s.id})
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField label={f.kind} error={errorFor(errors, 'kind')}>
                {(c) => (
                  <select {...c} name="kind" value={draft.kind} onChange={set('kind')}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t.monitors.kinds[k]}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            </div>
            <MonitorConfigFields kind={draft.kind} draft={config} errors={errors} onChange={setConfig} />
            <ScheduleFields
              heartbeat={heartbeat}
              draft={draft}
              errors={errors}
              onChange={(key, value) => setDraft({ ...draft, [key]: value })}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {f.submit}
            </button>
          </form>
        )}
      </QueryView>
    </section>
  );
}
