import { findStatusIncident, listStatusIncidents as queryStatusIncidents, statusUpdatesOf } from '../../store/status-incidents-repo.js';
import { findStatusPage } from '../../store/status-pages-repo.js';
import type { Context } from '../context.js';
import type { StatusIncidentWithUpdates } from './status-incident-input.js';
import { statusNotFound } from './status-page-writes.js';

/** A page's public incidents with their updates, newest first; 404 for an unknown page. */
export async function listStatusIncidents(
  ctx: Context,
  pageId: string,
  opts: { beforeId: string | null; limit: number },
): Promise<{ items: StatusIncidentWithUpdates[]; hasMore: boolean }> {
  const db = ctx.store.db;
  if (!(await findStatusPage(db, { id: pageId }))) throw statusNotFound('status page', pageId);
  const page = await queryStatusIncidents(db, pageId, opts);
  const updates = await statusUpdatesOf(
    db,
    page.items.map((i) => i.id),
  );
  return { items: page.items.map((i) => ({ ...i, updates: updates.get(i.id) ?? [] })), hasMore: page.hasMore };
}

/** One public incident of a page with its updates, newest first. */
export async function getStatusIncident(ctx: Context, pageId: string, statusIncidentId: string): Promise<StatusIncidentWithUpdates> {
  const incident = await findStatusIncident(ctx.store.db, pageId, statusIncidentId);
  if (!incident) throw statusNotFound('public incident', statusIncidentId);
  const updates = await statusUpdatesOf(ctx.store.db, [incident.id]);
  return { ...incident, updates: updates.get(incident.id) ?? [] };
}
