import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import type { DB } from './schema.js';

/**
 * The one module that knows SQLite from PostgreSQL. Everything else talks Kysely to a `Store`
 * and asks it, not the dialect, about the differences (unique violations, pool size, …).
 */
export type DialectName = 'sqlite' | 'postgres';

export interface StoreOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL: the operator's session options (PGOPTIONS), applied after ours. */
  sessionOptions?: string | null;
}

export interface Store {
  db: Kysely<DB>;
  dialect: DialectName;
  /** Where the data lives, for logs: a file path or the URL without its password. */
  location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Serialises ingest batches across nodes for the rest of the transaction (PostgreSQL advisory
   * lock); SQLite has a single writer already.
   */
  lockIngest(trx: Transaction<DB>): Promise<void>;
}

/** Advisory lock id for ingest batches ("烽火" as a number). */
const INGEST_LOCK = 0x70fd_706b;

// int8 (bigint) columns hold epoch milliseconds and counters, all far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export function openStore(options: StoreOptions): Store {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, postgresSessionOptions(options.sessionOptions ?? null))
    : openSqlite(options.dataDir);
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'fenghuo.db');
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  // FULL: a commit that was acknowledged survives power loss, not only a process crash.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
    lockIngest: () => Promise.resolve(),
  };
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing cost
 * a tenth of ingest CPU. Keep the most recent ones by SQL text. Kysely needs only `prepare` and
 * `close` of the database, so this is a plain object (a Proxy around the database cost ~2 % of
 * ingest CPU in its `get` trap).
 */
function withStatementCache(database: BetterSqlite3.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      // Transactions take the write lock up front: with another connection on the file (the
      // CLI, a second process) a deferred transaction that reads and then writes could fail
      // with BUSY_SNAPSHOT instead of waiting its turn.
      const source = text === 'begin' ? 'begin immediate' : text;
      let statement = cache.get(source);
      if (statement) {
        cache.delete(source);
      } else {
        statement = database.prepare(source);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(source, statement);
      return statement;
    },
  };
}

/**
 * Session settings for every PostgreSQL connection: JIT compilation off. Our queries are short
 * OLTP statements and report aggregations whose cost estimates cross `jit_above_cost` once the
 * tables are analysed; compiling them cost more than it saved (docs/reports.md). The operator's
 * own (PGOPTIONS, which libpq would have applied) come after, and an `options` parameter in the
 * URL replaces the lot, so an operator's settings win.
 */
export function postgresSessionOptions(operator: string | null): string {
  return ['-c jit=off', operator?.trim()].filter((o) => o !== undefined && o !== '').join(' ');
}

function openPostgres(url: string, poolSize: number, options: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, options });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
    lockIngest: async (trx) => {
      await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(trx);
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/** Applies pending migrations; returns the names applied now. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when `err` is a unique/primary-key violation in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
