import type { Kysely, Migration } from 'kysely';

/**
 * What the operator console needs of the store: the incident roles (commander, communications),
 * and indexes for the live-events poller, which asks every ~quarter second what changed in the
 * last few seconds (incidents by `updated_at`; monitors by `state_since`, or `updated_at` for a
 * pause or resume). Without them each poll would scan the tables.
 */
export const consoleSupport: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // No foreign key: users are never deleted (only disabled), and the operation checks the ids.
    await db.schema.alterTable('incidents').addColumn('commander_id', 'text').execute();
    await db.schema.alterTable('incidents').addColumn('communications_id', 'text').execute();
    await db.schema.createIndex('incidents_updated_idx').on('incidents').columns(['updated_at', 'id']).execute();
    await db.schema.createIndex('monitors_state_since_idx').on('monitors').column('state_since').execute();
    await db.schema.createIndex('monitors_updated_idx').on('monitors').column('updated_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const index of ['monitors_updated_idx', 'monitors_state_since_idx', 'incidents_updated_idx']) {
      await db.schema.dropIndex(index).ifExists().execute();
    }
    await db.schema.alterTable('incidents').dropColumn('communications_id').execute();
    await db.schema.alterTable('incidents').dropColumn('commander_id').execute();
  },
};
