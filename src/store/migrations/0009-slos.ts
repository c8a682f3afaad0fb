import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Recover and learn (issue 8): availability SLOs over monitor history, the proof of a service's
 * RPO by its backup heartbeats, and vendors' contacts and contracted SLA (docs/slo.md).
 */
export const slos: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('slos')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // Percent of good checks, e.g. 99.9; strictly between 0 and 100.
      .addColumn('target_pct', 'double precision', (c) => c.notNull())
      // rolling | calendar-month; window_days only for rolling.
      .addColumn('window_kind', 'text', (c) => c.notNull())
      .addColumn('window_days', 'integer')
      // JSON array of monitor ids; null: the service's monitors at the time of reading.
      .addColumn('monitor_ids', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('slos_service_idx').on('slos').column('service_id').execute();

    // Backup heartbeats: the last good beat (a push with status up) and the open RPO alert, if any.
    // Kept beside the monitor rather than in it: only heartbeat monitors marked as backups have a row.
    await db.schema
      .createTable('monitor_backups')
      .addColumn('monitor_id', 'text', (c) => c.primaryKey())
      .addColumn('last_good_at', 'bigint')
      .addColumn('rpo_alert_at', 'bigint')
      .execute();

    // Vendors (and any component someone outside runs): who to call, and what the contract promises.
    await db.schema
      .alterTable('services')
      .addColumn('contacts', 'text', (c) => c.notNull().defaultTo(sql.lit('[]')))
      .execute();
    await db.schema.alterTable('services').addColumn('contracted_sla_pct', 'double precision').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('services').dropColumn('contracted_sla_pct').execute();
    await db.schema.alterTable('services').dropColumn('contacts').execute();
    await db.schema.dropTable('monitor_backups').ifExists().execute();
    await db.schema.dropTable('slos').ifExists().execute();
  },
};
