import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import type { ComponentStatus } from '../../domain/status/snapshot.js';
import { findMonitorsByIds } from '../../store/monitors-repo.js';
import { findService } from '../../store/services-repo.js';
import {
  deleteStatusComponent as removeStatusComponent,
  findStatusComponent,
  insertStatusComponent,
  listStatusComponents as queryStatusComponents,
  nextComponentPosition,
  updateStatusComponent as saveStatusComponent,
  type StoredStatusComponent,
} from '../../store/status-components-repo.js';
import { findStatusPage } from '../../store/status-pages-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { blankIssues, rejectStatusIssues, runStatusWrite, statusNotFound, touchPage } from './status-page-writes.js';

export interface StatusComponentInput {
  name?: string;
  group?: string | null;
  description?: string | null;
  /** Display order on the page; a new component without one goes last. */
  position?: number;
  /** Catalog services whose incidents drive the derived status; each must exist. */
  serviceIds?: string[];
  /** Monitors whose state drives the derived status; each must exist (one deleted later is ignored). */
  monitorIds?: string[];
  /** A person's override of the derived status, or null to derive again. */
  statusOverride?: ComponentStatus | null;
}

/** `serviceIds` as sent, so that an issue names the index the client used. */
async function checkServices(db: Executor, serviceIds: readonly string[]): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const [i, id] of serviceIds.entries()) {
    if (!(await findService(db, id))) issues.push({ field: `serviceIds[${i}]`, message: `unknown service "${id}"` });
  }
  const first = issues[0];
  if (first) throw new FenghuoError('unknown_service', `invalid component: ${first.field}: ${first.message}`, issues);
}

/** `monitorIds` as sent, each naming an existing monitor; an issue names the index the client used. */
async function checkMonitors(db: Executor, monitorIds: readonly string[]): Promise<void> {
  if (monitorIds.length === 0) return;
  const known = new Set((await findMonitorsByIds(db, [...new Set(monitorIds)])).map((m) => m.id));
  const issues: FieldIssue[] = [];
  for (const [i, id] of monitorIds.entries()) {
    if (!known.has(id)) issues.push({ field: `monitorIds[${i}]`, message: `unknown monitor "${id}"` });
  }
  const first = issues[0];
  if (first) throw new FenghuoError('invalid_request', `invalid component: ${first.field}: ${first.message}`, issues);
}

function trimmedGroup(group: string | null | undefined): string | null | undefined {
  return group == null ? group : group.trim() || null;
}

/** A component of a page, mapped to catalog services and monitors; the page's version rises. */
export async function createStatusComponent(
  ctx: Context,
  pageId: string,
  input: StatusComponentInput & { name: string },
): Promise<StoredStatusComponent> {
  rejectStatusIssues(blankIssues({ name: input.name }), 'invalid component');
  const now = ctx.clock.now();
  return runStatusWrite(ctx, async (trx) => {
    await touchPage(trx, pageId, now);
    await checkServices(trx, input.serviceIds ?? []);
    await checkMonitors(trx, input.monitorIds ?? []);
    const component: StoredStatusComponent = {
      id: ctx.ids.newId(),
      pageId,
      group: trimmedGroup(input.group) ?? null,
      name: input.name.trim(),
      description: input.description ?? null,
      position: input.position ?? (await nextComponentPosition(trx, pageId)),
      serviceIds: [...new Set(input.serviceIds ?? [])],
      monitorIds: [...new Set(input.monitorIds ?? [])],
      statusOverride: input.statusOverride ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await insertStatusComponent(trx, component);
    await audit(ctx, trx, 'status-component.create', { type: 'status-component', id: component.id }, { after: component });
    return component;
  });
}

/** Changes a component (services and monitors, if given, replace their lists; `statusOverride: null` clears the override). */
export async function updateStatusComponent(
  ctx: Context,
  pageId: string,
  componentId: string,
  input: StatusComponentInput,
): Promise<StoredStatusComponent> {
  rejectStatusIssues(blankIssues({ name: input.name }), 'invalid component');
  const now = ctx.clock.now();
  return runStatusWrite(ctx, async (trx) => {
    await touchPage(trx, pageId, now);
    const before = await findStatusComponent(trx, pageId, componentId);
    if (!before) throw statusNotFound('component', componentId);
    if (input.serviceIds) await checkServices(trx, input.serviceIds);
    if (input.monitorIds) await checkMonitors(trx, input.monitorIds);
    const group = trimmedGroup(input.group);
    const component: StoredStatusComponent = {
      ...before,
      name: input.name?.trim() ?? before.name,
      group: group !== undefined ? group : before.group,
      description: input.description !== undefined ? input.description : before.description,
      position: input.position ?? before.position,
      serviceIds: input.serviceIds ? [...new Set(input.serviceIds)] : before.serviceIds,
      monitorIds: input.monitorIds ? [...new Set(input.monitorIds)] : before.monitorIds,
      statusOverride: input.statusOverride !== undefined ? input.statusOverride : before.statusOverride,
      updatedAt: now,
    };
    await saveStatusComponent(trx, component);
    await audit(ctx, trx, 'status-component.update', { type: 'status-component', id: componentId }, { before, after: component });
    return component;
  });
}

/**
 * Removes a component. Public incidents and maintenances that named it keep their history; the
 * snapshot shows only components that still exist.
 */
export async function deleteStatusComponent(ctx: Context, pageId: string, componentId: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await touchPage(trx, pageId, ctx.clock.now());
    const before = await findStatusComponent(trx, pageId, componentId);
    if (!before) throw statusNotFound('component', componentId);
    await removeStatusComponent(trx, componentId);
    await audit(ctx, trx, 'status-component.delete', { type: 'status-component', id: componentId }, { before });
  });
}

/** A page's components in display order; 404 for an unknown page. */
export async function listStatusComponents(ctx: Context, pageId: string): Promise<StoredStatusComponent[]> {
  if (!(await findStatusPage(ctx.store.db, { id: pageId }))) throw statusNotFound('status page', pageId);
  return queryStatusComponents(ctx.store.db, pageId);
}
