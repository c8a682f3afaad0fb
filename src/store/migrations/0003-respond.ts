import type { Kysely, Migration } from 'kysely';

/**
 * Respond: teams, contact methods and personal notification rules, schedules and overrides,
 * escalation policies, outbound channels, the escalation state per incident and the
 * notification outbox. Structured values (layers, steps, channel configs) are JSON text; a
 * channel's config holds secrets (robot URLs, signing keys) and is stored sealed.
 */
export const respond: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
      .execute();
    await db.schema.createIndex('team_members_user_idx').on('team_members').column('user_id').execute();

    await db.schema
      .createTable('contact_methods')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      // E-mail address or phone number; IM methods keep their target in the sealed config.
      .addColumn('address', 'text')
      // For IM methods: slack, wecom, dingtalk, feishu or webhook.
      .addColumn('channel', 'text')
      .addColumn('config_enc', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contact_methods_user_idx').on('contact_methods').column('user_id').execute();
    await db.schema
      .createTable('notification_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('contact_method_id', 'text', (c) => c.notNull())
      .addColumn('delay_minutes', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notification_rules_user_idx').on('notification_rules').column('user_id').execute();

    await db.schema
      .createTable('schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('layers', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('schedule_overrides')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('schedule_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('schedule_overrides_idx').on('schedule_overrides').columns(['schedule_id', 'ends_at']).execute();

    await db.schema
      .createTable('escalation_policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('steps', 'text', (c) => c.notNull())
      .addColumn('repeat', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('channels')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('config_enc', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('channels_team_idx').on('channels').column('team_id').execute();

    await db.schema.alterTable('services').addColumn('team_id', 'text').execute();
    await db.schema.alterTable('services').addColumn('escalation_policy_id', 'text').execute();

    // Organisation-wide paging settings (the leadership list, the incident-commander rota).
    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    // Where each incident's escalation stands (its planned firings, as JSON) and when the worker
    // must look at it next: the next firing, or the acknowledgement timeout.
    await db.schema
      .createTable('escalations')
      .addColumn('incident_id', 'text', (c) => c.primaryKey())
      .addColumn('policy_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('next_at', 'bigint')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('escalations_due_idx').on('escalations').column('next_at').execute();

    // The outbox: a row before anything is sent, claimed with a lease, with its outcome.
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('step', 'integer')
      .addColumn('round', 'integer')
      .addColumn('user_id', 'text')
      .addColumn('contact_method_id', 'text')
      .addColumn('channel_id', 'text')
      .addColumn('channel_kind', 'text', (c) => c.notNull())
      .addColumn('target_key', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('bundle_id', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('notifications_due_idx').on('notifications').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('notifications_incident_idx').on('notifications').column('incident_id').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'notifications',
      'escalations',
      'settings',
      'channels',
      'escalation_policies',
      'schedule_overrides',
      'schedules',
      'notification_rules',
      'contact_methods',
      'team_members',
      'teams',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
