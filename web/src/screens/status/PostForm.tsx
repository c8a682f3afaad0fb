// Publish a public incident (POST …/incidents): its title, impact, first stage and message, the
// components it affects with their status, and optionally the internal incident it is about.
import { useState, type FormEvent } from 'react';
import { createStatusIncident } from '../../api/status-pages';
import type { PublicImpact, PublicStage, ShownComponent, StatusComponent } from '../../api/types';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { errorFor, fieldErrors, type FieldMessages } from '../monitors/form-errors';
import { AffectedPicker } from './AffectedPicker';
import { InternalIncidentPicker } from './InternalIncidentPicker';
import { STAGES } from './StatusWords';

const IMPACTS: PublicImpact[] = ['none', 'minor', 'major', 'critical'];

interface Props {
  pageId: string;
  components: StatusComponent[];
  onDone(): void;
  onCancel(): void;
}

export function PostForm({ pageId, components, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const f = t.statusPages.posts.form;
  const toast = useToast();
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState<PublicImpact>('minor');
  const [stage, setStage] = useState<PublicStage>('investigating');
  const [body, setBody] = useState('');
  const [shown, setShown] = useState<ShownComponent[]>([]);
  const [incidentId, setIncidentId] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldMessages = {};
    if (!title.trim()) missing.title = f.required;
    if (!body.trim()) missing.body = f.required;
    setErrors(missing);
    setError(undefined);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      await createStatusIncident(pageId, { title: title.trim(), impact, stage, body, components: shown, incidentId: incidentId || null });
      toast.success(f.published);
      onDone();
    } catch (err) {
      const raw = fieldErrors(err);
      setErrors({ ...raw, components: errorFor(raw, 'components') ?? '' });
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="sp-subform" aria-labelledby="sp-post-form">
      <h3 id="sp-post-form">{f.title}</h3>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error !== undefined && <ErrorState error={error} />}
        <FormField label={f.titleLabel} hint={f.titleHint} error={errors.title}>
          {(c) => <input {...c} name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />}
        </FormField>
        <div className="sp-grid">
          <FormField label={f.impact} error={errors.impact}>
            {(c) => (
              <select {...c} name="impact" value={impact} onChange={(e) => setImpact(e.target.value as PublicImpact)}>
                {IMPACTS.map((i) => (
                  <option key={i} value={i}>
                    {t.statusPages.impact[i]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={f.stage} error={errors.stage}>
            {(c) => (
              <select {...c} name="stage" value={stage} onChange={(e) => setStage(e.target.value as PublicStage)}>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t.statusPages.stage[s]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <FormField label={f.body} hint={f.bodyHint} error={errors.body}>
          {(c) => <textarea {...c} name="body" rows={4} maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />}
        </FormField>
        <AffectedPicker components={components} value={shown} onChange={setShown} error={errors.components || null} />
        <InternalIncidentPicker value={incidentId} onChange={setIncidentId} error={errors.incidentId} />
        <div className="sp-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {f.publish}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {f.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
