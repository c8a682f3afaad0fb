import { DEFAULT_INTEGRATION_SETTINGS } from '../domain/signals/integration.js';
import { hashSecret, newSecret } from '../operations/access/secrets.js';
import type { Deps } from '../operations/context.js';
import { findIntegration, insertIntegration, type StoredIntegration } from '../store/integrations-repo.js';
import { readSetting, writeSetting } from '../store/settings-repo.js';

const SETTING = 'monitors.integration';

/**
 * The integration that Fenghuo's own monitors and probe agents report through, created on first
 * use. It routes by the signal's service (each monitor belongs to one) and its settings (grouping
 * window, auto-resolve, severity map) can be changed like any other integration's. Its key is
 * never shown: nothing outside the server sends to it.
 */
export async function monitorIntegration(deps: Deps): Promise<StoredIntegration> {
  return deps.store.db.transaction().execute(async (trx) => {
    const known = await readSetting<{ id: string }>(trx, SETTING);
    const existing = known ? await findIntegration(trx, known.id) : null;
    if (existing) return existing;
    const now = deps.clock.now();
    const key = newSecret('fhi_');
    const integration: StoredIntegration = {
      id: deps.ids.newId(),
      name: 'Synthetic monitors',
      kind: 'monitor',
      serviceId: null,
      settings: { ...DEFAULT_INTEGRATION_SETTINGS, groupingWindowMinutes: 10 },
      hasSecret: false,
      secretSealed: null,
      keyPrefix: key.slice(0, 8),
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await insertIntegration(trx, integration, hashSecret(key));
    await writeSetting(trx, SETTING, { id: integration.id }, now);
    return integration;
  });
}
