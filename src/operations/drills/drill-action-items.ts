import { actionItemsOfSource, type StoredActionItem } from '../../store/action-items-repo.js';
import type { Context } from '../context.js';
import { addActionItem } from '../learn/manage-action-items.js';
import { ownerNames } from '../learn/read-action-items.js';
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
    return addActionItem(ctx, trx, input, { source: 'drill', sourceId: run.id, incidentId: run.incidentIds[0] ?? null });
  });
}

/** A run's action items, with their owners' names. */
export async function drillRunActionItems(ctx: Context, runId: string): Promise<{ items: StoredActionItem[]; names: Map<string, string> }> {
  const items = await actionItemsOfSource(ctx.store.db, 'drill', runId);
  return { items, names: await ownerNames(ctx.store.db, items) };
}
