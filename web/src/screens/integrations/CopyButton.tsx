// Copies a text to the clipboard and says so. Over plain http on a LAN address the async clipboard
// API is missing (not a secure context), so a hidden textarea and execCommand('copy') stand in.
// Shared by the on-call feed URL, integration keys and snippets, and API token secrets.
import { useState } from 'react';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** `what` names the thing for screen readers: "复制集成密钥" / "Copy Integration key". */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await copyText(text);
      toast.success(t.integrations.copy.done);
    } catch {
      toast.error(t.integrations.copy.failed);
    }
    setBusy(false);
  };
  return (
    <button
      type="button"
      className="button copy-button"
      aria-label={t.integrations.copy.label(what)}
      disabled={busy}
      onClick={() => void onClick()}
    >
      {t.integrations.copy.button}
    </button>
  );
}

/** A read-only value (a key, a URL) with its copy button; the text is selectable by hand too. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input id={id} readOnly value={value} lang="en" spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={value} what={label} />
      </div>
    </div>
  );
}
