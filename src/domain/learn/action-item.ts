export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Where an action item came from; drills will put theirs in the same tracker. */
export const ACTION_ITEM_SOURCES = ['postmortem', 'drill'] as const;
export type ActionItemSource = (typeof ACTION_ITEM_SOURCES)[number];

/** Statuses that still owe work: the only ones that can be overdue. */
export const OPEN_ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = ['open', 'in_progress'];

/** Overdue: still owed once its due date has ended (`dueAt` is the end of that date). */
export function isActionItemOverdue(item: { status: ActionItemStatus; dueAt: number }, now: number): boolean {
  return OPEN_ACTION_ITEM_STATUSES.includes(item.status) && now >= item.dueAt;
}
