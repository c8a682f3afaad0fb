import { advancePublicStage } from '../../domain/status/public-stage.js';
import {
  findStatusIncident,
  insertStatusUpdate,
  statusUpdatesOf,
  updateStatusIncident,
  type StoredStatusIncident,
  type StoredStatusUpdate,
} from '../../store/status-incidents-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { queueSubscriberMessages } from './queue-subscriber-messages.js';
import { shownComponentIssues, type AddStatusUpdateInput, type StatusIncidentWithUpdates } from './status-incident-input.js';
import { blankIssues, rejectStatusIssues, runStatusWrite, statusNotFound, touchPage } from './status-page-writes.js';

/**
 * Adds an update to a public incident, moving its stage (forward only while open; any stage reopens
 * a resolved one, see domain/status/public-stage.ts); subscribers are told in the same transaction.
 */
export async function addStatusUpdate(
  ctx: Context,
  pageId: string,
  statusIncidentId: string,
  input: AddStatusUpdateInput,
): Promise<StatusIncidentWithUpdates> {
  rejectStatusIssues(blankIssues({ body: input.body }), 'invalid update');
  const now = ctx.clock.now();
  return runStatusWrite(ctx, async (trx) => {
    await touchPage(trx, pageId, now);
    const before = await findStatusIncident(trx, pageId, statusIncidentId);
    if (!before) throw statusNotFound('public incident', statusIncidentId);
    const stage = advancePublicStage(before, input.stage, now);
    if (input.components) rejectStatusIssues(await shownComponentIssues(trx, pageId, input.components), 'invalid update');
    const incident: StoredStatusIncident = {
      ...before,
      ...stage,
      components: input.components ? input.components.map((c) => ({ id: c.id, status: c.status })) : before.components,
      updatedAt: now,
    };
    const update: StoredStatusUpdate = {
      id: ctx.ids.newId(),
      statusIncidentId,
      stage: stage.stage,
      body: input.body.trim(),
      createdBy: ctx.actor.name,
      createdAt: now,
    };
    await updateStatusIncident(trx, incident);
    await insertStatusUpdate(trx, update);
    await audit(
      ctx,
      trx,
      'status-incident.update',
      { type: 'status-incident', id: statusIncidentId },
      { before, after: { ...incident, update } },
    );
    await queueSubscriberMessages(trx, ctx, {
      pageId,
      kind: 'update',
      refId: update.id,
      componentIds: incident.components.map((c) => c.id),
    });
    const updates = (await statusUpdatesOf(trx, [statusIncidentId])).get(statusIncidentId) ?? [];
    return { ...incident, updates };
  });
}
