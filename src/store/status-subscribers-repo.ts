import type { Selectable } from 'kysely';
import type { Executor } from '../operations/context.js';
import { claimDueRows } from './lease-claims.js';
import type { StatusDeliveriesTable, StatusSubscribersTable } from './schema.js';

/**
 * Subscribers of status pages and the deliveries to them (an outbox claimed with a lease, like
 * `notifications`), plus the few reads of pages, components, updates and maintenance that
 * subscriptions need: the page and its components when someone subscribes, and what a message
 * says at send time — public fields only, never the internal incident.
 */

export type SubscriberKind = 'email' | 'webhook';
export type StatusDeliveryKind = 'confirm' | 'update' | 'maintenance';
export type StatusDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled';

export interface StoredSubscriber {
  id: string;
  pageId: string;
  kind: SubscriberKind;
  /** An e-mail address (lower case) or a webhook URL. */
  address: string;
  /** Empty: every component. */
  componentIds: string[];
  locale: string;
  secretSealed: string | null;
  confirmTokenHash: string | null;
  confirmedAt: number | null;
  unsubscribeTokenHash: string;
  createdAt: number;
}

export interface StoredStatusDelivery {
  id: string;
  subscriberId: string;
  kind: StatusDeliveryKind;
  refId: string | null;
  status: StatusDeliveryStatus;
  dueAt: number;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface SubscribablePage {
  id: string;
  slug: string;
  name: string;
  defaultLocale: string;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toSubscriber(r: Selectable<StatusSubscribersTable>): StoredSubscriber {
  return {
    id: r.id,
    pageId: r.page_id,
    kind: r.kind as SubscriberKind,
    address: r.address,
    componentIds: JSON.parse(r.component_ids) as string[],
    locale: r.locale,
    secretSealed: r.secret_enc,
    confirmTokenHash: r.confirm_token_hash,
    confirmedAt: num(r.confirmed_at),
    unsubscribeTokenHash: r.unsubscribe_token_hash,
    createdAt: Number(r.created_at),
  };
}

function toDelivery(r: Selectable<StatusDeliveriesTable>): StoredStatusDelivery {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    kind: r.kind as StatusDeliveryKind,
    refId: r.ref_id,
    status: r.status as StatusDeliveryStatus,
    dueAt: Number(r.due_at),
    attempts: Number(r.attempts),
    leaseOwner: r.lease_owner,
    leaseUntil: num(r.lease_until),
    lastError: r.last_error,
    createdAt: Number(r.created_at),
    sentAt: num(r.sent_at),
  };
}

// ---- pages and components ------------------------------------------------------------------

export async function findSubscribablePage(db: Executor, by: { slug: string } | { id: string }): Promise<SubscribablePage | null> {
  const query = db.selectFrom('status_pages').select(['id', 'slug', 'name', 'default_locale']);
  const row = await ('slug' in by ? query.where('slug', '=', by.slug) : query.where('id', '=', by.id)).executeTakeFirst();
  return row ? { id: row.id, slug: row.slug, name: row.name, defaultLocale: row.default_locale } : null;
}

export async function componentIdsOfPage(db: Executor, pageId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('status_components').select('id').where('page_id', '=', pageId).execute();
  return new Set(rows.map((r) => r.id));
}

// ---- subscribers ----------------------------------------------------------------------------

export async function findSubscriber(db: Executor, id: string): Promise<StoredSubscriber | null> {
  const row = await db.selectFrom('status_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

export async function findSubscriberByToken(
  db: Executor,
  token: { confirmHash: string } | { unsubscribeHash: string },
): Promise<StoredSubscriber | null> {
  const query = db.selectFrom('status_subscribers').selectAll();
  const row = await (
    'confirmHash' in token
      ? query.where('confirm_token_hash', '=', token.confirmHash)
      : query.where('unsubscribe_token_hash', '=', token.unsubscribeHash)
  ).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

export async function insertSubscriber(db: Executor, s: StoredSubscriber): Promise<void> {
  await db
    .insertInto('status_subscribers')
    .values({
      id: s.id,
      page_id: s.pageId,
      kind: s.kind,
      address: s.address,
      component_ids: JSON.stringify(s.componentIds),
      locale: s.locale,
      secret_enc: s.secretSealed,
      confirm_token_hash: s.confirmTokenHash,
      confirmed_at: s.confirmedAt,
      unsubscribe_token_hash: s.unsubscribeTokenHash,
      created_at: s.createdAt,
    })
    .execute();
}

/** A new request for a subscription not yet confirmed: its choices and confirm token replace the old ones. */
export async function renewUnconfirmed(
  db: Executor,
  id: string,
  change: { componentIds: string[]; locale: string; confirmTokenHash: string },
): Promise<boolean> {
  const result = await db
    .updateTable('status_subscribers')
    .set({ component_ids: JSON.stringify(change.componentIds), locale: change.locale, confirm_token_hash: change.confirmTokenHash })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Confirms once: false when it already was (or is gone). */
export async function markConfirmed(db: Executor, id: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('status_subscribers')
    .set({ confirmed_at: at })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setUnsubscribeTokenHash(db: Executor, id: string, hash: string): Promise<void> {
  await db.updateTable('status_subscribers').set({ unsubscribe_token_hash: hash }).where('id', '=', id).execute();
}

/** Removes a subscriber and every delivery to it; false when it was already gone. */
export async function deleteSubscriber(db: Executor, id: string): Promise<boolean> {
  await db.deleteFrom('status_deliveries').where('subscriber_id', '=', id).execute();
  const result = await db.deleteFrom('status_subscribers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function listSubscribers(
  db: Executor,
  pageId: string,
  page: { after: string | null; limit: number },
): Promise<{ items: StoredSubscriber[]; hasMore: boolean }> {
  let query = db
    .selectFrom('status_subscribers')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after !== null) query = query.where('id', '>', page.after);
  const rows = await query.execute();
  return { items: rows.slice(0, page.limit).map(toSubscriber), hasMore: rows.length > page.limit };
}

/** The confirmed subscribers of a page with their component choices (who an announcement may concern). */
export async function confirmedSubscribers(db: Executor, pageId: string): Promise<Array<{ id: string; componentIds: string[] }>> {
  const rows = await db
    .selectFrom('status_subscribers')
    .select(['id', 'component_ids'])
    .where('page_id', '=', pageId)
    .where('confirmed_at', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, componentIds: JSON.parse(r.component_ids) as string[] }));
}

// ---- deliveries -----------------------------------------------------------------------------

/** Rows per INSERT: 12 columns each stays far below either dialect's limit on bound parameters. */
const INSERT_CHUNK = 500;

export async function insertStatusDeliveries(db: Executor, rows: StoredStatusDelivery[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto('status_deliveries')
      .values(
        rows.slice(i, i + INSERT_CHUNK).map((d) => ({
          id: d.id,
          subscriber_id: d.subscriberId,
          kind: d.kind,
          ref_id: d.refId,
          status: d.status,
          due_at: d.dueAt,
          attempts: d.attempts,
          lease_owner: d.leaseOwner,
          lease_until: d.leaseUntil,
          last_error: d.lastError,
          created_at: d.createdAt,
          sent_at: d.sentAt,
        })),
      )
      .execute();
  }
}

/** When the subscriber's latest confirm message was queued (null: never). */
export async function lastConfirmQueuedAt(db: Executor, subscriberId: string): Promise<number | null> {
  const row = await db
    .selectFrom('status_deliveries')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('subscriber_id', '=', subscriberId)
    .where('kind', '=', 'confirm')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

export async function deliveriesOf(db: Executor, subscriberId: string): Promise<StoredStatusDelivery[]> {
  const rows = await db.selectFrom('status_deliveries').selectAll().where('subscriber_id', '=', subscriberId).orderBy('id').execute();
  return rows.map(toDelivery);
}

/** Claims due subscriber deliveries for `owner` (store/lease-claims.ts). */
export async function claimDueStatusDeliveries(
  db: Executor,
  owner: string,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<StoredStatusDelivery[]> {
  const { ids } = await claimDueRows(db, 'status_deliveries', owner, now, leaseUntil, limit);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('status_deliveries').selectAll().where('id', 'in', ids).orderBy('due_at').execute();
  return rows.map(toDelivery);
}

/** Records what became of a claimed delivery, if the claim is still ours. */
export async function finishStatusDelivery(
  db: Executor,
  id: string,
  owner: string,
  change: { status: StatusDeliveryStatus; attempts: number; dueAt?: number; lastError: string | null; sentAt?: number },
): Promise<boolean> {
  const result = await db
    .updateTable('status_deliveries')
    .set({
      status: change.status,
      attempts: change.attempts,
      last_error: change.lastError,
      ...(change.dueAt !== undefined ? { due_at: change.dueAt } : {}),
      ...(change.sentAt !== undefined ? { sent_at: change.sentAt } : {}),
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** When the next pending delivery falls due (null: none), so the worker can sleep until then. */
export async function nextStatusDeliveryDueAt(db: Executor): Promise<number | null> {
  const row = await db
    .selectFrom('status_deliveries')
    .select((eb) => eb.fn.min('due_at').as('at'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

// ---- what a message says, read at send time --------------------------------------------------

export interface PublicUpdateRecord {
  updateId: string;
  stage: string;
  body: string;
  at: number;
  statusIncidentId: string;
  pageId: string;
  title: string;
  impact: string;
}

/** A public update with its public incident post (title, impact); nothing of the internal incident. */
export async function findPublicUpdate(db: Executor, updateId: string): Promise<PublicUpdateRecord | null> {
  const row = await db
    .selectFrom('status_updates as u')
    .innerJoin('status_incidents as i', 'i.id', 'u.status_incident_id')
    .select(['u.id', 'u.stage', 'u.body', 'u.created_at', 'i.id as incident_id', 'i.page_id', 'i.title', 'i.impact'])
    .where('u.id', '=', updateId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    updateId: row.id,
    stage: row.stage,
    body: row.body,
    at: Number(row.created_at),
    statusIncidentId: row.incident_id,
    pageId: row.page_id,
    title: row.title,
    impact: row.impact,
  };
}

export interface PublicMaintenanceRecord {
  id: string;
  pageId: string;
  title: string;
  body: string;
  startsAt: number;
  endsAt: number;
}

export async function findPublicMaintenance(db: Executor, id: string): Promise<PublicMaintenanceRecord | null> {
  const row = await db
    .selectFrom('status_maintenances')
    .select(['id', 'page_id', 'title', 'body', 'starts_at', 'ends_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    pageId: row.page_id,
    title: row.title,
    body: row.body,
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
  };
}

/** A delivery due now, not yet tried. */
export function newStatusDelivery(
  id: string,
  subscriberId: string,
  kind: StatusDeliveryKind,
  refId: string | null,
  now: number,
): StoredStatusDelivery {
  return {
    id,
    subscriberId,
    kind,
    refId,
    status: 'pending',
    dueAt: now,
    attempts: 0,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    createdAt: now,
    sentAt: null,
  };
}
