import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { systemClock, timeOrderedIds, type Deps } from '../operations/context.js';
import { migrateToLatest, openStore } from '../store/database.js';

/** Opens the store, brings the schema up to date and wires the ports every command shares. */
export async function openRuntime(config: Config): Promise<Deps & { migrated: string[] }> {
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  try {
    const migrated = await migrateToLatest(store);
    return { store, clock: systemClock, ids: timeOrderedIds(systemClock, randomBytes), policy: config.policy, migrated };
  } catch (err) {
    await store.close();
    throw err;
  }
}
