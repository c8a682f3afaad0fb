import { listAlerts, type StoredAlert } from '../../store/alerts-repo.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import type { Context } from '../context.js';
import { requireIncident } from '../incidents/incident-helpers.js';

export async function listOpenAlerts(
  ctx: Context,
  f: { open?: boolean; integrationId?: string; limit: number; cursor?: string },
): Promise<{ items: StoredAlert[]; nextCursor: string | null }> {
  const page = await listAlerts(ctx.store.db, { open: f.open, integrationId: f.integrationId, beforeId: f.cursor, limit: f.limit });
  return { items: page.items, nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
}

export async function getIncidentAlerts(ctx: Context, ref: IncidentRef): Promise<StoredAlert[]> {
  const incident = await requireIncident(ctx.store.db, ref);
  return (await listAlerts(ctx.store.db, { incidentId: incident.id, limit: 1000 })).items;
}
