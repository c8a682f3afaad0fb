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
 * durable outbox of status pages). Placeholder until the subscriptions work lands.
 */
export async function queueSubscriberMessages(_db: Executor, _deps: Deps, _message: SubscriberMessage): Promise<number> {
  return Promise.resolve(0);
}
