// The service's open incidents (triggered, acknowledged, mitigated), gravest first; live.
import { listIncidents } from '../../api/incidents';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { Link, useRouter } from '../../app/router';
import { LevelBadge } from '../../components/LevelBadge';
import { QueryView } from '../../components/StateView';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';

const OPEN = 'triggered,acknowledged,mitigated';

export function ServiceIncidents({ serviceId }: { serviceId: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const query = useQuery(`service-incidents:${serviceId}`, (signal) =>
    listIncidents({ service: serviceId, status: OPEN, limit: 50 }, signal),
  );
  useReloadOnLive(query.reload, (event) => event.type === 'incident');
  const d = t.services.detail;
  const all = `/incidents?service=${encodeURIComponent(serviceId)}`;

  return (
    <section className="card" aria-labelledby="service-incidents">
      <h2 id="service-incidents">{d.incidents}</h2>
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={d.noIncidents}>
        {(page) => (
          <ul className="side-list">
            {[...page.items]
              .sort((a, b) => a.level - b.level)
              .map((incident) => (
                <li key={incident.id} data-incident-number={incident.number}>
                  <Link to={{ name: 'incident', number: incident.number }} className="side-link">
                    #{incident.number} {incident.title}
                  </Link>
                  <span className="side-meta">
                    <LevelBadge level={incident.level} />
                    <StatusBadge kind="incident" value={incident.status} />
                    <Time value={incident.startedAt} />
                  </span>
                </li>
              ))}
          </ul>
        )}
      </QueryView>
      <a
        href={all}
        className="side-link"
        onClick={(e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          navigate(all);
        }}
      >
        {d.allIncidents}
      </a>
    </section>
  );
}
