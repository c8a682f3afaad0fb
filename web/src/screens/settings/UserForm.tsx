// Adding a user (administrators).
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/errors';
import type { Role, User } from '../../api/types';
import { createUser } from '../../api/users';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { LocaleSelect, RoleSelect, TimeZoneInput } from './controls';

export function UserForm({ onCreated }: { onCreated(user: User): void }) {
  const { t, fmt } = useI18n();
  const f = t.settings.users.form;
  const [values, setValues] = useState({ email: '', name: '', password: '', locale: 'zh-CN', timeZone: fmt.timeZone });
  const [role, setRole] = useState<Role>('responder');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!values.email.trim()) found.email = t.settings.required;
    if (!values.name.trim()) found.name = t.settings.required;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const { password, ...rest } = values;
      const user = await createUser({ ...rest, email: rest.email.trim(), name: rest.name.trim(), role, ...(password ? { password } : {}) });
      setValues((v) => ({ ...v, email: '', name: '', password: '' }));
      onCreated(user);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(err);
    }
    setBusy(false);
  };

  const text = (key: 'email' | 'name' | 'password', type = 'text', hint?: string) => (
    <FormField label={f[key]} hint={hint} error={errors[key] ?? null}>
      {(control) => (
        <input
          {...control}
          name={`user-${key}`}
          type={type}
          value={values[key]}
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="user-create-title">
      <h3 id="user-create-title">{t.settings.users.add}</h3>
      {failure !== undefined && <ErrorState error={failure} />}
      <div className="form-grid">
        {text('email', 'email')}
        {text('name')}
        <RoleSelect label={f.role} value={role} onChange={setRole} />
        {text('password', 'password', f.passwordHint)}
        <LocaleSelect label={f.locale} value={values.locale} onChange={set('locale')} />
        <TimeZoneInput
          label={f.timeZone}
          hint={f.timeZoneHint}
          value={values.timeZone}
          error={errors.timeZone}
          onChange={set('timeZone')}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t.settings.saving : f.submit}
      </button>
    </form>
  );
}
