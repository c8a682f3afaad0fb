import { FenghuoError } from '../../domain/errors.js';
import type { IncidentRef, StoredIncident } from '../../store/incidents-repo.js';
import { findPostmortemOfIncident, savePostmortemIfVersion, type StoredPostmortem } from '../../store/postmortems-repo.js';
import type { Executor } from '../context.js';
import { requireIncident } from '../incidents/incident-helpers.js';

/** The incident and its postmortem; 404 naming which is missing. */
export async function requirePostmortem(
  db: Executor,
  ref: IncidentRef,
): Promise<{ incident: StoredIncident; postmortem: StoredPostmortem }> {
  const incident = await requireIncident(db, ref);
  const postmortem = await findPostmortemOfIncident(db, incident.id);
  if (!postmortem) throw new FenghuoError('not_found', `incident #${incident.number} has no postmortem`);
  return { incident, postmortem };
}

/**
 * Saves a changed postmortem under its version. `expected` is the version the client read, when it
 * sent one: a stale one is a 409 without writing, like a concurrent change.
 */
export async function savePostmortem(
  db: Executor,
  before: StoredPostmortem,
  next: StoredPostmortem,
  expected?: number,
): Promise<StoredPostmortem> {
  if (expected !== undefined && expected !== before.version) {
    throw new FenghuoError('conflict', `the postmortem is at version ${before.version}, not ${expected}; reload and retry`);
  }
  const saved = { ...next, version: before.version + 1 };
  if (!(await savePostmortemIfVersion(db, saved, before.version))) {
    throw new FenghuoError('conflict', 'the postmortem was changed concurrently; reload and retry');
  }
  return saved;
}
