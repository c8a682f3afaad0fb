// Post an update on a public incident (POST …/incidents/{id}/updates): a stage (forward only, or any
// to reopen a resolved one), the message, and optionally new affected components.
import { useState, type FormEvent } from 'react';
import { addStatusUpdate } from '../../api/status-pages';
import type { PublicStage, ShownComponent, StatusComponent, StatusIncident } from '../../api/types';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { errorFor, fieldErrors, type FieldMessages } from '../monitors/form-errors';
import { AffectedPicker } from './AffectedPicker';
import { STAGES } from './StatusWords';

interface Props {
  pageId: string;
  post: StatusIncident;
  components: StatusComponent[];
  onDone(): void;
}

/** The stages an update may take: the current one and later ones; any of them on a resolved post. */
export function stagesAfter(current: PublicStage): PublicStage[] {
  return current === 'resolved' ? STAGES : STAGES.slice(STAGES.indexOf(current));
}

export function UpdateForm({ pageId, post, components, onDone }: Props) {
  const { t } = useI18n();
  const u = t.statusPages.posts.updateForm;
  const toast = useToast();
  const stages = stagesAfter(post.stage);
  const [stage, setStage] = useState<PublicStage>(post.stage === 'resolved' ? 'investigating' : post.stage);
  const [body, setBody] = useState('');
  const [changeComponents, setChangeComponents] = useState(false);
  const [shown, setShown] = useState<ShownComponent[]>(post.components);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!body.trim()) return setErrors({ body: u.required });
    setErrors({});
    setBusy(true);
    try {
      await addStatusUpdate(pageId, post.id, { stage, body, ...(changeComponents ? { components: shown } : {}) });
      toast.success(u.posted);
      onDone();
    } catch (err) {
      const raw = fieldErrors(err);
      setErrors({ ...raw, components: errorFor(raw, 'components') ?? '' });
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="sp-subform" onSubmit={(e) => void submit(e)} noValidate aria-label={t.statusPages.posts.update}>
      {error !== undefined && <ErrorState error={error} />}
      <FormField label={u.stage} hint={u.stageHint} error={errors.stage}>
        {(c) => (
          <select {...c} name="stage" value={stage} onChange={(e) => setStage(e.target.value as PublicStage)}>
            {stages.map((s) => (
              <option key={s} value={s}>
                {t.statusPages.stage[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={u.body} error={errors.body}>
        {(c) => <textarea {...c} name="body" rows={3} maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />}
      </FormField>
      <label className="sp-check">
        <input type="checkbox" checked={changeComponents} onChange={(e) => setChangeComponents(e.target.checked)} />
        {u.changeComponents}
      </label>
      {changeComponents && <AffectedPicker components={components} value={shown} onChange={setShown} error={errors.components || null} />}
      <div className="sp-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {u.submit}
        </button>
      </div>
    </form>
  );
}
