import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { systemClock, timeOrderedIds, type Deps } from '../operations/context.js';
import { secretBox } from '../operations/secret-box.js';
import { Migrator } from 'kysely';
import { migrateToLatest, openStore, type Store } from '../store/database.js';
import { migrationProvider } from '../store/migrations/index.js';

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

/** A reason this process cannot start that is no bug: printed as a message, without a stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * Fails unless every migration this build knows has been applied. Processes that only read and
 * answer forms (the status pages') check rather than migrate: the schema is `serve`'s or
 * `migrate`'s to change, and several processes starting at once should not race to do it.
 */
async function requireCurrentSchema(store: Store): Promise<void> {
  const migrations = await new Migrator({ db: store.db, provider: migrationProvider }).getMigrations();
  const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
  if (pending.length) {
    throw new StartupError(
      `the database lacks migrations ${pending.join(', ')}: run \`fenghuo migrate\` (or start \`fenghuo serve\`) first`,
    );
  }
}

/**
 * Opens the store, brings the schema up to date (or, with `migrate: false`, checks that it is)
 * and wires the ports every command shares.
 */
export async function openRuntime(
  config: Config,
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<Deps & { migrated: string[] }> {
  const poolSize = options.poolSize ?? config.databasePoolSize;
  const store = openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize,
    sessionOptions: config.databaseSessionOptions,
  });
  try {
    let migrated: string[] = [];
    if (options.migrate === false) await requireCurrentSchema(store);
    else migrated = await migrateToLatest(store);
    const secrets = secretBox(config.secretKey ?? loadOrCreateKeyFile(config.dataDir));
    return { store, clock: systemClock, ids: timeOrderedIds(systemClock, randomBytes), policy: config.policy, secrets, migrated };
  } catch (err) {
    await store.close();
    throw err;
  }
}
