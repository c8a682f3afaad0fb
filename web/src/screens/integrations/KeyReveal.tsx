// The answer of a create or rotate: the key, shown this once, with the snippets that use it.
import { useId } from 'react';
import type { IntegrationWithKey } from '../../api/types';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n/I18nProvider';
import { CopyButton, CopyField } from './CopyButton';
import { snippetsFor } from './snippets';

export function KeyReveal({ integration, onDone }: { integration: IntegrationWithKey; onDone(): void }) {
  const { t } = useI18n();
  const r = t.integrations.reveal;
  const id = useId();
  const snippets = snippetsFor(integration.kind, integration.key, window.location.origin, integration, t.integrations.snippets);
  return (
    <section className="card secret-panel" aria-labelledby={`${id}-title`} data-testid="key-reveal">
      <h2 id={`${id}-title`}>{r.title(integration.name)}</h2>
      <p className="secret-once" role="status">
        {r.once}
      </p>
      <CopyField id={`${id}-key`} label={r.key} value={integration.key} />
      {snippets.length > 0 && <h3>{r.snippets}</h3>}
      {snippets.map((snippet) => (
        <div key={snippet.id} className="snippet" data-snippet={snippet.id}>
          <div className="snippet-head">
            <h4 id={`${id}-${snippet.id}`}>{snippet.title}</h4>
            <CopyButton text={snippet.code} what={snippet.title} />
          </div>
          {snippet.note && <p className="muted">{snippet.note}</p>}
          <pre lang="en" aria-labelledby={`${id}-${snippet.id}`} tabIndex={0}>
            <code>{snippet.code}</code>
          </pre>
        </div>
      ))}
      {integration.kind === 'heartbeat' && (
        <p className="muted">
          {t.integrations.snippets.monitorsNote}{' '}
          <Link to={{ name: 'monitors' }} className="tap-link">
            {t.integrations.snippets.monitorsLink}
          </Link>
        </p>
      )}
      <button type="button" className="button button-primary" onClick={onDone}>
        {r.done}
      </button>
    </section>
  );
}
