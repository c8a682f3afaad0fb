import type { StoredIncident } from '../../store/incidents-repo.js';
import { configSnapshot } from '../config-snapshot.js';
import type { Deps, Executor } from '../context.js';
import { draftRequiredPostmortem } from '../learn/open-postmortem.js';
import { pagingAfterIncidentChange, type PagingOptions } from '../paging/incident-paging.js';
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
 * whom a higher level adds), the status pages that show an affected service (their version
 * rises, so public caches rebuild), and the draft postmortem a resolved incident's level
 * requires. Returns how many pages were queued. With `options.timeline`, paging's timeline lines
 * are collected there for the caller to write.
 */
export async function reactToIncidentChange(
  db: Executor,
  deps: Deps,
  before: StoredIncident | null,
  after: StoredIncident,
  options: PagingOptions = {},
): Promise<number> {
  if (!isVisibleChange(before, after)) return 0;
  const queued = await pagingAfterIncidentChange(db, deps, before, after, options);
  const services = [...new Set([...(before?.services ?? []), ...after.services])];
  // A drill never shows on a status page, so it does not even make one rebuild.
  if (services.length > 0 && !after.drill) await touchPagesShowingServices(db, services, deps.clock.now(), await configSnapshot(db, deps));
  await draftRequiredPostmortem(db, deps, before, after);
  return queued;
}
