// The configuration fields of each channel kind (src/notify/channels/*/…ConfigSchema), as a form
// describes them, and how the typed values become the `config` object the API checks.
import type { ChannelKind } from '../../api/types';
import type { Messages } from '../../i18n/messages';

type FieldLabel = keyof Messages['settings']['channels']['fields'];

export interface ConfigField {
  /** Form key; also the config key unless `path` says otherwise. */
  key: string;
  label: FieldLabel;
  hint?: FieldLabel;
  type: 'text' | 'url' | 'password' | 'number' | 'checkbox' | 'json' | 'textarea' | 'select';
  required?: boolean;
  path?: [string, string];
  options?: string[];
}

const robot: ConfigField[] = [
  { key: 'webhookUrl', label: 'webhookUrl', type: 'url', required: true },
  { key: 'secret', label: 'robotSecret', type: 'password' },
];

export const CHANNEL_KINDS: ChannelKind[] = ['email', 'webhook', 'slack', 'wecom', 'dingtalk', 'feishu', 'sms-gateway'];

export const CONFIG_FIELDS: Record<ChannelKind, ConfigField[]> = {
  email: [
    { key: 'host', label: 'host', type: 'text', required: true },
    { key: 'port', label: 'port', type: 'number', required: true },
    { key: 'secure', label: 'secure', type: 'checkbox' },
    { key: 'requireTLS', label: 'requireTLS', type: 'checkbox' },
    { key: 'authUser', label: 'authUser', type: 'text', path: ['auth', 'user'] },
    { key: 'authPass', label: 'authPass', type: 'password', path: ['auth', 'pass'] },
    { key: 'from', label: 'from', hint: 'fromHint', type: 'text', required: true },
  ],
  webhook: [
    { key: 'url', label: 'url', type: 'url', required: true },
    { key: 'secret', label: 'secret', hint: 'secretHint', type: 'password', required: true },
    { key: 'headers', label: 'headers', type: 'json' },
  ],
  slack: [{ key: 'webhookUrl', label: 'webhookUrl', type: 'url', required: true }],
  wecom: [{ key: 'webhookUrl', label: 'webhookUrl', type: 'url', required: true }],
  dingtalk: robot,
  feishu: robot,
  'sms-gateway': [
    { key: 'method', label: 'method', type: 'select', options: ['POST', 'GET', 'PUT'], required: true },
    { key: 'url', label: 'url', type: 'url', required: true },
    { key: 'headers', label: 'headers', type: 'json' },
    {
      key: 'contentType',
      label: 'contentType',
      type: 'select',
      options: ['', 'application/json', 'application/x-www-form-urlencoded', 'text/plain'],
    },
    { key: 'bodyTemplate', label: 'bodyTemplate', hint: 'bodyTemplateHint', type: 'textarea' },
  ],
};

export type ConfigValues = Record<string, string | boolean>;

export function initialValues(kind: ChannelKind): ConfigValues {
  const values: ConfigValues = {};
  for (const field of CONFIG_FIELDS[kind]) values[field.key] = field.type === 'checkbox' ? false : (field.options?.[0] ?? '');
  if (kind === 'email') values.port = '587';
  return values;
}

/** The config object, or per-field problems (`required`, `json`) for the form to show. */
export function buildConfig(
  kind: ChannelKind,
  values: ConfigValues,
): { config: Record<string, unknown> } | { problems: Record<string, 'required' | 'json'> } {
  const config: Record<string, unknown> = {};
  const problems: Record<string, 'required' | 'json'> = {};
  for (const field of CONFIG_FIELDS[kind]) {
    const raw = values[field.key];
    if (field.type === 'checkbox') {
      config[field.key] = raw === true;
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) {
      if (field.required) problems[field.key] = 'required';
      continue;
    }
    let parsed: unknown = value;
    if (field.type === 'number') parsed = Number(value);
    if (field.type === 'json') {
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = null;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        problems[field.key] = 'json';
        continue;
      }
    }
    if (field.path) config[field.path[0]] = { ...(config[field.path[0]] as object | undefined), [field.path[1]]: parsed };
    else config[field.key] = parsed;
  }
  return Object.keys(problems).length > 0 ? { problems } : { config };
}
