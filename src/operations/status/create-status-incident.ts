import type { FieldIssue } from '../../domain/errors.js';
import { initialPublicStage } from '../../domain/status/public-stage.js';
import {
  insertStatusIncident,
  insertStatusUpdate,
  type StoredStatusIncident,
  type StoredStatusUpdate,
} from '../../store/status-incidents-repo.js';
import { internalIncidentExists } from '../../store/status-sources-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { queueSubscriberMessages } from './queue-subscriber-messages.js';
import { shownComponentIssues, type CreateStatusIncidentInput, type StatusIncidentWithUpdates } from './status-incident-input.js';
import { blankIssues, rejectStatusIssues, runStatusWrite, touchPage } from './status-page-writes.js';

/**
 * Posts a public incident with its first update; subscribers are told in the same transaction.
 * A linked internal incident is only referred to by id: its title, level and reasons stay inside.
 */
export async function createStatusIncident(
  ctx: Context,
  pageId: string,
  input: CreateStatusIncidentInput,
): Promise<StatusIncidentWithUpdates> {
  const now = ctx.clock.now();
  const startedAt = input.startedAt ?? now;
  const issues: FieldIssue[] = blankIssues({ title: input.title, body: input.body });
  if (startedAt > now) issues.push({ field: 'startedAt', message: 'must not be later than now' });
  rejectStatusIssues(issues, 'invalid public incident');
  return runStatusWrite(ctx, async (trx) => {
    await touchPage(trx, pageId, now);
    const refIssues = await shownComponentIssues(trx, pageId, input.components);
    if (input.incidentId != null && !(await internalIncidentExists(trx, input.incidentId))) {
      refIssues.push({ field: 'incidentId', message: `unknown incident "${input.incidentId}"` });
    }
    rejectStatusIssues(refIssues, 'invalid public incident');
    const stage = initialPublicStage(input.stage ?? 'investigating', now);
    const incident: StoredStatusIncident = {
      id: ctx.ids.newId(),
      pageId,
      incidentId: input.incidentId ?? null,
      title: input.title.trim(),
      impact: input.impact,
      stage: stage.stage,
      components: input.components.map((c) => ({ id: c.id, status: c.status })),
      createdBy: ctx.actor.name,
      startedAt,
      resolvedAt: stage.resolvedAt,
      createdAt: now,
      updatedAt: now,
    };
    const update: StoredStatusUpdate = {
      id: ctx.ids.newId(),
      statusIncidentId: incident.id,
      stage: stage.stage,
      body: input.body.trim(),
      createdBy: ctx.actor.name,
      createdAt: now,
    };
    await insertStatusIncident(trx, incident);
    await insertStatusUpdate(trx, update);
    await audit(ctx, trx, 'status-incident.create', { type: 'status-incident', id: incident.id }, { after: { ...incident, update } });
    await queueSubscriberMessages(trx, ctx, {
      pageId,
      kind: 'update',
      refId: update.id,
      componentIds: incident.components.map((c) => c.id),
    });
    return { ...incident, updates: [update] };
  });
}
