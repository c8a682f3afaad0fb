import { DEFAULT_INTEGRATION_SETTINGS } from '../../domain/signals/integration.js';
import { findIntegration, insertIntegration, type StoredIntegration } from '../../store/integrations-repo.js';
import { readSetting, writeSetting } from '../../store/settings-repo.js';
import { hashSecret, newSecret } from '../access/secrets.js';
import type { Deps } from '../context.js';

const SETTING = 'drills.integration';

/**
 * The integration drills inject their failures through, created on first use, as the synthetic
 * monitors have theirs: drill alerts are ordinary alerts of an ordinary integration (its settings —
 * grouping window, auto-resolve — can be changed like any other's), so grading, correlation and
 * paging are the real ones. Its key is never shown: nothing outside the server sends to it.
 */
export async function drillIntegration(deps: Deps): Promise<StoredIntegration> {
  return deps.store.db.transaction().execute(async (trx) => {
    const known = await readSetting<{ id: string }>(trx, SETTING);
    const existing = known ? await findIntegration(trx, known.id) : null;
    if (existing) return existing;
    const now = deps.clock.now();
    const key = newSecret('fhi_');
    const integration: StoredIntegration = {
      id: deps.ids.newId(),
      name: 'Drills',
      kind: 'drill',
      serviceId: null,
      settings: { ...DEFAULT_INTEGRATION_SETTINGS },
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
