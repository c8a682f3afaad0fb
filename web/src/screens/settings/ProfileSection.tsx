// The signed-in person's own profile: account, language of pages and time zone, password, contact
// methods and notification rules. The API lets only administrators change user records, so others
// see their account read-only with a note; contact methods and rules are everyone's own.
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/describe-error';
import { fieldErrors } from '../../api/errors';
import type { User } from '../../api/types';
import { getUser, updateUser } from '../../api/users';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { ContactsAndRules } from './ContactsAndRules';
import { LocaleSelect, TimeZoneInput } from './controls';

export function ProfileSection() {
  const { t } = useI18n();
  const p = t.settings.profile;
  const me = useMe();
  if (me.type !== 'user' || !me.id) return <p className="card admin-note">{p.tokenNote}</p>;
  return (
    <>
      <p>{p.intro}</p>
      {me.role === 'admin' ? (
        <AdminAccount userId={me.id} />
      ) : (
        <div className="card">
          <h3>{p.account}</h3>
          <dl className="facts">
            <div>
              <dt>{p.email}</dt>
              <dd className="mono">{me.name}</dd>
            </div>
            <div>
              <dt>{p.role}</dt>
              <dd>{t.settings.roles[me.role]}</dd>
            </div>
          </dl>
          <p className="muted">{p.nonAdminNote}</p>
        </div>
      )}
      <ContactsAndRules userId={me.id} />
    </>
  );
}

function AdminAccount({ userId }: { userId: string }) {
  const { t } = useI18n();
  const p = t.settings.profile;
  const query = useQuery(`settings-me:${userId}`, (signal) => getUser(userId, signal));
  return (
    <>
      <div className="card">
        <h3>{p.account}</h3>
        <QueryView query={query}>{(user) => <AccountForm key={user.id} user={user} onSaved={query.reload} />}</QueryView>
      </div>
      <div className="card">
        <h3>{p.passwordTitle}</h3>
        <ChangePasswordForm />
      </div>
    </>
  );
}

function AccountForm({ user, onSaved }: { user: User; onSaved(): void }) {
  const { t, setUserTimeZone } = useI18n();
  const p = t.settings.profile;
  const toast = useToast();
  const [locale, setLocale] = useState(user.locale);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await updateUser(user.id, { locale, timeZone: timeZone.trim() });
      setUserTimeZone(saved.timeZone); // the console's dates follow at once
      toast.success(p.saved);
      onSaved();
    } catch (err) {
      setError(fieldErrors(err).timeZone ?? describeError(err, t).message);
    }
    setBusy(false);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <dl className="facts">
        <div>
          <dt>{p.name}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{p.email}</dt>
          <dd className="mono">{user.email}</dd>
        </div>
        <div>
          <dt>{p.role}</dt>
          <dd>{t.settings.roles[user.role]}</dd>
        </div>
      </dl>
      <div className="form-grid account-fields">
        <LocaleSelect label={p.locale} hint={p.localeHint} value={locale} onChange={setLocale} />
        <TimeZoneInput label={p.timeZone} hint={p.timeZoneHint} value={timeZone} error={error} onChange={setTimeZone} />
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t.settings.saving : t.common.save}
      </button>
    </form>
  );
}
