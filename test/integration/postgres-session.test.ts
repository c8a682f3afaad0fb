import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore, postgresSessionOptions } from '../../src/store/database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.js';

// PostgreSQL only: the session settings every pooled connection starts with.

describe('PostgreSQL session settings', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('postgres');
  });
  after(() => database.drop());

  async function jitOf(url: string, sessionOptions: string | null = null): Promise<string> {
    const store = openStore({ databaseUrl: url, dataDir: database.dataDir, poolSize: 1, sessionOptions });
    try {
      const { rows } = await sql<{ jit: string }>`show jit`.execute(store.db);
      return rows[0]?.jit ?? '';
    } finally {
      await store.close();
    }
  }

  it('turns JIT compilation off for the store', async () => {
    assert.equal(await jitOf(database.url as string), 'off');
  });

  // Also shows that 'off' above is the store's doing, not the server's default.
  it("leaves the operator's own choice: options in the URL win", async () => {
    const url = new URL(database.url as string);
    url.searchParams.set('options', '-c jit=on');
    assert.equal(await jitOf(url.toString()), 'on');
  });

  it("puts the operator's session options (PGOPTIONS) after its own, so they win too", async () => {
    assert.equal(postgresSessionOptions(null), '-c jit=off');
    assert.equal(postgresSessionOptions('  '), '-c jit=off');
    assert.equal(postgresSessionOptions('-c jit=on -c statement_timeout=5s'), '-c jit=off -c jit=on -c statement_timeout=5s');
    assert.equal(await jitOf(database.url as string, '-c jit=on'), 'on');
  });
});
