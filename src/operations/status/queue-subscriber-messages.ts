import { confirmedSubscribers, insertStatusDeliveries, newStatusDelivery } from '../../store/status-subscribers-repo.js';
import type { Deps, Executor } from '../context.js';

/** What subscribers are told about: a public incident update or a maintenance announcement. */
export interface SubscriberMessage {
  pageId: string;
  kind: 'update' | 'maintenance';
  /** The status update id (kind `update`) or the maintenance id (kind `maintenance`). */
  refId: string;
  /** The components it concerns; subscribers who picked components hear only about theirs. */
  componentIds: string[];
}

/**
 * Queues one delivery per confirmed subscriber concerned, in the caller's transaction (the
 * durable outbox of status pages): those who picked no component, and those who picked one of
 * `componentIds`. What the message says is read when it is sent. Returns how many were queued.
 */
export async function queueSubscriberMessages(db: Executor, deps: Deps, message: SubscriberMessage): Promise<number> {
  const concerned = new Set(message.componentIds);
  const now = deps.clock.now();
  const rows = (await confirmedSubscribers(db, message.pageId))
    .filter((s) => s.componentIds.length === 0 || s.componentIds.some((id) => concerned.has(id)))
    .map((s) => newStatusDelivery(deps.ids.newId(), s.id, message.kind, message.refId, now));
  await insertStatusDeliveries(db, rows);
  return rows.length;
}
