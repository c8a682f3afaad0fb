import { ACTION_ITEM_STATUSES, type ActionItemSource, type ActionItemStatus } from '../../domain/learn/action-item.js';
import { actionItemCounts, listActionItems, type StoredActionItem } from '../../store/action-items-repo.js';
import type { Context, Executor } from '../context.js';
import { usersById } from '../incidents/role-holders.js';

export interface ActionItemQuery {
  statuses?: ActionItemStatus[];
  ownerId?: string;
  source?: { kind: ActionItemSource; id?: string };
  incidentId?: string;
  overdue?: boolean;
  afterId?: string;
  limit: number;
}

/** A page of action items, oldest first, with their owners' names. */
export async function findActionItems(
  ctx: Context,
  q: ActionItemQuery,
): Promise<{ items: StoredActionItem[]; hasMore: boolean; names: Map<string, string> }> {
  const { overdue, ...rest } = q;
  const page = await listActionItems(ctx.store.db, { ...rest, overdueAt: overdue ? ctx.clock.now() : undefined });
  return { ...page, names: await ownerNames(ctx.store.db, page.items) };
}

/** Names of the owners of these items (an owner since deleted shows as the id). */
export async function ownerNames(db: Executor, items: readonly StoredActionItem[]): Promise<Map<string, string>> {
  const users = await usersById(db, [...new Set(items.map((i) => i.ownerId))]);
  return new Map([...users.values()].map((u) => [u.id, u.name]));
}

/** The tracker at a glance: items per status, and the overdue ones per owner. */
export async function actionItemSummary(ctx: Context) {
  const now = ctx.clock.now();
  const counts = await actionItemCounts(ctx.store.db, now);
  const names = new Map(
    [
      ...(
        await usersById(
          ctx.store.db,
          counts.overdueByOwner.map((o) => o.ownerId),
        )
      ).values(),
    ].map((u) => [u.id, u.name]),
  );
  const byStatus = Object.fromEntries(ACTION_ITEM_STATUSES.map((s) => [s, 0])) as Record<ActionItemStatus, number>;
  for (const { status, count } of counts.byStatus) byStatus[status] = count;
  return {
    at: now,
    byStatus,
    overdue: counts.overdueByOwner.reduce((sum, o) => sum + o.count, 0),
    overdueByOwner: counts.overdueByOwner.map((o) => ({ ownerId: o.ownerId, name: names.get(o.ownerId) ?? o.ownerId, count: o.count })),
  };
}

/** The owners' names of items an operation has just returned. */
export function namesOfOwners(ctx: Context, items: readonly StoredActionItem[]): Promise<Map<string, string>> {
  return ownerNames(ctx.store.db, items);
}
