import { findIntegrationByKeyHash, type StoredIntegration } from '../../store/integrations-repo.js';
import { hashSecret } from '../access/secrets.js';
import type { Deps } from '../context.js';

const TTL_MS = 5_000;
const cache = new Map<string, { integration: StoredIntegration | null; until: number }>();

/**
 * Finds the integration an inbound key belongs to, or null (unknown or disabled). Cached for a
 * few seconds because every inbound event asks; a change made on this node clears the cache at
 * once, one made on another node is seen within the TTL.
 */
export async function resolveIntegrationKey(deps: Deps, key: string): Promise<StoredIntegration | null> {
  if (key.length === 0 || key.length > 200) return null;
  const hash = hashSecret(key);
  const now = deps.clock.now();
  const hit = cache.get(hash);
  if (hit && hit.until > now) return hit.integration;
  const found = await findIntegrationByKeyHash(deps.store.db, hash);
  const integration = found && !found.disabled ? found : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(hash, { integration, until: now + TTL_MS });
  return integration;
}

export function invalidateIntegrationCache(): void {
  cache.clear();
}
