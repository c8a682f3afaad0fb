import { hostOfHeader, isValidSlug } from '../../domain/status/page-settings.js';
import { componentMonitorRefs, componentServiceRefs } from '../../store/status-components-repo.js';
import { bumpStatusPage, findStatusPage, findStatusPageByHost, statusPageVersions } from '../../store/status-pages-repo.js';
import type { ConfigSnapshot } from '../config-snapshot.js';
import type { Executor } from '../context.js';

/** What the public side needs to find a page and tell whether its cached snapshot is current. */
export interface PageRef {
  id: string;
  slug: string;
  version: number;
}

/**
 * The page a public request is for: by `slug` (`/status/{slug}`) when given, else by the `Host`
 * header (port and case ignored) among the pages' custom host names; null when none.
 */
export async function findPageForRequest(db: Executor, request: { slug?: string; host?: string }): Promise<PageRef | null> {
  let page = null;
  if (request.slug !== undefined) {
    if (!isValidSlug(request.slug)) return null;
    page = await findStatusPage(db, { slug: request.slug });
  } else if (request.host !== undefined) {
    const host = hostOfHeader(request.host);
    if (host === null) return null;
    page = await findStatusPageByHost(db, host);
  }
  return page ? { id: page.id, slug: page.slug, version: page.version } : null;
}

/** Every page's current version, in one query (the public cache polls it to notice changes). */
export async function pageVersions(db: Executor): Promise<Map<string, number>> {
  return new Map((await statusPageVersions(db)).map((p) => [p.id, p.version]));
}

/**
 * Raises the version of every page with a component mapped to one of `serviceIds`, so readers
 * rebuild after an internal incident changes; returns the page ids. For the incident operations to
 * call in their transaction; with `config`, the components are read from its cache.
 */
export async function touchPagesShowingServices(
  db: Executor,
  serviceIds: readonly string[],
  now: number,
  config?: ConfigSnapshot,
): Promise<string[]> {
  if (serviceIds.length === 0) return [];
  const wanted = new Set(serviceIds);
  const pages = new Set<string>();
  const refs = config
    ? await config.cached('status-component-refs', () => componentServiceRefs(db), 'status_components_version')
    : await componentServiceRefs(db);
  for (const ref of refs) if (ref.serviceIds.some((s) => wanted.has(s))) pages.add(ref.pageId);
  const ids = [...pages].sort();
  for (const id of ids) await bumpStatusPage(db, id, now);
  return ids;
}

/**
 * Raises the version of every page with a component mapped to one of `monitorIds`, so readers
 * rebuild after a monitor's state changes; returns the page ids. For the monitor result sink to call
 * in the transaction that writes the state; with `config`, the components are read from its cache.
 */
export async function touchPagesShowingMonitors(
  db: Executor,
  monitorIds: readonly string[],
  now: number,
  config?: ConfigSnapshot,
): Promise<string[]> {
  if (monitorIds.length === 0) return [];
  const wanted = new Set(monitorIds);
  const pages = new Set<string>();
  const refs = config
    ? await config.cached('status-component-monitor-refs', () => componentMonitorRefs(db), 'status_components_version')
    : await componentMonitorRefs(db);
  for (const ref of refs) if (ref.monitorIds.some((m) => wanted.has(m))) pages.add(ref.pageId);
  const ids = [...pages].sort();
  for (const id of ids) await bumpStatusPage(db, id, now);
  return ids;
}
