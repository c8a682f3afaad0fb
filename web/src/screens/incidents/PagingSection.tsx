// Who was paged, how, and what came of it (`GET …/paging`): the escalation's steps and every
// notification with its channel, outcome and last error. Sending happens in the background without
// changing the incident, so an open incident's record is read again every half minute.
import { getIncidentPaging } from '../../api/incidents';
import type { PagingNotification } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { Time } from '../../components/Time';
import { useInterval } from '../../hooks/useInterval';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';
import { NOTE_POLL_MS, useFollowVersion } from './useFollowVersion';

export function PagingSection({ incident, revision }: SectionProps) {
  const { t, fmt } = useI18n();
  const p = t.incident.paging;
  const query = useQuery(`incident-paging:${incident.id}`, (signal) => getIncidentPaging(incident.id, signal));
  useFollowVersion(query.reload, revision);
  useInterval(() => {
    if (incident.status !== 'resolved') query.reload();
  }, NOTE_POLL_MS);
  const short = (id: string) => id.slice(0, 8);

  return (
    <section className="card incident-section" aria-labelledby="incident-paging">
      <h2 id="incident-paging">{p.title}</h2>
      <QueryView query={query} isEmpty={(data) => !data.escalation && data.notifications.length === 0} empty={p.none}>
        {({ escalation, notifications }) => (
          <>
            {escalation && (
              <>
                <h3>
                  {p.escalation}: {p.status[escalation.status] ?? escalation.status}
                  {escalation.status === 'active' && escalation.nextAt && (
                    <span className="muted"> · {p.next(fmt.dateTime(escalation.nextAt))}</span>
                  )}
                </h3>
                <ul className="incident-firings">
                  {escalation.firings.map((f) => (
                    <li key={f.seq}>
                      <strong>{f.step === null ? p.extra : p.step(f.step, f.round)}</strong> · <Time value={f.at} mode="absolute" /> ·{' '}
                      {f.cancelledAt ? p.cancelled : f.fired ? p.fired : p.planned}
                      <span className="muted">
                        {' '}
                        · {f.targets.map((target) => `${p.targets[target.kind] ?? target.kind} ${short(target.id)}`).join(', ')}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {notifications.length > 0 && (
              <>
                <h3>{p.notifications}</h3>
                <ul className="incident-notifications">
                  {notifications.map((n) => (
                    <Notification key={n.id} n={n} />
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function Notification({ n }: { n: PagingNotification }) {
  const { t } = useI18n();
  const p = t.incident.paging;
  const who = n.userId ? p.someone(n.userId.slice(0, 8)) : n.channelId ? p.channel(n.channelId.slice(0, 8)) : t.common.none;
  return (
    <li data-outcome={n.status}>
      <strong>{who}</strong> · <span lang="en">{n.via}</span> ·{' '}
      <span className="badge status-badge" data-tone={n.status === 'failed' ? 'alert' : n.status === 'sent' ? 'ok' : 'quiet'}>
        <span className="status-dot" aria-hidden="true" />
        {p.outcomes[n.status] ?? n.status}
      </span>{' '}
      <span className="muted">
        {p.attempts(n.attempts)} · <Time value={n.sentAt ?? n.dueAt} />
      </span>
      {n.lastError && (
        <p className="incident-paging-error muted" lang="en">
          {n.lastError}
        </p>
      )}
    </li>
  );
}
