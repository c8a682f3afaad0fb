import { DEFAULT_INTEGRATION_SETTINGS, type IntegrationSettings } from '../../domain/signals/integration.js';
import { findIntegration, insertIntegration, type StoredIntegration } from '../../store/integrations-repo.js';
import { readSetting, writeSetting } from '../../store/settings-repo.js';
import { hashSecret, newSecret } from '../access/secrets.js';
import type { Deps } from '../context.js';

/** One of the server's own integrations: where its id is remembered, and how it is first made. */
export interface BuiltInIntegration {
  /** The settings row that holds its id. */
  setting: string;
  name: string;
  kind: StoredIntegration['kind'];
  /** Changes to the default settings it starts with (people may change them later like any other's). */
  settings?: Partial<IntegrationSettings>;
}

/**
 * A built-in integration (the synthetic monitors', the drills'), created on first use: what the
 * server itself raises goes through an ordinary integration, so grading, correlation and paging are
 * the real ones. Its key is never shown: nothing outside the server sends to it.
 */
export async function builtInIntegration(deps: Deps, spec: BuiltInIntegration): Promise<StoredIntegration> {
  return deps.store.db.transaction().execute(async (trx) => {
    const known = await readSetting<{ id: string }>(trx, spec.setting);
    const existing = known ? await findIntegration(trx, known.id) : null;
    if (existing) return existing;
    const now = deps.clock.now();
    const key = newSecret('fhi_');
    const integration: StoredIntegration = {
      id: deps.ids.newId(),
      name: spec.name,
      kind: spec.kind,
      serviceId: null,
      settings: { ...DEFAULT_INTEGRATION_SETTINGS, ...spec.settings },
      hasSecret: false,
      secretSealed: null,
      keyPrefix: key.slice(0, 8),
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await insertIntegration(trx, integration, hashSecret(key));
    await writeSetting(trx, spec.setting, { id: integration.id }, now);
    return integration;
  });
}
