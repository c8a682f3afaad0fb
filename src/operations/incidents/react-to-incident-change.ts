import type { StoredIncident } from '../../store/incidents-repo.js';
import type { Deps, Executor } from '../context.js';
import { pagingAfterIncidentChange } from '../paging/incident-paging.js';
import { touchPagesShowingServices } from '../status/find-status-page.js';

/** Whether a change is one the rest of the system reacts to: new, status, level, or what is affected. */
export function isVisibleChange(before: StoredIncident | null, after: StoredIncident): boolean {
  return (
    before === null ||
    before.status !== after.status ||
    before.level !== after.level ||
    before.services.join() !== after.services.join() ||
    JSON.stringify(before.facts.affected) !== JSON.stringify(after.facts.affected)
  );
}

/**
 * What follows an incident change, in the transaction that made it: paging (start, stop, page
 * whom a higher level adds) and the status pages that show an affected service (their version
 * rises, so public caches rebuild). Returns how many pages were queued.
 */
export async function reactToIncidentChange(
  db: Executor,
  deps: Deps,
  before: StoredIncident | null,
  after: StoredIncident,
): Promise<number> {
  if (!isVisibleChange(before, after)) return 0;
  const queued = await pagingAfterIncidentChange(db, deps, before, after);
  await touchPagesShowingServices(db, [...new Set([...(before?.services ?? []), ...after.services])], deps.clock.now());
  return queued;
}
