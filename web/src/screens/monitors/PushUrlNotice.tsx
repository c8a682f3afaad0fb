// A heartbeat monitor's push URL, shown once after it was created, with a copy button. The clipboard
// API needs a secure context; elsewhere the text is selected and copied the old way.
import { useEffect, useRef } from 'react';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import './monitors.css';

/** The server answers a path when it does not know its public URL: complete it with ours. */
export const absoluteUrl = (url: string) => (url.startsWith('/') ? `${window.location.origin}${url}` : url);

export function PushUrlNotice({ url, onDone }: { url: string; onDone(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const p = t.monitors.push;
  useEffect(() => input.current?.select(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      toast.success(p.copied);
    } catch {
      input.current?.select();
      const done = document.execCommand('copy');
      if (done) toast.success(p.copied);
      else toast.error(p.copyFailed);
    }
  };

  return (
    <section className="card push-notice" role="status" aria-labelledby="push-title">
      <h2 id="push-title">{p.title}</h2>
      <p>{p.body}</p>
      <div className="push-url">
        <label className="visually-hidden" htmlFor="push-url">
          {p.title}
        </label>
        <input id="push-url" ref={input} readOnly value={url} lang="en" onFocus={(e) => e.target.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          {p.copy}
        </button>
      </div>
      <button type="button" className="button button-primary" onClick={onDone}>
        {p.done}
      </button>
    </section>
  );
}
