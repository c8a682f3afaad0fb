import type { Kysely, Migration } from 'kysely';

/**
 * Recover and learn: postmortems (one per incident), the action items they (and later drills)
 * track, the regulator's reports with their sending record, and the reminders already fired.
 * Times are epoch ms; text fields JSON where a document holds many (docs/postmortems.md).
 */
export const postmortems: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('postmortems')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('required', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'bigint')
      .addColumn('owner_id', 'text')
      // PostmortemText as JSON: summary, impact, root cause, … (what people write).
      .addColumn('content', 'text', (c) => c.notNull())
      // The drafted facts frozen when it was published; null before (they are read live).
      .addColumn('facts', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('submitted_at', 'bigint')
      .addColumn('published_at', 'bigint')
      .addColumn('published_by', 'text')
      .execute();
    await db.schema.createIndex('postmortems_due_idx').on('postmortems').columns(['status', 'due_at']).execute();

    await db.schema
      .createTable('action_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      // The end of due_date in the organisation's time zone, for "overdue" queries.
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('source_id', 'text')
      .addColumn('incident_id', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .execute();
    await db.schema.createIndex('action_items_due_idx').on('action_items').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('action_items_source_idx').on('action_items').columns(['source', 'source_id']).execute();

    await db.schema
      .createTable('regulator_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // RegulatorText as JSON.
      .addColumn('content', 'text', (c) => c.notNull())
      // What was sent, frozen at sending (facts and text); null before.
      .addColumn('sent_snapshot', 'text')
      .addColumn('sent_at', 'bigint')
      .addColumn('sent_by', 'text')
      .addColumn('recipient', 'text')
      .addColumn('channel', 'text')
      .addColumn('send_note', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('regulator_reports_kind_unique', ['incident_id', 'kind'])
      .execute();

    await db.schema
      .createTable('reminders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // kind:subject:threshold: the same reminder is fired once, whichever node sweeps first.
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text')
      .addColumn('user_id', 'text')
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('fired_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reminders_incident_idx').on('reminders').column('incident_id').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['reminders', 'regulator_reports', 'action_items', 'postmortems']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
