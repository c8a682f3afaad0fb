// The rows of the incident list: level (name on its colour), number and title as a link, status,
// services, when it was detected and how long it has lasted.
import type { IncidentDetail } from '../../api/types';
import { Link, useRouter } from '../../app/router';
import { DataTable, type Column } from '../../components/DataTable';
import { LevelBadge } from '../../components/LevelBadge';
import { StatusBadge } from '../../components/StatusBadge';
import { Time, useNow } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';

const SHOWN_SERVICES = 3;

export function IncidentTable({ items }: { items: IncidentDetail[] }) {
  const { t, fmt } = useI18n();
  const { navigate } = useRouter();
  const now = useNow();
  const c = t.incidents.table;

  const duration = (i: IncidentDetail) => {
    const end = i.resolvedAt ? Date.parse(i.resolvedAt) : now;
    const text = fmt.duration(Math.max(0, (end - Date.parse(i.startedAt)) / 1000));
    return i.resolvedAt ? text : c.ongoing(text);
  };

  const columns: Column<IncidentDetail>[] = [
    { key: 'level', header: c.level, render: (i) => <LevelBadge level={i.level} /> },
    {
      key: 'title',
      header: c.title,
      className: 'incident-cell-title',
      render: (i) => (
        <>
          <Link to={{ name: 'incident', number: i.number }} className="incident-row-link">
            #{i.number} {i.title}
          </Link>
          {i.drill && <span className="badge status-badge">{c.drill}</span>}
        </>
      ),
    },
    { key: 'status', header: c.status, render: (i) => <StatusBadge kind="incident" value={i.status} /> },
    {
      key: 'services',
      header: c.services,
      className: 'incident-cell-services',
      render: (i) => (
        <span title={i.services.join(', ')}>
          {i.services.slice(0, SHOWN_SERVICES).join(', ') || t.common.none}
          {i.services.length > SHOWN_SERVICES && <span className="muted"> {c.moreServices(i.services.length - SHOWN_SERVICES)}</span>}
        </span>
      ),
    },
    { key: 'opened', header: c.opened, render: (i) => <Time value={i.createdAt} /> },
    { key: 'duration', header: c.duration, className: 'incident-cell-duration', render: duration },
  ];

  return (
    <div className="incident-table">
      <DataTable
        caption={c.caption}
        columns={columns}
        rows={items}
        rowKey={(i) => i.id}
        onActivate={(i) => navigate({ name: 'incident', number: i.number })}
      />
    </div>
  );
}
