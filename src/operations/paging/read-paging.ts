import { findEscalation, type StoredEscalation } from '../../store/escalations-repo.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import { listNotifications, outboxHealth, type StoredNotification } from '../../store/notifications-repo.js';
import type { Context, Deps } from '../context.js';
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

/** The outbox as monitoring sees it: rows pending, in flight, failed or of unknown outcome, and how late the oldest pending row is. */
export async function readOutboxHealth(deps: Deps): Promise<{ counts: Map<string, number>; oldestPendingSeconds: number }> {
  const { counts, oldestPendingDueAt } = await outboxHealth(deps.store.db);
  const now = deps.clock.now();
  return { counts, oldestPendingSeconds: oldestPendingDueAt === null ? 0 : Math.max(0, (now - oldestPendingDueAt) / 1000) };
}
