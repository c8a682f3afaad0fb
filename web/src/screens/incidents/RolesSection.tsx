// The incident commander and the communications lead. Anyone who may act can take a role
// themselves; the user list (for naming someone else) is only readable by administrators, so only
// they get the picker (docs/console.md, "Gaps").
import { useState } from 'react';
import { setIncidentRoles } from '../../api/incidents';
import type { PersonRef } from '../../api/types';
import { listUsers } from '../../api/users';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';

type RoleName = 'commander' | 'communications';
const ROLES: RoleName[] = ['commander', 'communications'];

export function RolesSection({ incident, reload, canAct }: SectionProps) {
  const { t } = useI18n();
  const toast = useToast();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const isAdmin = me.role === 'admin';
  const users = useQuery(isAdmin && canAct ? 'incident-role-users' : null, listUsers);
  const r = t.incident.roles;
  const myId = me.type === 'user' ? me.id : null;

  const assign = async (role: RoleName, userId: string | null) => {
    setBusy(true);
    setError(undefined);
    try {
      await setIncidentRoles(incident.id, { [role]: userId });
      toast.success(r.done);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const people = users.data?.items.filter((u) => !u.disabled) ?? [];
  return (
    <section className="card incident-section" aria-labelledby="incident-roles">
      <h2 id="incident-roles">{r.title}</h2>
      {ROLES.map((role) => {
        const holder: PersonRef | null = incident.roles[role];
        return (
          <div key={role} className="incident-role" data-role={role}>
            <h3>{r[role]}</h3>
            <p className="incident-role-holder">{holder ? holder.name : <span className="muted">{r.nobody}</span>}</p>
            {canAct && (
              <div className="incident-role-actions">
                {myId && holder?.id !== myId && (
                  <button type="button" className="button" disabled={busy} onClick={() => void assign(role, myId)}>
                    {r.assignMe(r[role])}
                  </button>
                )}
                {holder && (
                  <button type="button" className="button" disabled={busy} onClick={() => void assign(role, null)}>
                    {r.clear(r[role])}
                  </button>
                )}
                {people.length > 0 && (
                  <UserPicker label={r.pick(r[role])} people={people} busy={busy} onPick={(id) => void assign(role, id)} />
                )}
              </div>
            )}
          </div>
        );
      })}
      {error !== undefined && <ErrorState error={error} />}
    </section>
  );
}

function UserPicker({ label, people, busy, onPick }: { label: string; people: PersonRef[]; busy: boolean; onPick(id: string): void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState('');
  return (
    <form
      className="incident-role-picker"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) onPick(chosen);
      }}
    >
      <select aria-label={label} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{t.incident.roles.choose}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={busy || !chosen}>
        {t.incident.roles.assign}
      </button>
    </form>
  );
}
