// The status pages as a table: name (to its console page), public address, domains, language.
import { publicPathOf } from '../../api/status-pages';
import type { StatusPage } from '../../api/types';
import { Link, useRouter } from '../../app/router';
import { DataTable, type Column } from '../../components/DataTable';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';

export function StatusPageList({ pages }: { pages: StatusPage[] }) {
  const { t } = useI18n();
  const s = t.statusPages;
  const { navigate } = useRouter();
  const columns: Column<StatusPage>[] = [
    {
      key: 'name',
      header: s.columns.name,
      render: (row) => (
        <Link to={{ name: 'statusPage', id: row.id }} className="sp-tap sp-strong">
          {row.name}
        </Link>
      ),
    },
    { key: 'address', header: s.columns.address, render: (row) => <PublicLink page={row} /> },
    {
      key: 'domains',
      header: s.columns.domains,
      render: (row) =>
        row.hostnames.length > 0 ? (
          <span className="sp-mono" lang="en">
            {row.hostnames.join(', ')}
          </span>
        ) : (
          <span className="muted">{t.common.none}</span>
        ),
    },
    { key: 'locale', header: s.columns.locale, render: (row) => s.locales[row.defaultLocale] },
    { key: 'updated', header: s.columns.updated, render: (row) => <Time value={row.updatedAt} /> },
  ];
  return (
    <DataTable
      caption={s.caption}
      columns={columns}
      rows={pages}
      rowKey={(row) => row.id}
      onActivate={(row) => navigate({ name: 'statusPage', id: row.id })}
    />
  );
}

/** The public address, opened in a new tab (a real link: it can be copied and shared). */
export function PublicLink({ page, label, className = 'sp-tap sp-mono' }: { page: StatusPage; label?: string; className?: string }) {
  const { t } = useI18n();
  const path = publicPathOf(page.slug);
  return (
    <a href={path} target="_blank" rel="noopener" className={className} data-public-link={page.slug}>
      {label ?? path}
      <span className="visually-hidden"> {t.statusPages.newTab}</span>
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
