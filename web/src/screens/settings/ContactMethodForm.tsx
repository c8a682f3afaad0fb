// Add a contact method: e-mail, SMS or voice (E.164 number), or a chat robot URL with its platform.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/errors';
import type { ContactKind, ImChannel } from '../../api/types';
import { addContactMethod } from '../../api/users';
import { FormField } from '../../components/FormField';
import { ErrorState } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

const KINDS: ContactKind[] = ['email', 'sms', 'voice', 'im'];
const CHANNELS: ImChannel[] = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'];

export function ContactMethodForm({ userId, onAdded }: { userId: string; onAdded(): void }) {
  const { t } = useI18n();
  const c = t.settings.profile.contact;
  const toast = useToast();
  const [kind, setKind] = useState<ContactKind>('email');
  const [label, setLabel] = useState('');
  const [address, setAddress] = useState('');
  const [channel, setChannel] = useState<ImChannel>('wecom');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!label.trim()) found.label = t.settings.required;
    if (!address.trim()) found.address = t.settings.required;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const im = kind === 'im' ? { channel, ...(secret ? { secret } : {}) } : {};
      await addContactMethod(userId, { kind, label: label.trim(), address: address.trim(), ...im });
      toast.success(c.added);
      setLabel('');
      setAddress('');
      setSecret('');
      onAdded();
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(err);
    }
    setBusy(false);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="contact-form" aria-labelledby="contact-add-title">
      <h4 id="contact-add-title">{c.add}</h4>
      {failure !== undefined && <ErrorState error={failure} />}
      <div className="form-grid">
        <FormField label={c.kind}>
          {(control) => (
            <select {...control} name="contact-kind" value={kind} onChange={(e) => setKind(e.target.value as ContactKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {c.kinds[k]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={c.label} hint={c.labelHint} error={errors.label ?? null}>
          {(control) => (
            <input {...control} name="contact-label" value={label} onChange={(e) => setLabel(e.target.value)} autoComplete="off" />
          )}
        </FormField>
        <FormField label={c.address} hint={c.addressHint[kind]} error={errors.address ?? null}>
          {(control) => (
            <input
              {...control}
              name="contact-address"
              type={kind === 'email' ? 'email' : kind === 'im' ? 'url' : 'tel'}
              value={address}
              lang="en"
              onChange={(e) => setAddress(e.target.value)}
              autoComplete="off"
            />
          )}
        </FormField>
        {kind === 'im' && (
          <FormField label={c.channel} error={errors.channel ?? null}>
            {(control) => (
              <select {...control} name="contact-channel" value={channel} onChange={(e) => setChannel(e.target.value as ImChannel)}>
                {CHANNELS.map((ch) => (
                  <option key={ch} value={ch}>
                    {c.channels[ch]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {kind === 'im' && (
          <FormField label={c.secret} error={errors.secret ?? null}>
            {(control) => (
              <input {...control} type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} />
            )}
          </FormField>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t.settings.saving : c.add}
      </button>
    </form>
  );
}
