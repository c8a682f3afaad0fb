import { endOfLocalDate } from '../../domain/learn/working-days.js';
import { actionItemsOfSource, insertActionItem, type StoredActionItem } from '../../store/action-items-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { zoneOf } from '../learn/learn-helpers.js';
import { readOrganisation } from '../learn/organisation.js';
import { ownerNames } from '../learn/read-action-items.js';
import { rejectIssues, unknownUsers } from '../oncall/references.js';
import { runOf } from './recover-drill-run.js';

export interface DrillActionItemInput {
  title: string;
  description?: string | null;
  ownerId: string;
  /** `YYYY-MM-DD` in the organisation's time zone, as for postmortem items. */
  dueDate: string;
}

/**
 * Adds an action item a drill run brought to light, to the same tracker as postmortems' (source
 * `drill`, source id the run, incident the run's first): owners, due dates, reminders and the
 * overdue report treat both alike.
 */
export async function addDrillActionItem(
  ctx: Context,
  drillId: string,
  runId: string,
  input: DrillActionItemInput,
): Promise<StoredActionItem> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const run = await runOf(trx, drillId, runId);
    const dueAt = endOfLocalDate(input.dueDate, zoneOf((await readOrganisation(trx)).timeZone));
    rejectIssues(
      [
        ...(dueAt === null ? [{ field: 'body.dueDate', message: `"${input.dueDate}" is not a date (YYYY-MM-DD)` }] : []),
        ...(await unknownUsers(trx, [{ id: input.ownerId, field: 'body.ownerId' }])),
      ],
      'invalid action item',
    );
    const now = ctx.clock.now();
    const item: StoredActionItem = {
      id: ctx.ids.newId(),
      title: input.title.trim(),
      description: input.description?.trim() || null,
      ownerId: input.ownerId,
      dueDate: input.dueDate,
      dueAt: dueAt as number,
      status: 'open',
      source: 'drill',
      sourceId: run.id,
      incidentId: run.incidentIds[0] ?? null,
      version: 1,
      createdBy: ctx.actor.name,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    };
    await insertActionItem(trx, item);
    await audit(ctx, trx, 'action-item.create', { type: 'action-item', id: item.id }, { after: item });
    return item;
  });
}

/** A run's action items, with their owners' names. */
export async function drillRunActionItems(ctx: Context, runId: string): Promise<{ items: StoredActionItem[]; names: Map<string, string> }> {
  const items = await actionItemsOfSource(ctx.store.db, 'drill', runId);
  return { items, names: await ownerNames(ctx.store.db, items) };
}
