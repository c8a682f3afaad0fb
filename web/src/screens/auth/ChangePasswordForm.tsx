// First-run step 1: the bootstrap administrator replaces the generated password through
// PATCH /api/v1/users/{id}. The server ends every session of a user whose password changes, ours
// included, so we sign in again with the new password straight away.
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/describe-error';
import { fieldErrors } from '../../api/errors';
import { getUser, updateUser } from '../../api/users';
import { useMe, useSession } from '../../app/session';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

const MIN_LENGTH = 8; // the API's minimum (src/api/schemas.ts, Password)

export function ChangePasswordForm() {
  const { t } = useI18n();
  const me = useMe();
  const session = useSession();
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<{ password?: string; repeat?: string }>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const p = t.welcome.password;

  if (me.role !== 'admin' || !me.id || me.type !== 'user') return <p className="muted">{p.notAdmin}</p>;
  const userId = me.id;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      password: password.length < MIN_LENGTH ? p.tooShort : undefined,
      repeat: repeat !== password ? p.mismatch : undefined,
    };
    setProblems(found);
    if (found.password || found.repeat) return;
    setBusy(true);
    setError(undefined);
    let email: string;
    try {
      email = (await getUser(userId)).email; // read before the change: our session ends with it
      await updateUser(userId, { password });
    } catch (err) {
      setProblems({ password: fieldErrors(err).password });
      setError(err);
      setBusy(false);
      return;
    }
    try {
      await session.signIn(email, password);
      toast.success(p.saved);
      setPassword('');
      setRepeat('');
    } catch {
      toast.info(p.signInAgain);
      await session.refresh(); // answers 401 now, which shows the sign-in screen
    }
    setBusy(false);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="password-form">
      {error !== undefined && !problems.password && <ErrorState error={error} />}
      <FormField label={p.newPassword} hint={p.hint} error={problems.password ?? null}>
        {(control) => (
          <input {...control} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </FormField>
      <FormField label={p.repeat} error={problems.repeat ?? null}>
        {(control) => (
          <input {...control} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        )}
      </FormField>
      <button type="submit" className="button button-primary" disabled={busy}>
        {p.submit}
      </button>
      {error !== undefined && problems.password && <p className="muted">{describeError(error, t).message}</p>}
    </form>
  );
}
