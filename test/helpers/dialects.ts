// Per-test database provisioning for both storage dialects.
//
// sqlite:   a fresh temp directory as dataDir; url is undefined (the app keeps
//           its SQLite file under dataDir).
// postgres: a fresh database `fh_test_<hex>` created on the server named by
//           FENGHUO_TEST_DATABASE_URL (provided by scripts/run-tests.mjs when the
//           suite runs via `npm test`), plus a temp dataDir.
//
// Always call drop() when done (e.g. in an after()/t.after() hook).

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface TestDatabase {
  /** Database URL for postgres; undefined for sqlite. */
  url: string | undefined;
  /** A fresh, empty directory owned by this test database. */
  dataDir: string;
  /** Drops the database (postgres) and removes dataDir. Safe to call twice. */
  drop(): Promise<void>;
}

const ADMIN_URL_ENV = 'FENGHUO_TEST_DATABASE_URL';

async function makeDataDir(dialect: TestDialect): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `fh-test-${dialect}-`));
}

async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {
    // Connection-level errors surface through the awaited calls below.
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dataDir = await makeDataDir(dialect);
    let dropped = false;
    return {
      url: undefined,
      dataDir,
      async drop() {
        if (dropped) return;
        dropped = true;
        await removeDir(dataDir);
      },
    };
  }

  if (dialect !== 'postgres') {
    throw new Error(`unknown test dialect: ${String(dialect)}`);
  }

  const adminUrl = process.env[ADMIN_URL_ENV];
  if (!adminUrl) {
    throw new Error(`${ADMIN_URL_ENV} is not set; run the suite with npm test`);
  }

  const dbName = `fh_test_${randomBytes(8).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;

  const dataDir = await makeDataDir(dialect);
  try {
    await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(dbName)}`));
  } catch (err) {
    await removeDir(dataDir);
    throw err;
  }

  let dropped = false;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`));
      } finally {
        await removeDir(dataDir);
      }
    },
  };
}
