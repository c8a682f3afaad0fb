// Change one level's response profile (administrators): the whole profile is sent (PUT), and the
// level then reads "changed here" until it is reset to the policy file's.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/errors';
import { setResponseProfile } from '../../api/settings';
import type { EffectiveProfile, PageTarget, ResponseProfile } from '../../api/types';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';

const TARGETS: PageTarget[] = ['on-call', 'escalation-policy', 'team-channel', 'leadership', 'incident-commander'];
type NumberField =
  'ackTargetMinutes' | 'ackTimeoutMinutes' | 'updateCadenceMinutes' | 'escalationStartStep' | 'postmortemDays' | 'regulatorMinutes';

const text = (n: number | null | undefined) => (n == null ? '' : String(n));
const orNull = (value: string) => (value.trim() === '' ? null : Number(value));

export function ProfileForm({ item, onSaved, onCancel }: { item: EffectiveProfile; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const s = t.settings;
  const p = s.profiles;
  const start = item.profile;
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    ackTargetMinutes: text(start.ackTargetMinutes),
    ackTimeoutMinutes: text(start.ackTimeoutMinutes),
    updateCadenceMinutes: text(start.updateCadenceMinutes),
    escalationStartStep: text(start.escalationStartStep),
    postmortemDays: text(start.postmortem.dueWorkingDays),
    regulatorMinutes: text(start.regulatorReport.dueMinutes),
  });
  const [page, setPage] = useState<PageTarget[]>(start.page);
  const [statusPage, setStatusPage] = useState(start.statusPageUpdateRequired);
  const [postmortem, setPostmortem] = useState(start.postmortem.required);
  const [regulator, setRegulator] = useState(start.regulatorReport.required);
  const [clock, setClock] = useState(start.regulatorReport.clockStartsAt);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const profile: ResponseProfile = {
      ackTargetMinutes: orNull(numbers.ackTargetMinutes),
      ackTimeoutMinutes: orNull(numbers.ackTimeoutMinutes),
      page: TARGETS.filter((target) => page.includes(target)),
      escalationStartStep: orNull(numbers.escalationStartStep) ?? 1,
      updateCadenceMinutes: orNull(numbers.updateCadenceMinutes),
      statusPageUpdateRequired: statusPage,
      postmortem: { required: postmortem, dueWorkingDays: orNull(numbers.postmortemDays) },
      regulatorReport: { required: regulator, dueMinutes: orNull(numbers.regulatorMinutes), clockStartsAt: clock },
    };
    setBusy(true);
    setFailure(undefined);
    try {
      await setResponseProfile(item.level, profile);
      onSaved();
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors({
        ...byField,
        postmortemDays: byField['postmortem.dueWorkingDays'] ?? '',
        regulatorMinutes: byField['regulatorReport.dueMinutes'] ?? '',
      });
      setFailure(err);
    }
    setBusy(false);
  };

  const labels: Record<NumberField, string> = {
    ackTargetMinutes: p.ackTarget,
    ackTimeoutMinutes: p.ackTimeout,
    updateCadenceMinutes: p.updateCadence,
    escalationStartStep: p.escalationStartStep,
    postmortemDays: p.postmortemDays,
    regulatorMinutes: p.regulatorMinutes,
  };
  const number = (key: NumberField) => (
    <FormField
      key={key}
      label={labels[key]}
      hint={key === 'escalationStartStep' ? undefined : p.emptyMeansNone}
      error={errors[key] || null}
    >
      {(control) => (
        <input
          {...control}
          name={key}
          type="number"
          min={1}
          inputMode="numeric"
          value={numbers[key]}
          onChange={(e) => setNumbers((n) => ({ ...n, [key]: e.target.value }))}
        />
      )}
    </FormField>
  );
  const check = (label: string, checked: boolean, set: (on: boolean) => void, name: string) => (
    <label className="choice">
      <input type="checkbox" name={name} checked={checked} onChange={(e) => set(e.target.checked)} />
      {label}
    </label>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="profile-form">
      {failure !== undefined && <ErrorState error={failure} />}
      {number('ackTargetMinutes')}
      {number('ackTimeoutMinutes')}
      <fieldset>
        <legend>{p.page}</legend>
        {TARGETS.map((target) => (
          <label key={target} className="choice">
            <input
              type="checkbox"
              name="page"
              value={target}
              checked={page.includes(target)}
              onChange={(e) => setPage((list) => (e.target.checked ? [...list, target] : list.filter((x) => x !== target)))}
            />
            {p.pageTargets[target]}
          </label>
        ))}
      </fieldset>
      {number('escalationStartStep')}
      {number('updateCadenceMinutes')}
      {check(p.statusPage, statusPage, setStatusPage, 'statusPage')}
      {check(p.postmortem, postmortem, setPostmortem, 'postmortem')}
      {postmortem && number('postmortemDays')}
      {check(p.regulator, regulator, setRegulator, 'regulator')}
      {regulator && number('regulatorMinutes')}
      {regulator && (
        <FormField label={p.regulatorClock}>
          {(control) => (
            <select {...control} value={clock} onChange={(e) => setClock(e.target.value as 'detected' | 'started')}>
              <option value="detected">{p.clock.detected}</option>
              <option value="started">{p.clock.started}</option>
            </select>
          )}
        </FormField>
      )}
      <div className="row-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? s.saving : p.save}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}
