// The three states every piece of fetched data is in. Screens render <QueryView> and only write the
// happy path; loading, failure and "nothing here" look the same everywhere.
import type { ReactNode } from 'react';
import { describeError } from '../api/describe-error';
import type { Query } from '../api/useQuery';
import { useI18n } from '../i18n/I18nProvider';
import './feedback.css';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t.common.loading}
    </p>
  );
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p>{children}</p>
      {action}
    </div>
  );
}

/** A failure in words, with the request id for a 500 and a retry when one is possible. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = describeError(error, t);
  return (
    <div className="state state-error" role="alert">
      <p className="state-message">{text.message}</p>
      {text.detail && (
        <p className="state-detail">
          {t.errors.serverSaid}: <span lang="en">{text.detail}</span>
        </p>
      )}
      {text.requestId && <p className="state-detail">{t.errors.requestId(text.requestId)}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}

interface QueryViewProps<T> {
  query: Query<T>;
  /** Whether the data counts as empty (then `empty` is shown instead of `children`). */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Data on screen stays while a reload fails: the error then shows above it instead of replacing it. */
export function QueryView<T>({ query, isEmpty, empty, children }: QueryViewProps<T>) {
  const { data, error, reload } = query;
  if (data === undefined) {
    if (error !== undefined) return <ErrorState error={error} onRetry={reload} />;
    return <Loading />;
  }
  return (
    <>
      {error !== undefined && <ErrorState error={error} onRetry={reload} />}
      {isEmpty?.(data) ? <EmptyState>{empty}</EmptyState> : children(data)}
    </>
  );
}
