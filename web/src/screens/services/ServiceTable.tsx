import type { Service } from '../../api/types';
import { Link, useRouter } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { ServiceFlags } from './ServiceFlags';

/** The catalog as a table: kind, flags, owner, RTO/RPO and dependencies per service. */
export function ServiceTable({ services }: { services: readonly Service[] }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const c = t.services.table;
  const minutes = (n: number | null) => (n === null ? t.common.none : t.services.minutes(n));
  const names = new Map(services.map((s) => [s.id, s.name]));
  const rows = [...services].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <DataTable<Service>
      caption={c.caption}
      rows={rows}
      rowKey={(s) => s.id}
      onActivate={(s) => navigate({ name: 'service', id: s.id })}
      columns={[
        {
          key: 'name',
          header: c.name,
          render: (s) => (
            <Link to={{ name: 'service', id: s.id }} className="service-link" data-service-id={s.id}>
              <span>{s.name}</span>
              <span className="muted service-id">{s.id}</span>
            </Link>
          ),
        },
        { key: 'kind', header: c.kind, render: (s) => t.services.kinds[s.kind] },
        { key: 'flags', header: c.flags, render: (s) => <ServiceFlags service={s} /> },
        { key: 'owner', header: c.owner, render: (s) => s.ownerTeam ?? t.common.none },
        { key: 'rto', header: c.rto, className: 'num', render: (s) => minutes(s.rtoMinutes) },
        { key: 'rpo', header: c.rpo, className: 'num', render: (s) => minutes(s.rpoMinutes) },
        {
          key: 'deps',
          header: c.dependsOn,
          render: (s) => (s.dependsOn.length === 0 ? t.common.none : t.services.names(s.dependsOn.map((id) => names.get(id) ?? id))),
        },
      ]}
    />
  );
}
