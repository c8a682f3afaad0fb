import type { Executor } from '../operations/context.js';
import { nextCounter, readCounters } from './counters-repo.js';

/**
 * Generations of read-mostly configuration, kept as counters in the database so that every node
 * sees the same ones. A reader that sees an unchanged number may use what it cached at that number
 * (operations/config-snapshot.ts); every write to the tables behind a counter bumps it in its own
 * transaction — the repositories do it, so a new writer must too.
 *
 * - `catalog_version`: services and their dependencies (bumped by the service operations);
 * - `config_version`: what paging reads when it opens an incident — escalation policies, schedules
 *   and overrides, users, contact methods and notification rules, teams and their members,
 *   channels, settings, response profiles;
 * - `status_components_version`: status page components (which pages show which services).
 */
export const CONFIG_COUNTERS = ['catalog_version', 'config_version', 'status_components_version'] as const;
export type ConfigCounter = (typeof CONFIG_COUNTERS)[number];
export type ConfigVersions = Record<ConfigCounter, number>;

/** Per counter, the open transactions that bumped it: what they read is not to be shared (they may roll back). */
const bumpedIn = new Map<ConfigCounter, WeakSet<object>>(CONFIG_COUNTERS.map((c) => [c, new WeakSet<object>()]));

async function bump(db: Executor, counter: ConfigCounter): Promise<void> {
  await nextCounter(db, counter);
  if (db.isTransaction) bumpedIn.get(counter)?.add(db);
}

/** Marks a change to the on-call configuration paging caches; call it in the transaction that writes. */
export function bumpConfigVersion(db: Executor): Promise<void> {
  return bump(db, 'config_version');
}

/** Marks a change to the service catalog. */
export function bumpCatalogVersion(db: Executor): Promise<void> {
  return bump(db, 'catalog_version');
}

/** Marks a change to status page components. */
export function bumpStatusComponentsVersion(db: Executor): Promise<void> {
  return bump(db, 'status_components_version');
}

/** Whether `db` is a transaction that bumped `counter` (its reads may be rolled back). */
export function changedIn(db: Executor, counter: ConfigCounter): boolean {
  return bumpedIn.get(counter)?.has(db) ?? false;
}

/** Every generation, in one statement. */
export function readConfigVersions(db: Executor): Promise<ConfigVersions> {
  return readCounters(db, CONFIG_COUNTERS);
}
