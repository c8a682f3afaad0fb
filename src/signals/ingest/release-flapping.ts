import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { transitionIncident } from '../../domain/incident/state-machine.js';
import { DEFAULT_FLAP_POLICY } from '../../domain/suppression/flapping.js';
import type { Deps } from '../../operations/context.js';
import { appendTimeline, saveIncident, timelineEntry } from '../../operations/incidents/incident-helpers.js';
import { openAlertCounts, releaseHeldAlerts } from '../../store/alerts-repo.js';
import { findIncidentsByIds } from '../../store/incidents-repo.js';

/**
 * A flapping alert whose last event was a resolve is held open; once it has been quiet for the
 * flap policy's quiet period it is resolved for real, and so is its incident if nothing else is
 * open there. Returns how many incidents were resolved.
 */
export async function releaseQuietFlappers(deps: Deps): Promise<number> {
  const ctx = { ...deps, actor: SYSTEM_ACTOR, requestId: null };
  const now = deps.clock.now();
  const resolved = await deps.store.db.transaction().execute(async (trx) => {
    await deps.store.lockIngest(trx);
    const incidentIds = await releaseHeldAlerts(trx, now - DEFAULT_FLAP_POLICY.quietMs, now);
    if (incidentIds.length === 0) return 0;
    const open = await openAlertCounts(trx, incidentIds);
    let count = 0;
    for (const incident of await findIncidentsByIds(trx, incidentIds)) {
      if (incident.status === 'resolved' || incident.origin !== 'signals' || (open.get(incident.id) ?? 0) > 0) continue;
      await saveIncident(deps, trx, incident, { ...incident, ...transitionIncident(incident, 'resolve', now), updatedAt: now });
      await appendTimeline(trx, [
        timelineEntry(ctx, incident.id, 'status', {
          from: incident.status,
          to: 'resolved',
          message: 'flapping alerts quiet again; all alerts resolved',
        }),
      ]);
      count++;
    }
    return count;
  });
  if (resolved > 0) void deps.wakePaging?.();
  return resolved;
}
