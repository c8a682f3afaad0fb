// The last line against a blank page: a render error in a screen shows a message and a way out
// instead of unmounting the whole console. Keyed by the path, so navigating away recovers.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console has no error reporting service; the browser console is where a developer looks.
    console.error('console crashed', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <Crash error={this.state.error} /> : this.props.children;
  }
}

function Crash({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <h1>{t.errors.crashTitle}</h1>
      <p>{t.errors.crashBody}</p>
      <p className="state-detail" lang="en">
        {error.message}
      </p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t.common.reload}
      </button>
    </div>
  );
}
