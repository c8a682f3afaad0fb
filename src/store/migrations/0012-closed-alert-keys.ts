import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A new alert used to enter two indexes on its random dedup key, the partial unique one of open
 * alerts and `alerts_key_idx` over every alert, and those two leaf pages were most of what each
 * ingest commit wrote. The flap check needs only the alerts resolved recently, so the second index
 * now covers resolved alerts alone: an alert enters it once, when it resolves, not when it opens.
 * The old index also served the alert list filtered by integration (newest first), by a sort of
 * all of that integration's alerts; `(integration_id, id)` serves it in order, and costs an
 * ingest commit one page per integration (ids are time-ordered: new entries go at the end).
 */
export const closedAlertKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('alerts_key_idx').execute();
    await db.schema
      .createIndex('alerts_closed_key_idx')
      .on('alerts')
      .columns(['integration_id', 'dedup_key'])
      .where(sql.ref('resolved_at'), 'is not', null)
      .execute();
    await db.schema.createIndex('alerts_integration_idx').on('alerts').columns(['integration_id', 'id']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('alerts_integration_idx').execute();
    await db.schema.dropIndex('alerts_closed_key_idx').execute();
    await db.schema.createIndex('alerts_key_idx').on('alerts').columns(['integration_id', 'dedup_key', 'last_at']).execute();
  },
};
