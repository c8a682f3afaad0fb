// Outbound channels: everyone sees them (configs masked as the API returns them); administrators
// add, change, disable and delete them.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { deleteChannel, listChannels, listTeams, updateChannel } from '../../api/settings';
import type { Channel } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { ChannelForm } from './ChannelForm';

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function ChannelsSection() {
  const { t } = useI18n();
  const s = t.settings;
  const c = s.channels;
  const isAdmin = useMe().role === 'admin';
  const toast = useToast();
  const query = useQuery('settings-channels', listChannels);
  const teams = useQuery('settings-teams', listTeams);
  const [form, setForm] = useState<Channel | 'new' | null>(null);
  const [doomed, setDoomed] = useState<Channel | null>(null);
  const [busy, setBusy] = useState(false);
  const teamName = new Map((teams.data?.items ?? []).map((team) => [team.id, team.name]));

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

  const columns: Column<Channel>[] = [
    { key: 'name', header: c.columns.name, render: (row) => <strong>{row.name}</strong> },
    { key: 'kind', header: c.columns.kind, render: (row) => c.kinds[row.kind] ?? row.kind },
    { key: 'locale', header: c.columns.locale, render: (row) => s.locales[row.locale] ?? row.locale },
    { key: 'team', header: c.columns.team, render: (row) => (row.teamId ? (teamName.get(row.teamId) ?? row.teamId) : c.noTeam) },
    {
      key: 'config',
      header: c.columns.config,
      render: (row) => (
        <ul className="config-list mono" lang="en">
          {Object.entries(row.config).map(([key, value]) => (
            <li key={key}>
              {key}: {shown(value)}
            </li>
          ))}
        </ul>
      ),
    },
    { key: 'status', header: c.columns.status, render: (row) => (row.disabled ? c.disabled : c.enabled) },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: s.actions,
      render: (row) => (
        <span className="row-actions">
          <button type="button" className="button" onClick={() => setForm(row)}>
            {s.edit}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => updateChannel(row.id, { disabled: !row.disabled }), c.toggled(row.name, row.disabled))}
          >
            {row.disabled ? c.enable : c.disable}
          </button>
          <button type="button" className="button button-danger" onClick={() => setDoomed(row)}>
            {s.delete}
          </button>
        </span>
      ),
    });
  }

  return (
    <>
      <p>{c.intro}</p>
      <p className={isAdmin ? 'muted' : 'card admin-note'}>{c.readNote}</p>
      {isAdmin && form === null && (
        <div>
          <button type="button" className="button button-primary" onClick={() => setForm('new')}>
            {c.add}
          </button>
        </div>
      )}
      {isAdmin && form !== null && (
        <ChannelForm
          key={form === 'new' ? 'new' : form.id}
          channel={form === 'new' ? undefined : form}
          teams={teams.data?.items ?? []}
          onSaved={(saved) => {
            toast.success(form === 'new' ? c.created(saved.name) : c.saved(saved.name));
            setForm(null);
            query.reload();
          }}
          onCancel={() => setForm(null)}
        />
      )}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={c.empty}>
        {(page) => <DataTable caption={c.caption} columns={columns} rows={page.items} rowKey={(row) => row.id} />}
      </QueryView>
      <ConfirmDialog
        open={doomed !== null}
        title={c.deleteTitle}
        danger
        busy={busy}
        confirmLabel={s.delete}
        onConfirm={() => doomed && void run(() => deleteChannel(doomed.id), c.deleted(doomed.name))}
        onCancel={() => setDoomed(null)}
      >
        <p>{doomed && c.deleteBody(doomed.name)}</p>
      </ConfirmDialog>
    </>
  );
}
