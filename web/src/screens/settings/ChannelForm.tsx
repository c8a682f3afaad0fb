// Add a channel, or change one. The API shows configs masked, so changing a channel keeps its
// config unless the administrator chooses to type a new one whole (secrets included).
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/errors';
import { createChannel, updateChannel, type ChannelInput } from '../../api/settings';
import type { Channel, ChannelKind, TeamOption } from '../../api/types';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { buildConfig, CHANNEL_KINDS, initialValues, type ConfigValues } from './channel-config';
import { ChannelConfigFields } from './ChannelConfigFields';
import { LocaleSelect } from './controls';

interface Props {
  channel?: Channel;
  teams: TeamOption[];
  onSaved(channel: Channel): void;
  onCancel(): void;
}

export function ChannelForm({ channel, teams, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const c = t.settings.channels;
  const [name, setName] = useState(channel?.name ?? '');
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'wecom');
  const [locale, setLocale] = useState<string>(channel?.locale ?? 'zh-CN');
  const [teamId, setTeamId] = useState(channel?.teamId ?? '');
  const [disabled, setDisabled] = useState(channel?.disabled ?? false);
  const [replace, setReplace] = useState(!channel);
  const [config, setConfig] = useState<ConfigValues>(() => initialValues(channel?.kind ?? 'wecom'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t.settings.required;
    const built = replace ? buildConfig(kind, config) : null;
    if (built && 'problems' in built)
      for (const [key, problem] of Object.entries(built.problems)) found[key] = problem === 'json' ? c.badJson : t.settings.required;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: Partial<ChannelInput> = { name: name.trim(), locale: locale as Channel['locale'], teamId: teamId || null, disabled };
    if (built && 'config' in built) Object.assign(body, { kind, config: built.config });
    setBusy(true);
    setFailure(undefined);
    try {
      onSaved(channel ? await updateChannel(channel.id, body) : await createChannel(body as ChannelInput));
    } catch (err) {
      const byField: Record<string, string> = {};
      for (const [field, message] of Object.entries(fieldErrors(err))) byField[field.replace(/^config\./, '')] = message;
      setErrors(byField);
      setFailure(err);
    }
    setBusy(false);
  };

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="channel-form-title">
      <h3 id="channel-form-title">{channel ? c.editTitle(channel.name) : c.add}</h3>
      {failure !== undefined && <ErrorState error={failure} />}
      <div className="form-grid">
        <FormField label={c.name} error={errors.name ?? null}>
          {(control) => (
            <input {...control} name="channel-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          )}
        </FormField>
        <FormField label={c.kind}>
          {(control) => (
            <select
              {...control}
              name="channel-kind"
              value={kind}
              disabled={!!channel && !replace}
              onChange={(e) => {
                const next = e.target.value as ChannelKind;
                setKind(next);
                setConfig(initialValues(next));
              }}
            >
              {CHANNEL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {c.kinds[k]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <LocaleSelect label={c.locale} value={locale} onChange={setLocale} />
        <FormField label={c.team} error={errors.teamId ?? null}>
          {(control) => (
            <select {...control} name="channel-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">{c.noTeam}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <label className="choice">
        <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
        {c.disabledField}
      </label>
      <fieldset>
        <legend>{c.config}</legend>
        {channel && (
          <label className="choice">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
            {c.replaceConfig}
          </label>
        )}
        {replace ? (
          <ChannelConfigFields
            kind={kind}
            values={config}
            errors={errors}
            onChange={(key, value) => setConfig((v) => ({ ...v, [key]: value }))}
          />
        ) : (
          <p className="muted">{c.keepConfig}</p>
        )}
      </fieldset>
      <div className="row-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.settings.saving : c.submit}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}
