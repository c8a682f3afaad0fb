import { FenghuoError } from '../../domain/errors.js';
import type { IntegrationSettings } from '../../domain/signals/integration.js';
import { DEFAULT_INTEGRATION_SETTINGS } from '../../domain/signals/integration.js';
import type { IntegrationKind } from '../../domain/signals/signal.js';

export interface IntegrationInput {
  name?: string;
  serviceId?: string | null;
  settings?: Partial<IntegrationSettings>;
  /** Grafana signing secret: a string sets it, null clears it. */
  signingSecret?: string | null;
}

/** Merges settings over a base and checks what depends on the kind. */
export function mergeSettings(
  kind: IntegrationKind,
  base: IntegrationSettings,
  input: Partial<IntegrationSettings> | undefined,
): IntegrationSettings {
  const settings: IntegrationSettings = {
    ...base,
    ...input,
    severityMap: { ...base.severityMap, ...input?.severityMap },
    signatureHeader: (input?.signatureHeader ?? base.signatureHeader).toLowerCase(),
    timestampHeader: input?.timestampHeader === undefined ? base.timestampHeader : (input.timestampHeader?.toLowerCase() ?? null),
  };
  const names = settings.heartbeats.map((h) => h.name);
  if (new Set(names).size !== names.length) {
    throw new FenghuoError('invalid_request', 'heartbeat names must be unique', [
      { field: 'settings.heartbeats', message: 'duplicate name' },
    ]);
  }
  if (kind === 'heartbeat' && !settings.heartbeat) {
    throw new FenghuoError('invalid_request', 'a heartbeat integration needs settings.heartbeat', [
      { field: 'settings.heartbeat', message: 'required for kind heartbeat: { intervalSeconds, graceSeconds }' },
    ]);
  }
  return settings;
}

export const defaultSettings = (): IntegrationSettings => ({ ...DEFAULT_INTEGRATION_SETTINGS, severityMap: {} });
