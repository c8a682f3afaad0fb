import { transitionIncident, type IncidentAction } from '../../domain/incident/state-machine.js';
import { resolveAlertsOfIncident } from '../../store/alerts-repo.js';
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
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIncident(trx, ref);
    const now = ctx.clock.now();
    const lifecycle = transitionIncident(before, action, now);
    const saved = await saveIncident(ctx, trx, before, { ...before, ...lifecycle, updatedAt: now });
    const entries = [timelineEntry(ctx, before.id, 'status', { from: before.status, to: saved.status, message: note })];
    if (action === 'resolve') {
      // Like PagerDuty: resolving the incident resolves its alerts; if the problem persists, the
      // sender's next trigger opens a new alert (and, within the flap window, reopens this incident).
      const closed = await resolveAlertsOfIncident(trx, before.id, now);
      if (closed > 0)
        entries.push(timelineEntry(ctx, before.id, 'note', { message: `${closed} open alert(s) resolved with the incident` }));
    }
    await appendTimeline(trx, entries);
    await audit(
      ctx,
      trx,
      `incident.${action}`,
      { type: 'incident', id: before.id },
      {
        before: { status: before.status },
        after: { status: saved.status, note },
      },
    );
    return saved;
  });
  void ctx.wakePaging?.();
  return result;
}
