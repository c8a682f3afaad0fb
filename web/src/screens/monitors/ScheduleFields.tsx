// How often and from where a new monitor checks: interval and timeout, the failures before down and
// the locations; a heartbeat has an interval and a grace instead.
import { FormField, type ControlProps } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';
import { errorFor, type FieldMessages } from './form-errors';

export interface ScheduleDraft {
  interval: string;
  timeout: string;
  failures: string;
  grace: string;
  locations: string;
}

interface Props {
  heartbeat: boolean;
  draft: ScheduleDraft;
  errors: FieldMessages;
  onChange(key: keyof ScheduleDraft, value: string): void;
}

export function ScheduleFields({ heartbeat, draft, errors, onChange }: Props) {
  const { t } = useI18n();
  const f = t.monitors.form;
  const number = (key: keyof ScheduleDraft, name: string, min: number, max: number) => (c: ControlProps) => (
    <input {...c} name={name} type="number" min={min} max={max} value={draft[key]} onChange={(e) => onChange(key, e.target.value)} />
  );
  return (
    <>
      <div className="form-row">
        <FormField label={f.interval} hint={f.intervalHint} error={errorFor(errors, 'intervalSeconds')}>
          {number('interval', 'intervalSeconds', 10, 86_400)}
        </FormField>
        {heartbeat ? (
          <FormField label={f.grace} hint={f.graceHint} error={errorFor(errors, 'graceSeconds')}>
            {number('grace', 'graceSeconds', 0, 86_400)}
          </FormField>
        ) : (
          <>
            <FormField label={f.timeout} hint={f.timeoutHint} error={errorFor(errors, 'timeoutMs')}>
              {number('timeout', 'timeoutMs', 100, 30_000)}
            </FormField>
            <FormField label={f.failureThreshold} error={errorFor(errors, 'failureThreshold')}>
              {number('failures', 'failureThreshold', 1, 100)}
            </FormField>
          </>
        )}
      </div>
      {!heartbeat && (
        <FormField label={f.locations} hint={f.locationsHint} error={errorFor(errors, 'locations')}>
          {(c) => (
            <input
              {...c}
              name="locations"
              value={draft.locations}
              onChange={(e) => onChange('locations', e.target.value)}
              autoCapitalize="none"
            />
          )}
        </FormField>
      )}
    </>
  );
}
