import { FenghuoError } from '../../../domain/errors.js';
import type { StatusLocale } from '../../../domain/status/snapshot.js';
import { isUniqueViolation } from '../../../store/database.js';
import {
  findSubscribablePage,
  findSubscriber,
  insertStatusDeliveries,
  insertSubscriber,
  lastConfirmQueuedAt,
  newStatusDelivery,
  renewUnconfirmed,
  type SubscribablePage,
} from '../../../store/status-subscribers-repo.js';
import type { Deps, Executor } from '../../context.js';
import { rejectIssues } from '../../oncall/references.js';
import { checkComponentIds, emailIssues, normalizeEmail, subscriberLocale } from './subscriber-input.js';
import { confirmToken, emailSubscriberId, tokenHash, unsubscribeToken } from './subscription-tokens.js';

export interface SubscribeInput {
  kind: 'email' | 'webhook';
  address: string;
  componentIds?: string[];
  locale?: string;
}

/** A repeated sign-up of an address still unconfirmed sends a new link at most this often. */
export const CONFIRM_RESEND_MS = 10 * 60_000;

/**
 * Self-service sign-up on a public page, with double opt-in. The outcome looks the same whatever
 * state the address is in — new, waiting for confirmation, already subscribed — so nobody learns
 * who subscribes: a new or unconfirmed address gets a confirm message (a new one at most every
 * CONFIRM_RESEND_MS), a confirmed one nothing. Webhooks are refused here: a public sign-up would
 * let anyone make this server send requests into its own network; administrators add them.
 */
export async function subscribe(
  deps: Deps,
  slug: string,
  input: SubscribeInput,
): Promise<{ page: SubscribablePage; locale: StatusLocale }> {
  if (input.kind === 'webhook') {
    throw new FenghuoError('forbidden', 'kind: webhook subscriptions are added by an administrator', [
      { field: 'kind', message: 'webhook subscriptions are added by an administrator (POST /api/v1/status-pages/{id}/subscribers)' },
    ]);
  }
  const page = await findSubscribablePage(deps.store.db, { slug });
  if (!page) throw new FenghuoError('not_found', `status page "${slug}" not found`);
  const address = normalizeEmail(input.address);
  rejectIssues(emailIssues(address, 'address'), 'invalid subscription');
  const componentIds = await checkComponentIds(deps.store.db, page.id, input.componentIds ?? [], 'componentIds');
  const locale = subscriberLocale(input.locale, page.defaultLocale);
  try {
    await deps.store.db.transaction().execute((trx) => requestConfirmation(trx, deps, { pageId: page.id, address, componentIds, locale }));
  } catch (err) {
    // The same address signed up at the same moment: the other request made the subscription.
    if (!isUniqueViolation(err)) throw err;
  }
  return { page, locale };
}

async function requestConfirmation(
  trx: Executor,
  deps: Deps,
  request: { pageId: string; address: string; componentIds: string[]; locale: StatusLocale },
): Promise<void> {
  const now = deps.clock.now();
  const id = emailSubscriberId(request.pageId, request.address);
  const existing = await findSubscriber(trx, id);
  if (existing !== null && existing.confirmedAt !== null) return;
  if (existing !== null) {
    const last = await lastConfirmQueuedAt(trx, id);
    if (last !== null && now - last < CONFIRM_RESEND_MS) return;
  }
  const delivery = newStatusDelivery(deps.ids.newId(), id, 'confirm', null, now);
  // The new link replaces any earlier one: the worker drops a confirm message whose token is stale.
  const confirmTokenHash = tokenHash(confirmToken(deps.secrets, delivery.id));
  if (existing !== null) {
    const { componentIds, locale } = request;
    if (!(await renewUnconfirmed(trx, id, { componentIds, locale, confirmTokenHash }))) return;
  } else {
    await insertSubscriber(trx, {
      id,
      pageId: request.pageId,
      kind: 'email',
      address: request.address,
      componentIds: request.componentIds,
      locale: request.locale,
      secretSealed: null,
      confirmTokenHash,
      confirmedAt: null,
      unsubscribeTokenHash: tokenHash(unsubscribeToken(deps.secrets, { id, createdAt: now })),
      createdAt: now,
    });
  }
  await insertStatusDeliveries(trx, [delivery]);
}
