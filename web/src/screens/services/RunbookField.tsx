// The runbook's Markdown, with a preview rendered the same safe way as on the service page.
import { useState } from 'react';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';
import { Markdown } from '../../components/Markdown';

export function RunbookField({ value, error, onChange }: { value: string; error: string | null; onChange(next: string): void }) {
  const { t } = useI18n();
  const f = t.services.form;
  const [preview, setPreview] = useState(false);
  return (
    <div className="runbook-field">
      <FormField label={f.runbook} hint={f.runbookHint} error={error}>
        {(c) => <textarea {...c} name="runbook" rows={8} value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} />}
      </FormField>
      <button type="button" className="button" aria-pressed={preview} onClick={() => setPreview(!preview)}>
        {f.preview}
      </button>
      {preview && value.trim() && (
        <div className="runbook-preview card">
          <Markdown source={value} />
        </div>
      )}
    </div>
  );
}
