// Create a status page (POST /status-pages) or change its settings (PATCH /status-pages/{id}):
// slug, name, description, custom domains, branding and default language.
import { useState, type FormEvent } from 'react';
import { createStatusPage, publicPathOf, updateStatusPage } from '../../api/status-pages';
import type { StatusPage } from '../../api/types';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { FieldMessages } from '../monitors/form-errors';
import { pageDraftOf, pageFieldErrors, pageInputOf, type PageDraft } from './page-draft';

interface Props {
  /** The page to change; absent: a new one. */
  page?: StatusPage;
  onDone(page: StatusPage): void;
  onCancel(): void;
}

export function StatusPageForm({ page, onDone, onCancel }: Props) {
  const { t, locale } = useI18n();
  const f = t.statusPages.form;
  const toast = useToast();
  const [draft, setDraft] = useState<PageDraft>(() => pageDraftOf(page, locale));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PageDraft>(key: K, value: PageDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: 'slug' | 'name' | 'description' | 'hostnames' | 'logoUrl' | 'primaryColor') => (e: { target: { value: string } }) =>
    set(key, e.target.value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldMessages = {};
    if (!draft.slug.trim()) missing.slug = f.required;
    if (!draft.name.trim()) missing.name = f.required;
    setErrors(missing);
    setError(undefined);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const input = pageInputOf(draft);
      const saved = page ? await updateStatusPage(page.id, input) : await createStatusPage(input);
      toast.success(page ? f.saved : f.created(saved.name));
      onDone(saved);
    } catch (err) {
      setErrors(pageFieldErrors(err, t));
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card sp-form" aria-labelledby="status-page-form-title">
      <h2 id="status-page-form-title">{page ? f.editTitle(page.name) : f.createTitle}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error !== undefined && <ErrorState error={error} />}
        <div className="sp-grid">
          <FormField label={f.slug} hint={f.slugHint(publicPathOf(draft.slug.trim() || 'slug'))} error={errors.slug}>
            {(c) => (
              <input
                {...c}
                name="slug"
                value={draft.slug}
                onChange={text('slug')}
                autoCapitalize="none"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </FormField>
          <FormField label={f.name} error={errors.name}>
            {(c) => <input {...c} name="name" value={draft.name} onChange={text('name')} maxLength={200} />}
          </FormField>
        </div>
        <FormField label={f.description} error={errors.description}>
          {(c) => <textarea {...c} name="description" rows={2} maxLength={2000} value={draft.description} onChange={text('description')} />}
        </FormField>
        <FormField label={f.hostnames} hint={f.hostnamesHint} error={errors.hostnames}>
          {(c) => (
            <textarea
              {...c}
              name="hostnames"
              rows={2}
              value={draft.hostnames}
              onChange={text('hostnames')}
              spellCheck={false}
              autoCapitalize="none"
            />
          )}
        </FormField>
        <div className="sp-grid">
          <FormField label={f.logoUrl} hint={f.logoUrlHint} error={errors.logoUrl}>
            {(c) => (
              <input {...c} name="logoUrl" type="url" inputMode="url" value={draft.logoUrl} onChange={text('logoUrl')} maxLength={2000} />
            )}
          </FormField>
          <FormField label={f.defaultLocale} hint={f.defaultLocaleHint} error={errors.defaultLocale}>
            {(c) => (
              <select
                {...c}
                name="defaultLocale"
                value={draft.defaultLocale}
                onChange={(e) => set('defaultLocale', e.target.value as 'zh-CN' | 'en')}
              >
                <option value="zh-CN">{t.statusPages.locales['zh-CN']}</option>
                <option value="en">{t.statusPages.locales.en}</option>
              </select>
            )}
          </FormField>
        </div>
        <label className="sp-check">
          <input type="checkbox" name="useColor" checked={draft.useColor} onChange={(e) => set('useColor', e.target.checked)} />
          {f.useColor}
        </label>
        {draft.useColor && (
          <FormField label={f.primaryColor} hint={f.primaryColorHint} error={errors.primaryColor}>
            {(c) => (
              <span className="sp-color">
                <input
                  {...c}
                  name="primaryColor"
                  value={draft.primaryColor}
                  onChange={text('primaryColor')}
                  maxLength={7}
                  spellCheck={false}
                />
                <input
                  type="color"
                  aria-hidden="true"
                  tabIndex={-1}
                  value={safeColor(draft.primaryColor)}
                  onChange={text('primaryColor')}
                />
              </span>
            )}
          </FormField>
        )}
        <div className="sp-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {page ? f.save : f.create}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {f.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

/** `<input type="color">` only takes `#rrggbb`. */
const safeColor = (value: string) => (/^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : '#000000');
