import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/describe-error';
import { isApiError } from '../../api/errors';
import { useSession } from '../../app/session';
import { LanguageSwitch, ThemeToggle } from '../../app/ShellTools';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';
import type { Messages } from '../../i18n/messages';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import './auth.css';

/** Sign-in failures in the words of this form: a 401 here is a wrong password, not a lost session. */
function signInError(error: unknown, t: Messages): string {
  if (isApiError(error) && error.status === 401) return t.auth.wrongPassword;
  if (isApiError(error) && error.status === 429) return t.auth.rateLimited;
  const text = describeError(error, t);
  return text.requestId ? `${text.message} ${t.errors.requestId(text.requestId)}` : text.message;
}

export function SignInScreen() {
  const { t } = useI18n();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t.auth.title);

  const reason = session.state.status === 'signedOut' ? session.state.reason : 'start';
  const notice = reason === 'expired' ? t.auth.sessionEnded : reason === 'signedOut' ? t.auth.signedOut : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const empty = { email: !email.trim(), password: !password };
    setMissing(empty);
    if (empty.email || empty.password) return;
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(email.trim(), password);
      // The shell takes over from here (to /welcome on a first run, else where the person was going).
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <div className="auth-tools">
        <LanguageSwitch />
        <ThemeToggle />
      </div>
      <main id="main" className="auth-card card">
        <h1>{t.auth.title}</h1>
        <p className="muted">{t.auth.intro}</p>
        {notice && !error && (
          <p className="auth-notice" role="status">
            {notice}
          </p>
        )}
        {error !== undefined && (
          <p className="auth-error" role="alert">
            {signInError(error, t)}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <FormField label={t.auth.email} error={missing.email ? t.auth.required : null}>
            {(control) => (
              <input
                {...control}
                name="email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </FormField>
          <FormField label={t.auth.password} error={missing.password ? t.auth.required : null}>
            {(control) => (
              <input
                {...control}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </FormField>
          <button type="submit" className="button button-primary auth-submit" disabled={busy}>
            {busy ? t.auth.submitting : t.auth.submit}
          </button>
        </form>
      </main>
    </div>
  );
}
