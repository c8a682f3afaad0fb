import { FenghuoError } from '../../domain/errors.js';
import type { Matcher } from '../../domain/suppression/matchers.js';
import { validateMaintenanceWindow } from '../../domain/suppression/maintenance.js';
import { validateSilence } from '../../domain/suppression/silence.js';
import { invalidateSuppression } from './suppression-cache.js';
import {
  deleteMaintenanceWindow as removeWindow,
  findSilence,
  insertMaintenanceWindow,
  insertSilence,
  loadMaintenanceWindows,
  loadSilences,
  setSilenceEnd,
  type StoredMaintenanceWindow,
  type StoredSilence,
} from '../../store/suppression-repo.js';
import { findService } from '../../store/services-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';

function rejectIssues(issues: Array<{ field: string; message: string }>, what: string): void {
  const first = issues[0];
  if (first) throw new FenghuoError('invalid_request', `${what}: ${first.field}: ${first.message}`, issues);
}

/** Silences hold back pages for matching alerts; the alerts and incidents are still recorded, marked. */
export async function createSilence(
  ctx: Context,
  input: { matchers: Matcher[]; startsAt: number | null; endsAt: number; comment: string },
): Promise<StoredSilence> {
  const now = ctx.clock.now();
  const silence: StoredSilence = {
    id: ctx.ids.newId(),
    matchers: input.matchers,
    startsAt: input.startsAt ?? now,
    endsAt: input.endsAt,
    createdBy: ctx.actor.name,
    comment: input.comment,
    createdAt: now,
  };
  rejectIssues(validateSilence(silence), 'invalid silence');
  if (silence.endsAt <= now) {
    throw new FenghuoError('invalid_request', 'endsAt is in the past', [{ field: 'endsAt', message: 'must be in the future' }]);
  }
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertSilence(trx, silence);
    await audit(ctx, trx, 'silence.create', { type: 'silence', id: silence.id }, { after: silence });
  });
  invalidateSuppression();
  return silence;
}

/** Ends a silence now (it stays listed as expired). */
export async function expireSilence(ctx: Context, id: string): Promise<StoredSilence> {
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findSilence(trx, id);
    if (!before) throw new FenghuoError('not_found', `silence "${id}" not found`);
    const now = ctx.clock.now();
    if (before.endsAt <= now) throw new FenghuoError('conflict', `silence "${id}" has already expired`);
    await setSilenceEnd(trx, id, now);
    await audit(ctx, trx, 'silence.expire', { type: 'silence', id }, { before });
    return { ...before, endsAt: now };
  });
  invalidateSuppression();
  return result;
}

export function listSilences(ctx: Context, includeExpired: boolean): Promise<StoredSilence[]> {
  return loadSilences(ctx.store.db, ctx.clock.now(), includeExpired);
}

export async function createMaintenanceWindow(
  ctx: Context,
  input: Omit<StoredMaintenanceWindow, 'id' | 'createdBy' | 'createdAt'>,
): Promise<StoredMaintenanceWindow> {
  const window: StoredMaintenanceWindow = { ...input, id: ctx.ids.newId(), createdBy: ctx.actor.name, createdAt: ctx.clock.now() };
  rejectIssues(validateMaintenanceWindow(window), 'invalid maintenance window');
  await ctx.store.db.transaction().execute(async (trx) => {
    for (const [i, serviceId] of window.serviceIds.entries()) {
      if (!(await findService(trx, serviceId))) {
        throw new FenghuoError('unknown_service', `unknown service "${serviceId}"`, [
          { field: `serviceIds[${i}]`, message: 'unknown service' },
        ]);
      }
    }
    await insertMaintenanceWindow(trx, window);
    await audit(ctx, trx, 'maintenance.create', { type: 'maintenance-window', id: window.id }, { after: window });
  });
  invalidateSuppression();
  return window;
}

export async function deleteMaintenanceWindow(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    if (!(await removeWindow(trx, id))) throw new FenghuoError('not_found', `maintenance window "${id}" not found`);
    await audit(ctx, trx, 'maintenance.delete', { type: 'maintenance-window', id });
  });
  invalidateSuppression();
}

export function listMaintenanceWindows(ctx: Context): Promise<StoredMaintenanceWindow[]> {
  return loadMaintenanceWindows(ctx.store.db);
}
