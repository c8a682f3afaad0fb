// "Test an impact": grade imagined facts against the policy (POST /grade, nothing stored) and show
// the level in its colour and the rules that fired.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/errors';
import { listServiceOptions } from '../../api/integrations';
import { gradeImpact } from '../../api/settings';
import type { GradeInput, GradeResult, ImpactScope, ImpactType, Policy } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { GradeOutcome } from './GradeOutcome';
import { ServicePicker } from './ServicePicker';

const IMPACTS: ImpactType[] = ['outage', 'degraded', 'incorrect_results', 'data_leak', 'security_attack', 'vulnerability', 'complaint'];
const SCOPES: ImpactScope[] = ['all', 'region', 'partial', 'individual'];
const NUMBERS = ['usersAffectedPct', 'usersAffected', 'recordsExposed', 'durationMinutes'] as const;
type NumberField = (typeof NUMBERS)[number];

export function GradeTester({ policy }: { policy: Policy }) {
  const { t } = useI18n();
  const g = t.settings.grade;
  const services = useQuery('service-options', listServiceOptions);
  const [picked, setPicked] = useState<string[]>([]);
  const [impact, setImpact] = useState<ImpactType>('outage');
  const [scope, setScope] = useState<ImpactScope | ''>('');
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    usersAffectedPct: '',
    usersAffected: '',
    recordsExposed: '',
    durationMinutes: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [result, setResult] = useState<GradeResult | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (picked.length === 0) return setErrors({ services: g.pickService });
    const body: GradeInput = { services: picked, impact, scope: scope || null };
    for (const key of NUMBERS) if (numbers[key] !== '') body[key] = Number(numbers[key]);
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    try {
      setResult(await gradeImpact(body));
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(err);
      setResult(null);
    }
    setBusy(false);
  };

  const number = (key: NumberField, step = '1') => (
    <FormField key={key} label={g[key]} hint={g.optional} error={errors[key] ?? null}>
      {(control) => (
        <input
          {...control}
          name={key}
          type="number"
          min={0}
          step={step}
          inputMode="decimal"
          value={numbers[key]}
          onChange={(e) => setNumbers((n) => ({ ...n, [key]: e.target.value }))}
        />
      )}
    </FormField>
  );

  return (
    <section className="card grade-tester" aria-labelledby="grade-title">
      <h3 id="grade-title">{g.title}</h3>
      <p className="muted">{g.intro}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {failure !== undefined && <ErrorState error={failure} />}
        <ServicePicker query={services} picked={picked} onChange={setPicked} error={errors.services ?? null} />
        <div className="form-grid">
          <FormField label={g.impact}>
            {(control) => (
              <select {...control} name="impact" value={impact} onChange={(e) => setImpact(e.target.value as ImpactType)}>
                {IMPACTS.map((i) => (
                  <option key={i} value={i}>
                    {t.settings.policy.impacts[i]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={g.scope} hint={g.optional}>
            {(control) => (
              <select {...control} name="scope" value={scope} onChange={(e) => setScope(e.target.value as ImpactScope | '')}>
                <option value="">{g.scopeUnknown}</option>
                {SCOPES.map((s) => (
                  <option key={s} value={s}>
                    {t.settings.policy.scopes[s]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {number('usersAffectedPct', 'any')}
          {number('usersAffected')}
          {number('recordsExposed')}
          {number('durationMinutes')}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? g.submitting : g.submit}
        </button>
      </form>
      {result && <GradeOutcome result={result} policy={policy} />}
    </section>
  );
}
