import { DEFAULT_FLAP_POLICY } from '../../domain/suppression/flapping.js';
import type { Deps } from '../../operations/context.js';
import { openAlertCounts } from '../../store/alerts-repo.js';
import { findIncidentsByIds, insertTimeline, updateIncidentIfVersion } from '../../store/incidents-repo.js';
import { transitionIncident } from '../../domain/incident/state-machine.js';

/**
 * A flapping alert whose last event was a resolve is held open; once it has been quiet for the
 * flap policy's quiet period it is resolved for real, and so is its incident if nothing else is
 * open there. Returns how many alerts were released.
 */
export async function releaseQuietFlappers(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.store.db.transaction().execute(async (trx) => {
    await deps.store.lockIngest(trx);
    const held = await trx
      .selectFrom('alerts')
      .select(['id', 'incident_id'])
      .where('flapping', '=', 1)
      .where('status', '=', 'resolved')
      .where('resolved_at', 'is', null)
      .where('last_at', '<', now - DEFAULT_FLAP_POLICY.quietMs)
      .execute();
    if (held.length === 0) return 0;
    await trx
      .updateTable('alerts')
      .set({ resolved_at: now, flapping: 0 })
      .where(
        'id',
        'in',
        held.map((h) => h.id),
      )
      .execute();
    const incidentIds = [...new Set(held.map((h) => h.incident_id).filter((id): id is string => id !== null))];
    const open = await openAlertCounts(trx, incidentIds);
    for (const incident of await findIncidentsByIds(trx, incidentIds)) {
      if (incident.status === 'resolved' || incident.origin !== 'signals' || (open.get(incident.id) ?? 0) > 0) continue;
      const next = { ...incident, ...transitionIncident(incident, 'resolve', now), updatedAt: now, version: incident.version + 1 };
      if (!(await updateIncidentIfVersion(trx, next, incident.version))) continue;
      await insertTimeline(trx, [
        {
          id: deps.ids.newId(),
          incidentId: incident.id,
          at: now,
          kind: 'status',
          actor: { type: 'system', id: null, name: 'fenghuo' },
          from: incident.status,
          to: 'resolved',
          message: 'flapping alerts quiet again; all alerts resolved',
        },
      ]);
    }
    return held.length;
  });
}
