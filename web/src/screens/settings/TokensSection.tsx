// API tokens (administrators): create one (its secret is shown once), revoke one.
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/describe-error';
import { fieldErrors } from '../../api/errors';
import { createToken, listTokens, revokeToken } from '../../api/settings';
import type { ApiToken, Role } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { FormField } from '../../components/FormField';
import { QueryView } from '../../components/StateView';
import { Time } from '../../components/Time';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { CopyField } from '../integrations/CopyButton';
import { RoleSelect } from './controls';

export function TokensSection() {
  const { t } = useI18n();
  const k = t.settings.tokens;
  if (useMe().role !== 'admin') return <p className="card admin-note">{k.adminNote}</p>;
  return <Tokens />;
}

function Tokens() {
  const { t } = useI18n();
  const s = t.settings;
  const k = s.tokens;
  const toast = useToast();
  const query = useQuery('settings-tokens', listTokens);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [doomed, setDoomed] = useState<ApiToken | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setNameError(s.required);
    setNameError(null);
    setBusy(true);
    try {
      const created = await createToken({ name: name.trim(), role });
      setSecret({ name: created.name, token: created.token });
      setName('');
      query.reload();
    } catch (err) {
      setNameError(fieldErrors(err).name ?? null);
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  const revoke = async () => {
    if (!doomed) return;
    setBusy(true);
    try {
      await revokeToken(doomed.id);
      toast.success(k.revokedToast(doomed.name));
      setDoomed(null);
      query.reload();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  const columns: Column<ApiToken>[] = [
    { key: 'name', header: k.columns.name, render: (row) => <strong>{row.name}</strong> },
    { key: 'role', header: k.columns.role, render: (row) => s.roles[row.role] ?? row.role },
    { key: 'prefix', header: k.columns.prefix, render: (row) => <code lang="en">{row.prefix}…</code> },
    { key: 'created', header: k.columns.created, render: (row) => <Time value={row.createdAt} /> },
    { key: 'used', header: k.columns.lastUsed, render: (row) => (row.lastUsedAt ? <Time value={row.lastUsedAt} /> : k.never) },
    { key: 'status', header: k.columns.status, render: (row) => (row.revokedAt ? k.revoked : k.active) },
    {
      key: 'actions',
      header: s.actions,
      render: (row) =>
        !row.revokedAt && (
          <button type="button" className="button button-danger" onClick={() => setDoomed(row)}>
            {k.revoke}
          </button>
        ),
    },
  ];

  return (
    <>
      <p>{k.intro}</p>
      {secret && (
        <div className="card secret-panel" data-testid="token-secret">
          <h3>{k.secretTitle(secret.name)}</h3>
          <p className="secret-once">{k.secretOnce}</p>
          <CopyField id="new-token-secret" label={k.secretLabel} value={secret.token} />
          <button type="button" className="button button-primary" onClick={() => setSecret(null)}>
            {k.done}
          </button>
        </div>
      )}
      <form className="card form-card" onSubmit={(e) => void create(e)} noValidate aria-labelledby="token-create-title">
        <h3 id="token-create-title">{k.create}</h3>
        <div className="form-grid">
          <FormField label={k.name} hint={k.nameHint} error={nameError}>
            {(control) => <input {...control} name="tokenName" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </FormField>
          <RoleSelect label={k.role} value={role} onChange={setRole} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? k.creating : k.create}
        </button>
      </form>
      <QueryView query={query}>
        {(page) => <DataTable caption={k.caption} columns={columns} rows={page.items} rowKey={(row) => row.id} />}
      </QueryView>
      <ConfirmDialog
        open={doomed !== null}
        title={k.revokeTitle}
        danger
        busy={busy}
        confirmLabel={k.revoke}
        onConfirm={() => void revoke()}
        onCancel={() => setDoomed(null)}
      >
        <p>{doomed && k.revokeBody(doomed.name)}</p>
      </ConfirmDialog>
    </>
  );
}
