// Responders' notes: post one (`POST …/updates`) and read them, newest first.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/errors';
import { addIncidentUpdate, listUpdates } from '../../api/incidents';
import { useQuery } from '../../api/useQuery';
import { FormField } from '../../components/FormField';
import { ErrorState, QueryView } from '../../components/StateView';
import { Time } from '../../components/Time';
import { useToast } from '../../components/Toast';
import { useInterval } from '../../hooks/useInterval';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';
import { NOTE_POLL_MS, useFollowVersion } from './useFollowVersion';

export function UpdatesSection({ incident, reload, canAct, revision }: SectionProps) {
  const { t } = useI18n();
  const toast = useToast();
  const query = useQuery(`incident-updates:${incident.id}`, (signal) => listUpdates(incident.id, signal));
  useFollowVersion(query.reload, revision);
  useInterval(() => {
    if (incident.status !== 'resolved') query.reload();
  }, NOTE_POLL_MS);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const u = t.incident.updates;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!message.trim()) return setProblem(u.required);
    setProblem(null);
    setError(undefined);
    setBusy(true);
    try {
      await addIncidentUpdate(incident.id, message.trim());
      toast.success(u.done);
      setMessage('');
      reload();
    } catch (err) {
      setProblem(fieldErrors(err).message ?? null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card incident-section" aria-labelledby="incident-updates">
      <h2 id="incident-updates">{u.title}</h2>
      {canAct && (
        <form onSubmit={(e) => void submit(e)} noValidate className="incident-update-form">
          <FormField label={u.label} hint={u.hint} error={problem}>
            {(control) => (
              <textarea
                {...control}
                name="message"
                rows={3}
                maxLength={20000}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            )}
          </FormField>
          {error !== undefined && !problem && <ErrorState error={error} />}
          <button type="submit" className="button button-primary" disabled={busy}>
            {u.submit}
          </button>
        </form>
      )}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={u.empty}>
        {(page) => (
          <ol className="incident-updates" reversed>
            {[...page.items].reverse().map((entry) => (
              <li key={entry.id}>
                <p className="incident-update-meta muted">
                  <strong>{entry.actor.name}</strong> · <Time value={entry.at} />
                </p>
                <p className="incident-update-text">{entry.message}</p>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </section>
  );
}
