import type { Kysely, Migration } from 'kysely';

/**
 * Reminders go out through the paging outbox (docs/postmortems.md, "Reminders"): a `notifications`
 * row of kind `reminder` names the `reminders` row it delivers, and the sender reads the reminder
 * from there when it renders the message. The kind column is free text (no CHECK), so the new kind
 * needs no change of its own. No foreign key, as elsewhere: reminders are never deleted.
 */
export const reminderNotifications: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('notifications').addColumn('reminder_id', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('notifications').dropColumn('reminder_id').execute();
  },
};
