import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import { isUniqueViolation } from '../../store/database.js';
import { bumpStatusPage } from '../../store/status-pages-repo.js';
import { listStatusComponents } from '../../store/status-components-repo.js';
import type { Context, Executor } from '../context.js';

/** Shared by the status-page writes: one transaction, the page's version raised inside it, errors named. */

export type StatusThing = 'status page' | 'component' | 'public incident' | 'maintenance';

export function statusNotFound(what: StatusThing, id: string): FenghuoError {
  return new FenghuoError('not_found', `${what} "${id}" not found`);
}

/** Throws the issues (all in the details, the first in the message) as an invalid_request. */
export function rejectStatusIssues(issues: FieldIssue[], what: string): void {
  const first = issues[0];
  if (first) throw new FenghuoError('invalid_request', `${what}: ${first.field}: ${first.message}`, issues);
}

export function blankIssues(fields: Record<string, string | undefined>): FieldIssue[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && value.trim() === '')
    .map(([field]) => ({ field, message: 'must not be blank' }));
}

/**
 * Runs a write in one transaction; a unique violation (a slug taken meanwhile) becomes the 409 of
 * `duplicate`, when given.
 */
export async function runStatusWrite<T>(ctx: Context, change: (trx: Executor) => Promise<T>, duplicate?: () => FenghuoError): Promise<T> {
  try {
    return await ctx.store.db.transaction().execute(change);
  } catch (err) {
    if (duplicate && isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

/**
 * Raises the page's version and updated_at (readers rebuild on it) and takes the page's row lock,
 * so writes to one page are serialised; 404 when there is no such page. Call it first.
 */
export async function touchPage(db: Executor, pageId: string, now: number): Promise<number> {
  const version = await bumpStatusPage(db, pageId, now);
  if (version === null) throw statusNotFound('status page', pageId);
  return version;
}

/** Issues for component ids that are not on this page, or named twice, each at its field. */
export async function componentIssues(
  db: Executor,
  pageId: string,
  refs: ReadonlyArray<{ id: string; field: string }>,
): Promise<FieldIssue[]> {
  if (refs.length === 0) return [];
  const known = new Set((await listStatusComponents(db, pageId)).map((c) => c.id));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const { id, field } of refs) {
    if (!known.has(id)) issues.push({ field, message: `unknown component "${id}" on this page` });
    else if (seen.has(id)) issues.push({ field, message: `component "${id}" is named twice` });
    seen.add(id);
  }
  return issues;
}
