import { transitionIncident, type IncidentAction } from '../../domain/incident/state-machine.js';
import type { IncidentRef, StoredIncident } from '../../store/incidents-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appendTimeline, requireIncident, saveIncident, timelineEntry } from './incident-helpers.js';

/**
 * Acknowledge, mitigate, resolve or reopen. The transition is checked by the state machine and
 * saved under the incident's version, so of two simultaneous acknowledges one wins and the
 * other gets `invalid_transition` or `conflict` (409), never a second timeline entry.
 */
export async function changeIncidentStatus(
  ctx: Context,
  ref: IncidentRef,
  action: IncidentAction,
  note: string | null = null,
): Promise<StoredIncident> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIncident(trx, ref);
    const now = ctx.clock.now();
    const lifecycle = transitionIncident(before, action, now);
    const saved = await saveIncident(trx, before, { ...before, ...lifecycle, updatedAt: now });
    await appendTimeline(trx, [timelineEntry(ctx, before.id, 'status', { from: before.status, to: saved.status, message: note })]);
    await audit(ctx, trx, `incident.${action}`, { type: 'incident', id: before.id }, {
      before: { status: before.status },
      after: { status: saved.status, note },
    });
    return saved;
  });
}
