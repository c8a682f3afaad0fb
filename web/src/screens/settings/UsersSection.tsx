// Users (administrators): the list with each role changeable in place, disable/enable (asking
// first before disabling), and the form to add someone.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import type { Role, User } from '../../api/types';
import { disableUser, enableUser, listUsers, updateUser } from '../../api/users';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { ROLES } from './controls';
import { UserForm } from './UserForm';

export function UsersSection() {
  const { t } = useI18n();
  if (useMe().role !== 'admin') return <p className="card admin-note">{t.settings.users.adminNote}</p>;
  return <Users />;
}

function Users() {
  const { t } = useI18n();
  const s = t.settings;
  const u = s.users;
  const me = useMe();
  const toast = useToast();
  const query = useQuery('settings-users', listUsers);
  const [doomed, setDoomed] = useState<User | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    try {
      await action();
      toast.success(message);
      setDoomed(null);
      query.reload();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };
  const changeRole = (user: User, role: Role) =>
    void run(() => updateUser(user.id, { role }), u.roleChanged(user.name, s.roles[role] ?? role));

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: u.columns.name,
      render: (row) => (
        <strong>
          {row.name}
          {row.id === me.id && u.you}
        </strong>
      ),
    },
    { key: 'email', header: u.columns.email, render: (row) => <span className="mono">{row.email}</span> },
    {
      key: 'role',
      header: u.columns.role,
      render: (row) => (
        <select
          className="inline-select"
          aria-label={u.roleOf(row.name)}
          value={row.role}
          disabled={busy || row.id === me.id || row.disabled}
          title={row.id === me.id ? u.selfRoleNote : undefined}
          onChange={(e) => changeRole(row, e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {s.roles[r]}
            </option>
          ))}
        </select>
      ),
    },
    { key: 'status', header: u.columns.status, render: (row) => (row.disabled ? u.disabled : u.active) },
    {
      key: 'actions',
      header: s.actions,
      render: (row) =>
        row.id === me.id ? null : row.disabled ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => enableUser(row.id), u.enabledToast(row.name))}
          >
            {u.enable}
          </button>
        ) : (
          <button type="button" className="button button-danger" onClick={() => setDoomed(row)}>
            {u.disable}
          </button>
        ),
    },
  ];

  return (
    <>
      <QueryView query={query}>
        {(page) => <DataTable caption={u.caption} columns={columns} rows={page.items} rowKey={(row) => row.id} />}
      </QueryView>
      <p className="muted">{u.selfRoleNote}</p>
      <UserForm
        onCreated={(user) => {
          toast.success(u.form.created(user.name));
          query.reload();
        }}
      />
      <ConfirmDialog
        open={doomed !== null}
        title={u.disableTitle}
        danger
        busy={busy}
        confirmLabel={u.disable}
        onConfirm={() => doomed && void run(() => disableUser(doomed.id), u.disabledToast(doomed.name))}
        onCancel={() => setDoomed(null)}
      >
        <p>{doomed && u.disableBody(doomed.name)}</p>
      </ConfirmDialog>
    </>
  );
}
