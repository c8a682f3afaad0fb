import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import { isValidSlug, normalizeBranding, normalizeHostname, normalizeHostnames, type Branding } from '../../domain/status/page-settings.js';
import type { StatusLocale } from '../../domain/status/snapshot.js';
import { nextCounter } from '../../store/counters-repo.js';
import {
  allHostnames,
  deleteStatusPage as removeStatusPage,
  findStatusPage,
  insertStatusPage,
  listStatusPages as queryStatusPages,
  updateStatusPageSettings,
  type StoredStatusPage,
} from '../../store/status-pages-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { blankIssues, rejectStatusIssues, runStatusWrite, statusNotFound, touchPage } from './status-page-writes.js';

export interface StatusPageInput {
  slug?: string;
  name?: string;
  description?: string | null;
  hostnames?: string[];
  /** Fields given replace the stored ones. */
  branding?: Partial<Branding>;
  defaultLocale?: StatusLocale;
}

function slugTaken(slug: string): FenghuoError {
  return new FenghuoError('conflict', `a status page with slug "${slug}" already exists`, [{ field: 'slug', message: 'already exists' }]);
}

/** Validates and normalises what was sent (host names lower-cased, colour lower-cased). */
function settingsOf(
  input: StatusPageInput,
  before: StoredStatusPage | null,
): Omit<StoredStatusPage, 'id' | 'version' | 'createdAt' | 'updatedAt'> {
  const issues: FieldIssue[] = blankIssues({ name: input.name });
  if (input.slug !== undefined && !isValidSlug(input.slug)) issues.push({ field: 'slug', message: 'must match ^[a-z0-9][a-z0-9-]{0,62}$' });
  const hosts = normalizeHostnames(input.hostnames ?? before?.hostnames ?? []);
  const branding = normalizeBranding({ ...before?.branding, ...input.branding });
  issues.push(...hosts.issues, ...branding.issues);
  rejectStatusIssues(issues, 'invalid status page');
  return {
    slug: input.slug ?? before?.slug ?? '',
    name: input.name?.trim() ?? before?.name ?? '',
    description: input.description !== undefined ? input.description : (before?.description ?? null),
    hostnames: hosts.hostnames,
    branding: branding.branding,
    defaultLocale: input.defaultLocale ?? before?.defaultLocale ?? 'zh-CN',
  };
}

/**
 * Host names are unique across pages. The check reads every page, so two writers are serialised on
 * a counter row first (a row lock on PostgreSQL; SQLite has one writer anyway). Issues name the
 * index the client sent.
 */
async function checkHostnamesFree(db: Executor, pageId: string, sent: readonly string[]): Promise<void> {
  if (sent.length === 0) return;
  await nextCounter(db, 'status_page_hostnames');
  const taken = new Map<string, string>();
  for (const page of await allHostnames(db)) if (page.id !== pageId) for (const h of page.hostnames) taken.set(h, page.slug);
  const issues = sent.flatMap((raw, i) => {
    const host = normalizeHostname(raw) ?? raw;
    const owner = taken.get(host);
    return owner === undefined ? [] : [{ field: `hostnames[${i}]`, message: `"${host}" is already used by status page "${owner}"` }];
  });
  const first = issues[0];
  if (first) throw new FenghuoError('conflict', first.message, issues);
}

/** A status page: slug, name, custom host names, branding and default locale; version 1. */
export async function createStatusPage(ctx: Context, input: StatusPageInput & { slug: string; name: string }): Promise<StoredStatusPage> {
  const now = ctx.clock.now();
  const page: StoredStatusPage = { id: ctx.ids.newId(), ...settingsOf(input, null), version: 1, createdAt: now, updatedAt: now };
  return runStatusWrite(
    ctx,
    async (trx) => {
      await checkHostnamesFree(trx, page.id, input.hostnames ?? []);
      await insertStatusPage(trx, page);
      await audit(ctx, trx, 'status-page.create', { type: 'status-page', id: page.id }, { after: page });
      return page;
    },
    () => slugTaken(page.slug),
  );
}

/** Changes a page's settings (host names, if given, replace the list); its version rises. */
export async function updateStatusPage(ctx: Context, id: string, input: StatusPageInput): Promise<StoredStatusPage> {
  return runStatusWrite(
    ctx,
    async (trx) => {
      const version = await touchPage(trx, id, ctx.clock.now());
      const before = await findStatusPage(trx, { id });
      if (!before) throw statusNotFound('status page', id);
      const page: StoredStatusPage = { ...before, ...settingsOf(input, before), version };
      await checkHostnamesFree(trx, id, input.hostnames ?? []);
      await updateStatusPageSettings(trx, page);
      await audit(
        ctx,
        trx,
        'status-page.update',
        { type: 'status-page', id },
        { before: { ...before, version: version - 1 }, after: page },
      );
      return page;
    },
    () => slugTaken(input.slug ?? ''),
  );
}

/** Removes a page with its components, public incidents, maintenances and subscribers. */
export async function deleteStatusPage(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await touchPage(trx, id, ctx.clock.now());
    const before = await findStatusPage(trx, { id });
    await removeStatusPage(trx, id);
    await audit(ctx, trx, 'status-page.delete', { type: 'status-page', id }, { before });
  });
}

export function listStatusPages(ctx: Context): Promise<StoredStatusPage[]> {
  return queryStatusPages(ctx.store.db);
}

export async function getStatusPage(ctx: Context, id: string): Promise<StoredStatusPage> {
  const page = await findStatusPage(ctx.store.db, { id });
  if (!page) throw statusNotFound('status page', id);
  return page;
}
