import type { Selectable } from 'kysely';
import type { Branding } from '../domain/status/page-settings.js';
import type { StatusLocale } from '../domain/status/snapshot.js';
import type { Executor } from '../operations/context.js';
import { bumpStatusComponentsVersion } from './config-version.js';
import type { StatusPagesTable } from './schema.js';

export interface StoredStatusPage {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  hostnames: string[];
  branding: Branding;
  defaultLocale: StatusLocale;
  version: number;
  createdAt: number;
  updatedAt: number;
}

function toPage(row: Selectable<StatusPagesTable>): StoredStatusPage {
  const branding = JSON.parse(row.branding) as Partial<Branding>;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    hostnames: JSON.parse(row.hostnames) as string[],
    branding: { logoUrl: branding.logoUrl ?? null, primaryColor: branding.primaryColor ?? null },
    defaultLocale: row.default_locale === 'en' ? 'en' : 'zh-CN',
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toRow(p: StoredStatusPage): Selectable<StatusPagesTable> {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    hostnames: JSON.stringify(p.hostnames),
    branding: JSON.stringify(p.branding),
    default_locale: p.defaultLocale,
    version: p.version,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export async function listStatusPages(db: Executor): Promise<StoredStatusPage[]> {
  const rows = await db.selectFrom('status_pages').selectAll().orderBy('slug').execute();
  return rows.map(toPage);
}

export async function findStatusPage(db: Executor, ref: { id: string } | { slug: string }): Promise<StoredStatusPage | null> {
  const query = db.selectFrom('status_pages').selectAll();
  const row = await ('id' in ref ? query.where('id', '=', ref.id) : query.where('slug', '=', ref.slug)).executeTakeFirst();
  return row ? toPage(row) : null;
}

/** The page a (normalised) host name is mapped to. Host names hold only [a-z0-9.-], so LIKE needs no escaping. */
export async function findStatusPageByHost(db: Executor, host: string): Promise<StoredStatusPage | null> {
  const rows = await db.selectFrom('status_pages').selectAll().where('hostnames', 'like', `%"${host}"%`).execute();
  return rows.map(toPage).find((p) => p.hostnames.includes(host)) ?? null;
}

/** Every page's host names (for the uniqueness check across pages). */
export async function allHostnames(db: Executor): Promise<Array<{ id: string; slug: string; hostnames: string[] }>> {
  const rows = await db.selectFrom('status_pages').select(['id', 'slug', 'hostnames']).execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, hostnames: JSON.parse(r.hostnames) as string[] }));
}

export async function insertStatusPage(db: Executor, page: StoredStatusPage): Promise<void> {
  await db.insertInto('status_pages').values(toRow(page)).execute();
}

/** Writes the page's settings; its version and updated_at move only through `bumpStatusPage`. */
export async function updateStatusPageSettings(db: Executor, page: StoredStatusPage): Promise<void> {
  const { id: _id, created_at: _c, version: _v, updated_at: _u, ...changes } = toRow(page);
  await db.updateTable('status_pages').set(changes).where('id', '=', page.id).execute();
}

/**
 * Raises a page's version (readers rebuild when it moves) and stamps updated_at; null when there is
 * no such page. The UPDATE also serialises concurrent writes to one page (row lock / write lock).
 */
export async function bumpStatusPage(db: Executor, id: string, now: number): Promise<number | null> {
  const row = await db
    .updateTable('status_pages')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirst();
  return row ? Number(row.version) : null;
}

/** Every page's id and version in one query. */
export async function statusPageVersions(db: Executor): Promise<Array<{ id: string; version: number }>> {
  const rows = await db.selectFrom('status_pages').select(['id', 'version']).execute();
  return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
}

/**
 * Removes a page with its components, public incidents and their updates, maintenances, and its
 * subscribers with every delivery to them (their addresses are personal data kept for this page only).
 */
export async function deleteStatusPage(db: Executor, id: string): Promise<void> {
  await db
    .deleteFrom('status_deliveries')
    .where('subscriber_id', 'in', (eb) => eb.selectFrom('status_subscribers').select('id').where('page_id', '=', id))
    .execute();
  await db.deleteFrom('status_subscribers').where('page_id', '=', id).execute();
  await db
    .deleteFrom('status_updates')
    .where('status_incident_id', 'in', (eb) => eb.selectFrom('status_incidents').select('id').where('page_id', '=', id))
    .execute();
  await db.deleteFrom('status_incidents').where('page_id', '=', id).execute();
  await db.deleteFrom('status_maintenances').where('page_id', '=', id).execute();
  await db.deleteFrom('status_components').where('page_id', '=', id).execute();
  await bumpStatusComponentsVersion(db);
  await db.deleteFrom('status_pages').where('id', '=', id).execute();
}
