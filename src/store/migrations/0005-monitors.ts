import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Synthetic monitors: the monitors, the probe locations that run them (the server itself is
 * `local`), each location's view of each monitor, raw results and their minute/hour/day rollups.
 *
 * Results are the one table that grows with time (a row per check), so it is kept compact: it
 * is keyed by small integers (`monitors.seq`, `monitor_locations.seq`) instead of text ids, and
 * on SQLite it is a WITHOUT ROWID table clustered on that key. Retention deletes by key range,
 * per monitor, so no second index on time is needed.
 */
export const monitors: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const compact = db.getExecutor().adapter instanceof SqliteAdapter ? sql` without rowid` : sql``;

    await db.schema
      .createTable('monitors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text', (c) => c.notNull())
      // http | tcp | dns | tls | heartbeat
      .addColumn('kind', 'text', (c) => c.notNull())
      // The kind's settings, JSON.
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('interval_seconds', 'integer', (c) => c.notNull())
      .addColumn('timeout_ms', 'integer', (c) => c.notNull())
      .addColumn('failure_threshold', 'integer', (c) => c.notNull())
      .addColumn('recovery_threshold', 'integer', (c) => c.notNull())
      // Location names (JSON array) and how many of them must agree; null = a majority.
      .addColumn('locations', 'text', (c) => c.notNull())
      .addColumn('quorum', 'integer')
      .addColumn('paused', 'integer', (c) => c.notNull())
      // up | degraded | down | pending (no verdict yet), as the quorum sees it.
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('state_since', 'bigint', (c) => c.notNull())
      // Heartbeat monitors: SHA-256 of the push token.
      .addColumn('push_token_hash', 'text', (c) => c.unique())
      // Heartbeat monitors: grace after the interval before a missing beat counts as down.
      .addColumn('grace_seconds', 'integer', (c) => c.notNull())
      .addColumn('last_beat_at', 'bigint')
      // The 90-day bars up to yesterday (JSON array of per-mille uptime or null) and their last day.
      .addColumn('bars', 'text', (c) => c.notNull())
      .addColumn('bars_day', 'bigint', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('monitors_service_idx').on('monitors').column('service_id').execute();

    await db.schema
      .createTable('monitor_locations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      // SHA-256 of the agent's token; null for `local`, which runs inside the server.
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('token_prefix', 'text')
      .addColumn('last_seen_at', 'bigint')
      // up | lost: lost when the agent stopped reporting.
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    // The server itself is a location, the one that needs no agent.
    const now = Date.now();
    await db
      .insertInto('monitor_locations' as never)
      .values({ id: 'local', seq: 1, name: 'local', description: 'This server', state: 'up', created_at: now, updated_at: now } as never)
      .execute();
    await db
      .insertInto('counters' as never)
      .values({ name: 'locations.seq', value: 1 } as never)
      .execute();

    // One location's verdict on one monitor, with the streak that may change it.
    await db.schema
      .createTable('monitor_location_states')
      .addColumn('monitor_id', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      // Consecutive results that disagree with `state`, and the status they agree on.
      .addColumn('streak', 'integer', (c) => c.notNull())
      .addColumn('streak_status', 'text')
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .addColumn('last_status', 'text', (c) => c.notNull())
      .addColumn('last_latency_ms', 'integer')
      .addColumn('last_error', 'text')
      .addPrimaryKeyConstraint('monitor_location_states_pk', ['monitor_id', 'location'])
      .execute();

    // status: 0 up, 1 degraded, 2 down.
    await db.schema
      .createTable('monitor_results')
      .addColumn('monitor_seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('location_seq', 'integer', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('latency_ms', 'integer')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('monitor_results_pk', ['monitor_seq', 'at', 'location_seq'])
      .modifyEnd(compact)
      .execute();

    // grain: 1 minute, 2 hour, 3 day. Counts are added as results arrive; percentiles are set
    // when the period closes (minutes from the results, hours from raw rows, days from hours).
    await db.schema
      .createTable('monitor_rollups')
      .addColumn('monitor_seq', 'integer', (c) => c.notNull())
      .addColumn('grain', 'integer', (c) => c.notNull())
      .addColumn('start', 'bigint', (c) => c.notNull())
      .addColumn('up', 'integer', (c) => c.notNull())
      .addColumn('degraded', 'integer', (c) => c.notNull())
      .addColumn('down', 'integer', (c) => c.notNull())
      .addColumn('latency_sum', 'bigint', (c) => c.notNull())
      .addColumn('latency_count', 'integer', (c) => c.notNull())
      .addColumn('p50', 'integer')
      .addColumn('p95', 'integer')
      .addColumn('p99', 'integer')
      .addPrimaryKeyConstraint('monitor_rollups_pk', ['monitor_seq', 'grain', 'start'])
      .modifyEnd(compact)
      .execute();
  },
};
