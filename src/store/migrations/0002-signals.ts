import { sql, type Kysely, type Migration } from 'kysely';

/** Integrations, alerts and their events, silences, maintenance windows, heartbeats. */
export const signals: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('integrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('key_prefix', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text')
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('secret_enc', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('integration_id', 'text', (c) => c.notNull())
      .addColumn('dedup_key', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text')
      .addColumn('service_id', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('severity', 'text')
      .addColumn('impact', 'text', (c) => c.notNull())
      .addColumn('labels', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('event_count', 'integer', (c) => c.notNull())
      .addColumn('suppressed', 'text')
      .addColumn('flap', 'text')
      .addColumn('flapping', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_at', 'bigint', (c) => c.notNull())
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .execute();
    // One open alert per (integration, dedup key): the database enforces dedup, not only the engine.
    await db.schema
      .createIndex('alerts_open_key_uq')
      .on('alerts')
      .columns(['integration_id', 'dedup_key'])
      .unique()
      .where(sql.ref('resolved_at'), 'is', null)
      .execute();
    await db.schema.createIndex('alerts_key_idx').on('alerts').columns(['integration_id', 'dedup_key', 'last_at']).execute();
    await db.schema.createIndex('alerts_incident_idx').on('alerts').column('incident_id').execute();
    // The flapping sweep reads only held alerts; keep it off a scan of every alert.
    await db.schema.createIndex('alerts_flapping_idx').on('alerts').column('last_at').where(sql.ref('flapping'), '=', 1).execute();

    await db.schema
      .createTable('signal_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('integration_id', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'text')
      .addColumn('dedup_key', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    // No secondary index: the log is written on every event and read rarely (one more B-tree per
    // event showed up in the ingest profile). Add one when a feature reads events by alert.

    await db.schema
      .createTable('silences')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('matchers', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('maintenance_windows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service_ids', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint')
      .addColumn('ends_at', 'bigint')
      .addColumn('cron', 'text')
      .addColumn('duration_minutes', 'integer')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('heartbeats')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('integration_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('interval_seconds', 'integer', (c) => c.notNull())
      .addColumn('grace_seconds', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('last_beat_at', 'bigint')
      .addColumn('last_msg', 'text')
      .addColumn('last_ping_ms', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('heartbeats_name_uq', ['integration_id', 'name'])
      .execute();

    await db.schema.alterTable('incidents').addColumn('suppressed', 'text').execute();
    await db.schema
      .alterTable('incidents')
      .addColumn('origin', 'text', (c) => c.notNull().defaultTo('manual'))
      .execute();
    await db.schema.createIndex('incident_services_open_idx').on('incident_services').column('service_id').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['heartbeats', 'maintenance_windows', 'silences', 'signal_events', 'alerts', 'integrations']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
