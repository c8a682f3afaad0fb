// When each contact method is used after a page: a delay per method (empty: not used once any rule
// exists; no rules at all: every method at once). The API replaces the whole list.
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/describe-error';
import type { ContactMethod, NotificationRule } from '../../api/types';
import { listNotificationRules, setNotificationRules } from '../../api/users';
import { useQuery } from '../../api/useQuery';
import { FormField } from '../../components/FormField';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { useReloadOnRevision } from '../oncall/people';

export function NotificationRules({ userId, methods, revision }: { userId: string; methods: ContactMethod[]; revision: number }) {
  const { t } = useI18n();
  const r = t.settings.profile.rules;
  const query = useQuery(`settings-rules:${userId}`, (signal) => listNotificationRules(userId, signal));
  useReloadOnRevision(revision, query.reload);
  return (
    <div className="card">
      <h3>{r.title}</h3>
      <p className="muted">{r.intro}</p>
      {methods.length === 0 ? (
        <p className="muted">{r.noMethods}</p>
      ) : (
        <QueryView query={query}>
          {(page) => (
            <RulesForm
              key={page.items.map((rule) => `${rule.contactMethodId}:${rule.delayMinutes}`).join(',')}
              userId={userId}
              methods={methods}
              rules={page.items}
              onSaved={query.reload}
            />
          )}
        </QueryView>
      )}
    </div>
  );
}

/** One delay per method, from the earliest rule of each (the API allows several). */
function initialDelays(rules: NotificationRule[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of [...rules].sort((a, b) => b.delayMinutes - a.delayMinutes)) out[rule.contactMethodId] = String(rule.delayMinutes);
  return out;
}

function RulesForm({
  userId,
  methods,
  rules,
  onSaved,
}: {
  userId: string;
  methods: ContactMethod[];
  rules: NotificationRule[];
  onSaved(): void;
}) {
  const { t } = useI18n();
  const r = t.settings.profile.rules;
  const toast = useToast();
  const [delays, setDelays] = useState(() => initialDelays(rules));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const list = methods
      .filter((m) => (delays[m.id] ?? '').trim() !== '')
      .map((m) => ({ contactMethodId: m.id, delayMinutes: Number(delays[m.id]) }));
    if (list.length > 0 && !list.some((rule) => rule.delayMinutes === 0)) return setError(r.firstAtZero);
    setError(null);
    setBusy(true);
    try {
      await setNotificationRules(userId, list);
      toast.success(r.saved);
      onSaved();
    } catch (err) {
      setError(describeError(err, t).message);
    }
    setBusy(false);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-grid">
        {methods.map((m) => (
          <FormField key={m.id} label={r.delay(m.label)} hint={r.notUsed}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={0}
                max={1440}
                inputMode="numeric"
                value={delays[m.id] ?? ''}
                onChange={(e) => setDelays((d) => ({ ...d, [m.id]: e.target.value }))}
              />
            )}
          </FormField>
        ))}
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t.settings.saving : r.save}
      </button>
    </form>
  );
}
