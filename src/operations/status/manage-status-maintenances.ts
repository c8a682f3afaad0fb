import type { FieldIssue } from '../../domain/errors.js';
import { findStatusPage } from '../../store/status-pages-repo.js';
import {
  deleteStatusMaintenance as removeStatusMaintenance,
  findStatusMaintenance,
  insertStatusMaintenance,
  listStatusMaintenances as queryStatusMaintenances,
  updateStatusMaintenance as saveStatusMaintenance,
  type StoredStatusMaintenance,
} from '../../store/status-maintenances-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { queueSubscriberMessages } from './queue-subscriber-messages.js';
import { blankIssues, componentIssues, rejectStatusIssues, runStatusWrite, statusNotFound, touchPage } from './status-page-writes.js';

export interface StatusMaintenanceInput {
  title?: string;
  body?: string;
  componentIds?: string[];
  startsAt?: number;
  endsAt?: number;
}

function spanIssues(m: Pick<StoredStatusMaintenance, 'startsAt' | 'endsAt'>): FieldIssue[] {
  return m.startsAt < m.endsAt ? [] : [{ field: 'endsAt', message: 'must be after startsAt' }];
}

async function checkMaintenance(db: Executor, m: StoredStatusMaintenance, input: StatusMaintenanceInput): Promise<void> {
  const issues = [...blankIssues({ title: input.title, body: input.body }), ...spanIssues(m)];
  if (input.componentIds) {
    issues.push(
      ...(await componentIssues(
        db,
        m.pageId,
        input.componentIds.map((id, i) => ({ id, field: `componentIds[${i}]` })),
      )),
    );
  }
  rejectStatusIssues(issues, 'invalid maintenance');
}

/**
 * Schedules maintenance of some components on [startsAt, endsAt): shown ahead of time, and the
 * components show `under_maintenance` while it lasts. Subscribers are told in the same transaction.
 */
export async function createStatusMaintenance(
  ctx: Context,
  pageId: string,
  input: Required<StatusMaintenanceInput>,
): Promise<StoredStatusMaintenance> {
  const now = ctx.clock.now();
  return runStatusWrite(ctx, async (trx) => {
    await touchPage(trx, pageId, now);
    const maintenance: StoredStatusMaintenance = {
      id: ctx.ids.newId(),
      pageId,
      title: input.title.trim(),
      body: input.body.trim(),
      componentIds: input.componentIds,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdBy: ctx.actor.name,
      createdAt: now,
      updatedAt: now,
    };
    await checkMaintenance(trx, maintenance, input);
    await insertStatusMaintenance(trx, maintenance);
    await audit(ctx, trx, 'status-maintenance.create', { type: 'status-maintenance', id: maintenance.id }, { after: maintenance });
    await queueSubscriberMessages(trx, ctx, { pageId, kind: 'maintenance', refId: maintenance.id, componentIds: maintenance.componentIds });
    return maintenance;
  });
}

/** Changes a maintenance (moving it, shortening it, other components). */
export async function updateStatusMaintenance(
  ctx: Context,
  pageId: string,
  maintenanceId: string,
  input: StatusMaintenanceInput,
): Promise<StoredStatusMaintenance> {
  const now = ctx.clock.now();
  return runStatusWrite(ctx, async (trx) => {
    await touchPage(trx, pageId, now);
    const before = await findStatusMaintenance(trx, pageId, maintenanceId);
    if (!before) throw statusNotFound('maintenance', maintenanceId);
    const maintenance: StoredStatusMaintenance = {
      ...before,
      title: input.title?.trim() ?? before.title,
      body: input.body?.trim() ?? before.body,
      componentIds: input.componentIds ?? before.componentIds,
      startsAt: input.startsAt ?? before.startsAt,
      endsAt: input.endsAt ?? before.endsAt,
      updatedAt: now,
    };
    await checkMaintenance(trx, maintenance, input);
    await saveStatusMaintenance(trx, maintenance);
    await audit(ctx, trx, 'status-maintenance.update', { type: 'status-maintenance', id: maintenanceId }, { before, after: maintenance });
    return maintenance;
  });
}

/** Cancels (removes) a maintenance. */
export async function deleteStatusMaintenance(ctx: Context, pageId: string, maintenanceId: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await touchPage(trx, pageId, ctx.clock.now());
    const before = await findStatusMaintenance(trx, pageId, maintenanceId);
    if (!before) throw statusNotFound('maintenance', maintenanceId);
    await removeStatusMaintenance(trx, maintenanceId);
    await audit(ctx, trx, 'status-maintenance.delete', { type: 'status-maintenance', id: maintenanceId }, { before });
  });
}

/** A page's maintenances, newest first; 404 for an unknown page. */
export async function listStatusMaintenances(
  ctx: Context,
  pageId: string,
  opts: { beforeId: string | null; limit: number },
): Promise<{ items: StoredStatusMaintenance[]; hasMore: boolean }> {
  if (!(await findStatusPage(ctx.store.db, { id: pageId }))) throw statusNotFound('status page', pageId);
  return queryStatusMaintenances(ctx.store.db, pageId, opts);
}
