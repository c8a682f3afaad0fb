// The internal incident a public post refers to, as a link for responders. Console only: the public
// page never shows it, nor anything of it.
import { getIncident } from '../../api/incidents';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n/I18nProvider';

export function LinkedIncident({ incidentId }: { incidentId: string }) {
  const { t } = useI18n();
  const p = t.statusPages.posts;
  const query = useQuery(`status-linked:${incidentId}`, (signal) => getIncident(incidentId, signal));
  const incident = query.data;
  return (
    <p className="sp-meta">
      <span className="muted">{p.linked}: </span>
      {incident ? (
        <Link to={{ name: 'incident', number: incident.number }} className="sp-tap">
          {p.linkedNumber(incident.number)}
        </Link>
      ) : (
        <code lang="en">{incidentId}</code>
      )}{' '}
      <span className="muted">({p.linkedHint})</span>
    </p>
  );
}
