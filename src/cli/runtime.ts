import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { systemClock, timeOrderedIds, type Deps } from '../operations/context.js';
import { secretBox } from '../operations/secret-box.js';
import { migrateToLatest, openStore } from '../store/database.js';

/**
 * The key for encrypted secrets: FENGHUO_SECRET_KEY, else `<dataDir>/secret.key`, created on
 * first start (mode 0600). A cluster must set FENGHUO_SECRET_KEY so every node has the same key.
 */
function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Already there (created earlier, or by another process starting at the same moment).
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte hex key`);
  return key;
}

/** Opens the store, brings the schema up to date and wires the ports every command shares. */
export async function openRuntime(config: Config): Promise<Deps & { migrated: string[] }> {
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  try {
    const migrated = await migrateToLatest(store);
    const secrets = secretBox(config.secretKey ?? loadOrCreateKeyFile(config.dataDir));
    return { store, clock: systemClock, ids: timeOrderedIds(systemClock, randomBytes), policy: config.policy, secrets, migrated };
  } catch (err) {
    await store.close();
    throw err;
  }
}
