// Open incidents by level, gravest first, newest first within a level (the API's order). A new
// incident from an alert appears here without a reload: every `incident` event refetches.
import { listIncidents } from '../../api/incidents';
import type { Incident } from '../../api/types';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { LevelBadge } from '../../components/LevelBadge';
import { QueryView } from '../../components/StateView';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import { asLevel, LEVELS } from '../../levels';

const LIMIT = 200;

export function OpenIncidents() {
  const { t } = useI18n();
  const query = useQuery('open-incidents', (signal) => listIncidents({ status: 'open', limit: LIMIT }, signal));
  useReloadOnLive(query.reload, (event) => event.type === 'incident');
  const n = t.now.incidents;

  return (
    <section className="card now-incidents" aria-labelledby="now-incidents-title">
      <h2 id="now-incidents-title">{n.title}</h2>
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={n.empty}>
        {(page) => (
          <>
            {LEVELS.map((level) => {
              const items = page.items.filter((incident) => asLevel(incident.level) === level);
              return items.length > 0 && <LevelGroup key={level} level={level} items={items} />;
            })}
            {page.nextCursor && <p className="muted">{n.more}</p>}
          </>
        )}
      </QueryView>
      <Link to={{ name: 'incidents' }} className="section-link">
        {n.all}
      </Link>
    </section>
  );
}

function LevelGroup({ level, items }: { level: number; items: Incident[] }) {
  const { t } = useI18n();
  return (
    <div className="level-group" data-level={level} style={{ borderInlineStartColor: `var(--level-${level})` }}>
      <h3 className="level-group-title">
        <LevelBadge level={level} />
        <span className="muted">{t.now.incidents.count(items.length)}</span>
      </h3>
      <ul className="incident-list">
        {items.map((incident) => (
          <li key={incident.id} className="incident-item" data-incident-number={incident.number}>
            <Link to={{ name: 'incident', number: incident.number }} className="incident-title">
              #{incident.number} {incident.title}
            </Link>
            <span className="incident-meta">
              <StatusBadge kind="incident" value={incident.status} />
              {incident.drill && <span className="badge status-badge">{t.now.incidents.drill}</span>}
              <Time value={incident.startedAt} />
              {incident.services.length > 0 && (
                <span className="muted" title={t.now.incidents.services}>
                  {incident.services.slice(0, 4).join(', ')}
                  {incident.services.length > 4 ? ' …' : ''}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
