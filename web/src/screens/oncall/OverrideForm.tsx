// Add an override: a person and a span, typed as wall-clock times in the reader's time zone.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/errors';
import { createOverride } from '../../api/oncall';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { nameOf, type Names } from './people';
import { fromLocalInput, toLocalInput } from './week';

const HOUR = 3600_000;

interface Props {
  scheduleId: string;
  people: string[];
  names: Names;
  onAdded(): void;
}

export function OverrideForm({ scheduleId, people, names, onAdded }: Props) {
  const { t, fmt } = useI18n();
  const o = t.oncall.overrides;
  const toast = useToast();
  const zone = fmt.timeZone;
  const [userId, setUserId] = useState('');
  const [start, setStart] = useState(() => toLocalInput(Math.ceil(Date.now() / HOUR) * HOUR, zone));
  const [end, setEnd] = useState(() => toLocalInput(Math.ceil(Date.now() / HOUR) * HOUR + 4 * HOUR, zone));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const who = userId || people[0] || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startMs = fromLocalInput(start, zone);
    const endMs = fromLocalInput(end, zone);
    const found = {
      userId: who ? undefined : o.required,
      start: startMs === null ? o.required : undefined,
      end: endMs === null ? o.required : startMs !== null && endMs <= startMs ? o.endBeforeStart : undefined,
    };
    setErrors(found);
    if (found.userId || found.start || found.end || startMs === null || endMs === null) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await createOverride(scheduleId, { userId: who, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() });
      toast.success(o.added);
      onAdded();
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors({ userId: byField.userId, start: byField.start, end: byField.end });
      setFailure(err);
    }
    setBusy(false);
  };

  return (
    <form className="override-form" onSubmit={(e) => void submit(e)} noValidate>
      {failure !== undefined && <ErrorState error={failure} />}
      <div className="form-grid">
        <FormField label={o.who} error={errors.userId ?? null}>
          {(control) => (
            <select {...control} name="userId" value={who} onChange={(e) => setUserId(e.target.value)}>
              {people.map((id) => (
                <option key={id} value={id}>
                  {nameOf(id, names, t.oncall.someone)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={o.start} hint={o.zoneHint(zone)} error={errors.start ?? null}>
          {(control) => <input {...control} name="start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
        </FormField>
        <FormField label={o.end} hint={o.zoneHint(zone)} error={errors.end ?? null}>
          {(control) => <input {...control} name="end" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />}
        </FormField>
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? o.adding : o.add}
      </button>
    </form>
  );
}
