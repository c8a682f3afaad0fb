// The fields of one kind of check (docs/monitors.md "Kinds"): what goes into `config`.
import type { MonitorKind } from '../../api/types';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';
import { errorFor, type FieldMessages } from './form-errors';
import type { ConfigDraft } from './monitor-config';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'];

interface Props {
  kind: MonitorKind;
  draft: ConfigDraft;
  errors: FieldMessages;
  onChange(draft: ConfigDraft): void;
}

export function MonitorConfigFields({ kind, draft, errors, onChange }: Props) {
  const { t } = useI18n();
  const f = t.monitors.form;
  const set = (key: keyof ConfigDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [key]: e.target.value });
  const err = (field: string) => errorFor(errors, `config.${field}`);
  const optional = f.optional;

  if (kind === 'http')
    return (
      <>
        <FormField label={f.url} error={err('url')}>
          {(c) => <input {...c} name="url" type="url" inputMode="url" value={draft.url} onChange={set('url')} required />}
        </FormField>
        <div className="form-row">
          <FormField label={f.method} error={err('method')}>
            {(c) => (
              <select {...c} name="method" value={draft.method} onChange={set('method')}>
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={f.expectedStatus} hint={f.expectedStatusHint} error={err('expectedStatus')}>
            {(c) => <input {...c} name="expectedStatus" value={draft.expectedStatus} onChange={set('expectedStatus')} />}
          </FormField>
        </div>
        <FormField label={optional(f.keyword)} error={err('keyword')}>
          {(c) => <input {...c} name="keyword" value={draft.keyword} onChange={set('keyword')} />}
        </FormField>
      </>
    );
  if (kind === 'tcp' || kind === 'tls')
    return (
      <div className="form-row">
        <FormField label={f.host} error={err('host')}>
          {(c) => <input {...c} name="host" value={draft.host} onChange={set('host')} required autoCapitalize="none" />}
        </FormField>
        <FormField label={kind === 'tls' ? optional(f.port) : f.port} error={err('port')}>
          {(c) => (
            <input
              {...c}
              name="port"
              type="number"
              min={1}
              max={65535}
              value={draft.port}
              onChange={set('port')}
              placeholder={kind === 'tls' ? '443' : undefined}
            />
          )}
        </FormField>
        {kind === 'tls' && (
          <FormField label={f.minDaysValid} error={err('minDaysValid')}>
            {(c) => (
              <input
                {...c}
                name="minDaysValid"
                type="number"
                min={0}
                max={3650}
                value={draft.minDaysValid}
                onChange={set('minDaysValid')}
              />
            )}
          </FormField>
        )}
      </div>
    );
  if (kind === 'dns')
    return (
      <>
        <div className="form-row">
          <FormField label={f.dnsName} error={err('name')}>
            {(c) => <input {...c} name="dnsName" value={draft.dnsName} onChange={set('dnsName')} required autoCapitalize="none" />}
          </FormField>
          <FormField label={f.recordType} error={err('recordType')}>
            {(c) => (
              <select {...c} name="recordType" value={draft.recordType} onChange={set('recordType')}>
                {RECORD_TYPES.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <FormField label={optional(f.resolver)} hint={f.resolverHint} error={err('resolver')}>
          {(c) => <input {...c} name="resolver" value={draft.resolver} onChange={set('resolver')} />}
        </FormField>
        <FormField label={optional(f.expected)} error={err('expected')}>
          {(c) => <input {...c} name="expected" value={draft.expected} onChange={set('expected')} />}
        </FormField>
      </>
    );
  return null;
}
