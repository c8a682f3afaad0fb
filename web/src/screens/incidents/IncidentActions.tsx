// Acknowledge, mitigate, resolve, reopen: only what the status allows. A 409 means the status moved
// under us (an e-mail link, a colleague): say so in words and show the incident as it is now.
import { useState } from 'react';
import { isApiError } from '../../api/errors';
import { runIncidentAction } from '../../api/incidents';
import type { IncidentAction, IncidentStatus } from '../../api/types';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';

export const ACTIONS_FOR: Record<IncidentStatus, IncidentAction[]> = {
  triggered: ['acknowledge', 'mitigate', 'resolve'],
  acknowledged: ['mitigate', 'resolve'],
  mitigated: ['resolve', 'reopen'],
  resolved: ['reopen'],
};

export function IncidentActions({ incident, reload }: SectionProps) {
  const { t } = useI18n();
  const toast = useToast();
  const [running, setRunning] = useState<IncidentAction | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const a = t.incident.actions;
  const actions = ACTIONS_FOR[incident.status] ?? [];

  const run = async (action: IncidentAction) => {
    setRunning(action);
    setError(undefined);
    try {
      await runIncidentAction(incident.id, action);
      toast.success(a.done[action]);
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
      reload();
    }
  };

  const conflict = isApiError(error) && error.code === 'invalid_transition';
  return (
    <section className="incident-actions" aria-label={a.label}>
      <div className="incident-action-buttons">
        {actions.map((action, index) => (
          <button
            key={action}
            type="button"
            className={index === 0 ? 'button button-primary' : 'button'}
            disabled={running !== null}
            aria-busy={running === action}
            onClick={() => void run(action)}
          >
            {a[action]}
          </button>
        ))}
      </div>
      {conflict ? (
        <p className="state state-error incident-conflict" role="alert">
          {a.invalidTransition}
        </p>
      ) : (
        error !== undefined && <ErrorState error={error} />
      )}
    </section>
  );
}
