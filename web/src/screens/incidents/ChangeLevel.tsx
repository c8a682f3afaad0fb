// Set the level by hand. Raising needs nothing; lowering needs a reason, which the form says up
// front and the API enforces (`reason_required`, shown on the reason field).
import { useState, type FormEvent } from 'react';
import { fieldErrors, isApiError } from '../../api/errors';
import { setIncidentLevel } from '../../api/incidents';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { asLevel, LEVELS, levelName } from '../../levels';
import type { SectionProps } from './IncidentView';

export function ChangeLevel({ incident, reload }: SectionProps) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [level, setLevel] = useState(incident.level);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const l = t.incident.level;
  const lowering = level > incident.level;

  const reasonError = isApiError(error) && error.code === 'reason_required' ? t.errors.reasonRequired : (fieldErrors(error).reason ?? null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await setIncidentLevel(incident.id, level, reason.trim() || null);
      toast.success(l.done(levelName(asLevel(saved.level), locale)));
      setReason('');
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card incident-section" aria-labelledby="incident-level">
      <h2 id="incident-level">{l.title}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="incident-level-form">
        <FormField label={l.newLevel}>
          {(control) => (
            <select {...control} name="level" value={level} onChange={(e) => setLevel(Number(e.target.value))}>
              {LEVELS.map((n) => (
                <option key={n} value={n}>
                  {levelName(n, locale)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={l.reason} hint={lowering ? l.lowering : l.hint} error={reasonError}>
          {(control) => (
            <textarea {...control} name="reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </FormField>
        {error !== undefined && !reasonError && <ErrorState error={error} />}
        <button type="submit" className="button button-primary" disabled={busy || level === incident.level}>
          {l.submit}
        </button>
      </form>
    </section>
  );
}
