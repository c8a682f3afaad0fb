import { createHash } from 'node:crypto';
import type { Actor } from '../../../domain/actor.js';
import { FenghuoError } from '../../../domain/errors.js';
import {
  findSubscribablePage,
  findSubscriberByToken,
  type StoredSubscriber,
  type SubscribablePage,
} from '../../../store/status-subscribers-repo.js';
import { hashSecret } from '../../access/secrets.js';
import type { Executor } from '../../context.js';
import type { SecretBox } from '../../secret-box.js';

/**
 * The credentials in subscribers' links. A message is built at send time from the database, where
 * only SHA-256 hashes of the tokens are kept, so a token must be computable again by the worker:
 * each is an HMAC under the server key (FENGHUO_SECRET_KEY) — of the confirm message's id for a
 * confirm link, of the subscriber's id and creation time for an unsubscribe link. Unguessable
 * without the key, never stored in clear; a new confirm request makes a new confirm token.
 */

const CONFIRM = 'status-subscription-confirm';
const UNSUBSCRIBE = 'status-subscription-unsubscribe';

export function confirmToken(secrets: SecretBox, confirmDeliveryId: string): string {
  return secrets.mac(CONFIRM, confirmDeliveryId);
}

export function unsubscribeToken(secrets: SecretBox, subscriber: { id: string; createdAt: number }): string {
  return secrets.mac(UNSUBSCRIBE, `${subscriber.id}.${subscriber.createdAt}`);
}

/** What is stored of a token, and what a presented token is looked up by. */
export const tokenHash = hashSecret;

/**
 * One e-mail subscription per page and address, enforced by the primary key: the id is derived
 * from both, so two simultaneous sign-ups of one address cannot make two subscriptions.
 */
export function emailSubscriberId(pageId: string, address: string): string {
  return createHash('sha256').update(`email\n${pageId}\n${address}`).digest('hex').slice(0, 30);
}

/** Who the audit log names for a subscriber's own confirm and unsubscribe (the link is the credential). */
export const SELF_SERVICE_ACTOR: Actor = { type: 'system', id: null, name: 'subscriber (self-service link)', role: 'viewer' };

/** The page and the subscriber a link's token belongs to; a token of another page, or none, is a 404. */
export async function findSubscriptionByLink(
  db: Executor,
  slug: string,
  token: { confirm: string } | { unsubscribe: string },
): Promise<{ page: SubscribablePage; subscriber: StoredSubscriber }> {
  const page = await findSubscribablePage(db, { slug });
  const lookup = 'confirm' in token ? { confirmHash: tokenHash(token.confirm) } : { unsubscribeHash: tokenHash(token.unsubscribe) };
  const subscriber = page ? await findSubscriberByToken(db, lookup) : null;
  if (!page || !subscriber || subscriber.pageId !== page.id) {
    throw new FenghuoError('not_found', 'this link is not valid, or the subscription has ended');
  }
  return { page, subscriber };
}
