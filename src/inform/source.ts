import { isFenghuoError } from '../domain/errors.js';
import type { Deps } from '../operations/context.js';
import { buildStatusSnapshot } from '../operations/status/build-snapshot.js';
import { pageVersions } from '../operations/status/find-status-page.js';
import { allHostnames } from '../store/status-pages-repo.js';
import type { PageRef, StatusSource } from './status-cache.js';

function sameVersions(a: Map<string, number>, b: Map<string, number> | null): boolean {
  if (b === null || a.size !== b.size) return false;
  for (const [id, version] of a) if (b.get(id) !== version) return false;
  return true;
}

/**
 * The status cache's data from the database. Each poll is one query for every page's version;
 * only when one moved (a slug or host name change raises it too) are slugs and host names re-read.
 */
export function databaseStatusSource(deps: Pick<Deps, 'store'>): StatusSource {
  let known: Map<string, number> | null = null;
  let refs: PageRef[] = [];
  return {
    async listPages() {
      const versions = await pageVersions(deps.store.db);
      if (sameVersions(versions, known)) return refs;
      const names = await allHostnames(deps.store.db);
      refs = names.flatMap((page) => {
        const version = versions.get(page.id);
        return version === undefined ? [] : [{ id: page.id, slug: page.slug, hostnames: page.hostnames, version }];
      });
      known = versions;
      return refs;
    },
    async buildSnapshot(pageId, now) {
      try {
        return await buildStatusSnapshot(deps.store.db, pageId, now);
      } catch (err) {
        if (isFenghuoError(err) && err.code === 'not_found') return null;
        throw err;
      }
    },
  };
}
