import { changedIn, readConfigVersions, type ConfigCounter, type ConfigVersions } from '../store/config-version.js';
import { loadCatalog, type StoredService } from '../store/services-repo.js';
import type { Deps, Executor } from './context.js';

/** What a memo of the snapshot is versioned by: the on-call configuration, or the status components. */
export type MemoCounter = Exclude<ConfigCounter, 'catalog_version'>;

/**
 * Read-mostly configuration as one transaction sees it: the service catalog, and memos of what
 * paging reads when an incident opens (escalation policies, schedules, people, team channels,
 * settings, response profiles: paging/paging-directory.ts) and of which status pages show which
 * services.
 *
 * Cached in memory per store, for as long as the database's generation counters
 * (store/config-version.ts) do not move. A transaction reads the counters once — one statement,
 * the first time it asks — and uses what this process loaded at those numbers; anything missing is
 * loaded in the caller's transaction. Every write to a cached table bumps its counter in the same
 * transaction, so this holds across processes and nodes, on PostgreSQL as on SQLite: a node whose
 * cache is older reads a newer number and starts over. A value loaded under READ COMMITTED may be
 * newer than the number it is filed under, never older, and the next bump discards it. A
 * transaction that bumped a counter itself reads that part uncached (it may still roll back).
 *
 * Not seen: rows changed behind the repositories' back (hand-written SQL); restart to pick those
 * up. Cached values are frozen: callers must not change them.
 */
export interface ConfigSnapshot {
  readonly versions: ConfigVersions;
  /** The whole catalog (as loadCatalog returns it). */
  readonly catalog: readonly StoredService[];
  service(id: string): StoredService | null;
  /** The value filed under `key` at this generation; `load` (in the caller's transaction) fills it in. */
  cached<T>(key: string, load: () => Promise<T>, counter?: MemoCounter): Promise<T>;
  /**
   * Several values at once: `load` gets the keys not cached yet and returns what it found for them;
   * a key it leaves out is cached as `absent`.
   */
  cachedMany<T>(keys: readonly string[], load: (missing: string[]) => Promise<Map<string, T>>, absent: T): Promise<Map<string, T>>;
  /** What is filed under `key` at this generation, if anything (for values computed, not read). */
  peek<T>(key: string): T | undefined;
  /** Files a value computed from this generation's configuration under `key`. */
  put(key: string, value: unknown): void;
}

interface Generation<T> {
  version: number;
  value: T;
}

interface StoreCache {
  catalog: Generation<{ services: StoredService[]; byId: Map<string, StoredService> }> | null;
  memos: Map<MemoCounter, Generation<Map<string, unknown>>>;
}

/** Per store (keyed by its Kysely instance): tests run several stores in one process. */
const stores = new WeakMap<object, StoreCache>();
/** Per open transaction, so the counters are read once however often it asks. */
const ofTransaction = new WeakMap<object, ConfigSnapshot>();

/** Only a newer generation replaces the shared one: a transaction that started earlier may still ask. */
function generation<T>(current: Generation<T> | null | undefined, version: number, make: () => T, replace: (g: Generation<T>) => void): T {
  if (current?.version === version) return current.value;
  const fresh = { version, value: make() };
  if (!current || version > current.version) replace(fresh);
  return fresh.value;
}

/** The configuration as `db` (a transaction, or the store itself) sees it. */
export async function configSnapshot(db: Executor, deps: Pick<Deps, 'store'>): Promise<ConfigSnapshot> {
  const known = db.isTransaction ? ofTransaction.get(db) : undefined;
  if (known && !changedIn(db, 'catalog_version')) return known;
  const versions = await readConfigVersions(db);
  let cache = stores.get(deps.store.db);
  if (!cache) {
    cache = { catalog: null, memos: new Map() };
    stores.set(deps.store.db, cache);
  }
  const store = cache;

  const ownCatalog = changedIn(db, 'catalog_version');
  let catalog = !ownCatalog && store.catalog?.version === versions.catalog_version ? store.catalog.value : null;
  if (!catalog) {
    const services = await loadCatalog(db);
    const loaded = { services, byId: new Map(services.map((s) => [s.id, s])) };
    catalog = ownCatalog
      ? loaded
      : generation(
          store.catalog,
          versions.catalog_version,
          () => loaded,
          (g) => (store.catalog = g),
        );
  }
  const memos = new Map<MemoCounter, Map<string, unknown>>();
  const memoOf = (counter: MemoCounter): Map<string, unknown> | null => {
    // A transaction that changed the configuration reads its own (uncommitted) rows, uncached.
    if (changedIn(db, counter)) return null;
    let memo = memos.get(counter);
    if (!memo) {
      memo = generation(
        store.memos.get(counter),
        versions[counter],
        () => new Map<string, unknown>(),
        (g) => store.memos.set(counter, g),
      );
      memos.set(counter, memo);
    }
    return memo;
  };

  const { services, byId } = catalog;
  const snapshot: ConfigSnapshot = {
    versions,
    catalog: services,
    service: (id) => byId.get(id) ?? null,
    async cached<T>(key: string, load: () => Promise<T>, counter: MemoCounter = 'config_version'): Promise<T> {
      const memo = memoOf(counter);
      if (!memo) return load();
      if (memo.has(key)) return memo.get(key) as T;
      const value = deepFreeze(await load());
      memo.set(key, value);
      return value;
    },
    async cachedMany<T>(keys: readonly string[], load: (missing: string[]) => Promise<Map<string, T>>, absent: T): Promise<Map<string, T>> {
      const memo = memoOf('config_version');
      const wanted = [...new Set(keys)];
      const missing = memo ? wanted.filter((k) => !memo.has(k)) : wanted;
      const loaded = missing.length > 0 ? await load(missing) : new Map<string, T>();
      const out = new Map<string, T>();
      for (const key of wanted) {
        if (memo?.has(key)) {
          out.set(key, memo.get(key) as T);
          continue;
        }
        const value = loaded.has(key) ? (loaded.get(key) as T) : absent;
        if (memo) memo.set(key, deepFreeze(value));
        out.set(key, value);
      }
      return out;
    },
    peek<T>(key: string): T | undefined {
      return memoOf('config_version')?.get(key) as T | undefined;
    },
    put(key: string, value: unknown): void {
      memoOf('config_version')?.set(key, deepFreeze(value));
    },
  };
  if (db.isTransaction) ofTransaction.set(db, snapshot);
  return snapshot;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
  } else {
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return Object.freeze(value);
}
