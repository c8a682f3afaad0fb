import type { StatusLocale } from '../../../domain/status/snapshot.js';
import { deleteSubscriber, type SubscribablePage } from '../../../store/status-subscribers-repo.js';
import { audit } from '../../audit.js';
import type { Deps } from '../../context.js';
import { publicSubscriber } from './manage-subscribers.js';
import { subscriberLocale } from './subscriber-input.js';
import { findSubscriptionByLink, SELF_SERVICE_ACTOR } from './subscription-tokens.js';

export interface UnsubscribeView {
  page: SubscribablePage;
  locale: StatusLocale;
}

/** What an unsubscribe link shows before anything is done. */
export async function readUnsubscribeLink(deps: Deps, slug: string, token: string): Promise<UnsubscribeView> {
  const { page, subscriber } = await findSubscriptionByLink(deps.store.db, slug, { unsubscribe: token });
  return { page, locale: subscriberLocale(subscriber.locale, page.defaultLocale) };
}

/**
 * Ends a subscription at once (RFC 8058 one-click, or the button behind the link): the subscriber
 * and everything still queued for it are deleted, audited as the subscriber's own act.
 */
export async function unsubscribe(deps: Deps, slug: string, token: string, requestId: string | null): Promise<UnsubscribeView> {
  return deps.store.db.transaction().execute(async (trx) => {
    const { page, subscriber } = await findSubscriptionByLink(trx, slug, { unsubscribe: token });
    await deleteSubscriber(trx, subscriber.id);
    await audit(
      { ...deps, actor: SELF_SERVICE_ACTOR, requestId },
      trx,
      'status-subscriber.unsubscribe',
      { type: 'status-subscriber', id: subscriber.id },
      { before: publicSubscriber(subscriber) },
    );
    return { page, locale: subscriberLocale(subscriber.locale, page.defaultLocale) };
  });
}
