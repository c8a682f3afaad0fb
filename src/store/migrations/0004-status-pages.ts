import type { Kysely, Migration } from 'kysely';

/**
 * Public status pages: pages (by slug or host name), their components (mapped to services),
 * public incident posts with staged updates, scheduled maintenance, subscribers and the
 * deliveries to them. A page's `version` rises on every change that readers should see.
 */
export const statusPages: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('status_pages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      // Custom domains mapped to this page by the Host header (JSON array of lower-case names).
      .addColumn('hostnames', 'text', (c) => c.notNull())
      // { logoUrl, primaryColor, … } as JSON.
      .addColumn('branding', 'text', (c) => c.notNull())
      .addColumn('default_locale', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('status_components')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('page_id', 'text', (c) => c.notNull())
      .addColumn('group_name', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      // Service ids (JSON array) whose open incidents drive the derived status.
      .addColumn('service_ids', 'text', (c) => c.notNull())
      // Monitor ids (JSON array), for when monitors exist.
      .addColumn('monitor_ids', 'text', (c) => c.notNull())
      // A person's override of the derived status, or null.
      .addColumn('status_override', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_components_page_idx').on('status_components').columns(['page_id', 'position']).execute();

    // What the public sees of an incident: chosen and worded by a person, linked to the internal one.
    await db.schema
      .createTable('status_incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('page_id', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      // none | minor | major | critical
      .addColumn('impact', 'text', (c) => c.notNull())
      // investigating | identified | monitoring | resolved (the latest update's)
      .addColumn('stage', 'text', (c) => c.notNull())
      // Component ids (JSON array) and the status each shows while this is open (JSON object).
      .addColumn('component_ids', 'text', (c) => c.notNull())
      .addColumn('component_status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_incidents_page_idx').on('status_incidents').columns(['page_id', 'started_at']).execute();
    await db.schema
      .createTable('status_updates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('status_incident_id', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_updates_incident_idx').on('status_updates').columns(['status_incident_id', 'created_at']).execute();

    await db.schema
      .createTable('status_maintenances')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('page_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('component_ids', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_maintenances_page_idx').on('status_maintenances').columns(['page_id', 'ends_at']).execute();

    await db.schema
      .createTable('status_subscribers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('page_id', 'text', (c) => c.notNull())
      // email | webhook
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      // Component ids (JSON array); empty: every component.
      .addColumn('component_ids', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      // Webhook signing secret, sealed.
      .addColumn('secret_enc', 'text')
      .addColumn('confirm_token_hash', 'text')
      .addColumn('confirmed_at', 'bigint')
      .addColumn('unsubscribe_token_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_subscribers_page_idx').on('status_subscribers').column('page_id').execute();

    // One row per message to one subscriber, claimed with a lease like the paging outbox.
    await db.schema
      .createTable('status_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subscriber_id', 'text', (c) => c.notNull())
      // confirm | update | maintenance
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('status_deliveries_due_idx').on('status_deliveries').columns(['status', 'due_at']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'status_deliveries',
      'status_subscribers',
      'status_maintenances',
      'status_updates',
      'status_incidents',
      'status_components',
      'status_pages',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
