import { setTimeout as sleep } from 'node:timers/promises';
import { isFenghuoError } from '../domain/errors.js';
import type { StatusSnapshot } from '../domain/status/snapshot.js';
import { utcDayStart } from '../domain/status/uptime-bars.js';
import type { Deps } from '../operations/context.js';
import { buildStatusSnapshot } from '../operations/status/build-snapshot.js';
import { pageVersions } from '../operations/status/find-status-page.js';
import { allHostnames, findStatusPage } from '../store/status-pages-repo.js';
import type { PageRef, StatusSource } from './status-cache.js';
import { nextTransitionAt } from './transitions.js';

function sameVersions(a: Map<string, number>, b: Map<string, number> | null): boolean {
  if (b === null || a.size !== b.size) return false;
  for (const [id, version] of a) if (b.get(id) !== version) return false;
  return true;
}

/**
 * A page is shown as of this long after its change or transition (a build that comes sooner waits
 * for it): an incident opened at the moment of the change then already colours today's bar.
 */
const SETTLE_MS = 100;
/** Builds at most this many snapshots to find the moment a page stands at; past it, the wall clock. */
const MAX_STEPS = 32;
/** Tries this many times to read the page's change time and build at the same version. */
const MAX_ATTEMPTS = 3;

type Executor = Pick<Deps, 'store'>['store']['db'];

/**
 * The snapshot of a page as of a moment every process agrees on, so that the main server, each
 * status process and every node render the same bytes under the same ETag. A page reads
 * differently only when its data changes (its version rises and `updated_at` is stamped) or when
 * a transition passes (a UTC midnight, a maintenance starting or ending, something ageing out;
 * see transitions.ts). So the moment is the latest of those not after `now` (plus SETTLE_MS):
 * start at the later of the last change and today's midnight (every midnight is a transition),
 * and step from transition to transition while the next one has passed. Usually one build.
 */
async function snapshotAsOfLastChange(db: Executor, pageId: string, now: number): Promise<StatusSnapshot | null> {
  for (let attempt = 1; ; attempt++) {
    const page = await findStatusPage(db, { id: pageId });
    if (!page) return null;
    let at = Math.max(page.updatedAt, utcDayStart(now)) + SETTLE_MS;
    // Never a moment ahead of the clock (Last-Modified must not be later than Date).
    if (at > now) await sleep(Math.min(at - now, SETTLE_MS));
    let snapshot = await buildStatusSnapshot(db, pageId, at);
    if (snapshot.version !== page.version) {
      // Changed while this was read: the change time just read is not this data's.
      if (attempt < MAX_ATTEMPTS) continue;
      return buildStatusSnapshot(db, pageId, now);
    }
    for (let step = 0; ; step++) {
      const next = nextTransitionAt(snapshot);
      if (next > now) return snapshot;
      if (step === MAX_STEPS) return buildStatusSnapshot(db, pageId, now);
      at = next + SETTLE_MS;
      if (at > now) await sleep(Math.min(at - now, SETTLE_MS));
      snapshot = await buildStatusSnapshot(db, pageId, at);
    }
  }
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
        return await snapshotAsOfLastChange(deps.store.db, pageId, now);
      } catch (err) {
        if (isFenghuoError(err) && err.code === 'not_found') return null;
        throw err;
      }
    },
  };
}
