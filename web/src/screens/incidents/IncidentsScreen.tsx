// The incident list: filters in the address, one API page at a time (keyset cursor), live.
import { useRouter } from '../../app/router';
import { Page } from '../../components/Page';
import { EmptyState, ErrorState, Loading } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { filterSearch, hasFilter, readFilter } from './filter';
import { IncidentFilters } from './IncidentFilters';
import { IncidentTable } from './IncidentTable';
import { useIncidentList } from './useIncidentList';
import './incidents.css';

export function IncidentsScreen() {
  const { t } = useI18n();
  const { location } = useRouter();
  const filter = readFilter(location.search);
  const search = filterSearch(filter);
  const list = useIncidentList(search);

  return (
    <Page title={t.incidents.title}>
      <IncidentFilters key={search} filter={filter} />
      {list.error !== undefined && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.items === undefined ? (
        list.error === undefined && <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState>{hasFilter(filter) ? t.incidents.empty : t.incidents.none}</EmptyState>
      ) : (
        <section className="incident-results" aria-label={t.incidents.title}>
          <IncidentTable items={list.items} />
          <div className="incident-more">
            <span className="muted">
              {t.incidents.shown(list.items.length)}
              {!list.hasMore && ` · ${t.incidents.end}`}
            </span>
            {list.hasMore && (
              <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
                {list.loadingMore ? t.incidents.loadingMore : t.incidents.more}
              </button>
            )}
          </div>
          {list.moreError !== undefined && <ErrorState error={list.moreError} onRetry={list.loadMore} />}
        </section>
      )}
    </Page>
  );
}
