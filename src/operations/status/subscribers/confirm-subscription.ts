import type { StatusLocale } from '../../../domain/status/snapshot.js';
import { markConfirmed, type SubscribablePage } from '../../../store/status-subscribers-repo.js';
import { audit } from '../../audit.js';
import type { Deps } from '../../context.js';
import { publicSubscriber } from './manage-subscribers.js';
import { subscriberLocale } from './subscriber-input.js';
import { findSubscriptionByLink, SELF_SERVICE_ACTOR } from './subscription-tokens.js';

export interface ConfirmView {
  page: SubscribablePage;
  locale: StatusLocale;
  confirmed: boolean;
}

/** What a confirm link shows before anything is done (link scanners open links with GET). */
export async function readConfirmLink(deps: Deps, slug: string, token: string): Promise<ConfirmView> {
  const { page, subscriber } = await findSubscriptionByLink(deps.store.db, slug, { confirm: token });
  return { page, locale: subscriberLocale(subscriber.locale, page.defaultLocale), confirmed: subscriber.confirmedAt !== null };
}

/**
 * Confirms a subscription, audited as the subscriber's own act. Once: a second press changes
 * nothing and answers `alreadyConfirmed`.
 */
export async function confirmSubscription(
  deps: Deps,
  slug: string,
  token: string,
  requestId: string | null,
): Promise<ConfirmView & { alreadyConfirmed: boolean }> {
  return deps.store.db.transaction().execute(async (trx) => {
    const { page, subscriber } = await findSubscriptionByLink(trx, slug, { confirm: token });
    const now = deps.clock.now();
    const confirmedNow = await markConfirmed(trx, subscriber.id, now);
    if (confirmedNow) {
      await audit(
        { ...deps, actor: SELF_SERVICE_ACTOR, requestId },
        trx,
        'status-subscriber.confirm',
        { type: 'status-subscriber', id: subscriber.id },
        { after: publicSubscriber({ ...subscriber, confirmedAt: now }) },
      );
    }
    return { page, locale: subscriberLocale(subscriber.locale, page.defaultLocale), confirmed: true, alreadyConfirmed: !confirmedNow };
  });
}
