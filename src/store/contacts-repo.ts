import type { Selectable } from 'kysely';
import type { ContactKind, ImChannel } from '../domain/escalation/contact.js';
import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';
import type { ContactMethodsTable, NotificationRulesTable } from './schema.js';

/** A contact method as stored: e-mail and phone addresses in the clear, IM targets sealed. */
export interface StoredContactMethod {
  id: string;
  userId: string;
  kind: ContactKind;
  label: string;
  address: string | null;
  /** IM methods: the system the robot belongs to. */
  channel: ImChannel | null;
  /** Sealed JSON `{ address, secret? }` of an IM method: its robot/webhook URL and signing secret. */
  configSealed: string | null;
  createdAt: number;
}

export interface StoredNotificationRule {
  id: string;
  userId: string;
  contactMethodId: string;
  delayMinutes: number;
  createdAt: number;
}

function toMethod(r: Selectable<ContactMethodsTable>): StoredContactMethod {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind as ContactKind,
    label: r.label,
    address: r.address,
    channel: r.channel as ImChannel | null,
    configSealed: r.config_enc,
    createdAt: Number(r.created_at),
  };
}

function toRule(r: Selectable<NotificationRulesTable>): StoredNotificationRule {
  return {
    id: r.id,
    userId: r.user_id,
    contactMethodId: r.contact_method_id,
    delayMinutes: Number(r.delay_minutes),
    createdAt: Number(r.created_at),
  };
}

/** The contact methods of some users, oldest first. */
export async function listContactMethods(db: Executor, userIds: readonly string[]): Promise<StoredContactMethod[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('contact_methods')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toMethod);
}

export async function findContactMethod(db: Executor, userId: string, id: string): Promise<StoredContactMethod | null> {
  const row = await db.selectFrom('contact_methods').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return row ? toMethod(row) : null;
}

export async function insertContactMethod(db: Executor, m: StoredContactMethod): Promise<void> {
  await db
    .insertInto('contact_methods')
    .values({
      id: m.id,
      user_id: m.userId,
      kind: m.kind,
      label: m.label,
      address: m.address,
      channel: m.channel,
      config_enc: m.configSealed,
      created_at: m.createdAt,
    })
    .execute();
  await bumpConfigVersion(db);
}

/** Removes a contact method and the rules that use it; returns the rules removed. */
export async function deleteContactMethod(db: Executor, id: string): Promise<StoredNotificationRule[]> {
  const rules = await db.selectFrom('notification_rules').selectAll().where('contact_method_id', '=', id).execute();
  await db.deleteFrom('notification_rules').where('contact_method_id', '=', id).execute();
  await db.deleteFrom('contact_methods').where('id', '=', id).execute();
  await bumpConfigVersion(db);
  return rules.map(toRule);
}

/** The notification rules of some users, by delay. */
export async function listNotificationRules(db: Executor, userIds: readonly string[]): Promise<StoredNotificationRule[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('notification_rules')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .orderBy('delay_minutes')
    .orderBy('id')
    .execute();
  return rows.map(toRule);
}

/** Replaces all of a user's rules. */
export async function replaceNotificationRules(db: Executor, userId: string, rules: readonly StoredNotificationRule[]): Promise<void> {
  await db.deleteFrom('notification_rules').where('user_id', '=', userId).execute();
  await bumpConfigVersion(db);
  if (rules.length === 0) return;
  await db
    .insertInto('notification_rules')
    .values(
      rules.map((r) => ({
        id: r.id,
        user_id: r.userId,
        contact_method_id: r.contactMethodId,
        delay_minutes: r.delayMinutes,
        created_at: r.createdAt,
      })),
    )
    .execute();
}
