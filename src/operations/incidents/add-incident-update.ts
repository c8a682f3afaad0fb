import type { TimelineEntry } from '../../domain/incident/timeline.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appendTimeline, requireIncident, timelineEntry } from './incident-helpers.js';

/** Adds a note to the incident's timeline (a status update from a responder). */
export async function addIncidentUpdate(ctx: Context, ref: IncidentRef, message: string): Promise<TimelineEntry> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const incident = await requireIncident(trx, ref);
    const entry = timelineEntry(ctx, incident.id, 'note', { message: message.trim() });
    await appendTimeline(trx, [entry]);
    await audit(ctx, trx, 'incident.update.add', { type: 'incident', id: incident.id }, { after: { message: entry.message } });
    return entry;
  });
}
