import { findEscalation, type StoredEscalation } from '../../store/escalations-repo.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import { listNotifications, type StoredNotification } from '../../store/notifications-repo.js';
import type { Context } from '../context.js';
import { requireIncident } from '../incidents/incident-helpers.js';

/** Who was paged for an incident, when, how, with what outcome; and where its escalation stands. */
export async function readIncidentPaging(
  ctx: Context,
  ref: IncidentRef,
): Promise<{ escalation: StoredEscalation | null; notifications: StoredNotification[] }> {
  const incident = await requireIncident(ctx.store.db, ref);
  return {
    escalation: await findEscalation(ctx.store.db, incident.id),
    notifications: await listNotifications(ctx.store.db, { incidentId: incident.id, limit: 1000 }),
  };
}
