import { FenghuoError } from '../../../domain/errors.js';
import type { StatusLocale } from '../../../domain/status/snapshot.js';
import { urlIssues } from '../../../notify/channels/config.js';
import {
  deleteSubscriber,
  findSubscribablePage,
  findSubscriber,
  insertSubscriber,
  listSubscribers,
  type StoredSubscriber,
  type SubscribablePage,
  type SubscriberKind,
} from '../../../store/status-subscribers-repo.js';
import { newSecret } from '../../access/secrets.js';
import { audit } from '../../audit.js';
import type { Context, Executor } from '../../context.js';
import { maskUrl } from '../../oncall/mask-secrets.js';
import { rejectIssues } from '../../oncall/references.js';
import { checkComponentIds, maskEmail, subscriberLocale } from './subscriber-input.js';
import { tokenHash, unsubscribeToken } from './subscription-tokens.js';

/** A subscriber as administrators see it: the address masked, the secret never. */
export interface PublicSubscriber {
  id: string;
  pageId: string;
  kind: SubscriberKind;
  address: string;
  componentIds: string[];
  locale: string;
  confirmedAt: number | null;
  createdAt: number;
}

export function publicSubscriber(s: StoredSubscriber): PublicSubscriber {
  return {
    id: s.id,
    pageId: s.pageId,
    kind: s.kind,
    address: s.kind === 'email' ? maskEmail(s.address) : maskUrl(s.address),
    componentIds: s.componentIds,
    locale: s.locale,
    confirmedAt: s.confirmedAt,
    createdAt: s.createdAt,
  };
}

export interface WebhookSubscriberInput {
  kind: 'webhook';
  url: string;
  /** Generated when absent; shown once, in the answer. */
  secret?: string;
  componentIds?: string[];
  locale?: StatusLocale;
}

async function pageOf(db: Executor, pageId: string): Promise<SubscribablePage> {
  const page = await findSubscribablePage(db, { id: pageId });
  if (!page) throw new FenghuoError('not_found', `status page "${pageId}" not found`);
  return page;
}

/** Adds a webhook subscriber, confirmed at once (an administrator vouches for it); the secret is stored sealed. */
export async function addWebhookSubscriber(
  ctx: Context,
  pageId: string,
  input: WebhookSubscriberInput,
): Promise<PublicSubscriber & { url: string; secret: string }> {
  const url = input.url.trim();
  rejectIssues(urlIssues(url, 'url'), 'invalid subscriber');
  const secret = input.secret ?? newSecret('fhw_');
  const now = ctx.clock.now();
  return ctx.store.db.transaction().execute(async (trx) => {
    const page = await pageOf(trx, pageId);
    const id = ctx.ids.newId();
    const subscriber: StoredSubscriber = {
      id,
      pageId: page.id,
      kind: 'webhook',
      address: url,
      componentIds: await checkComponentIds(trx, page.id, input.componentIds ?? [], 'componentIds'),
      locale: subscriberLocale(input.locale, page.defaultLocale),
      secretSealed: ctx.secrets.seal(secret),
      confirmTokenHash: null,
      confirmedAt: now,
      unsubscribeTokenHash: tokenHash(unsubscribeToken(ctx.secrets, { id, createdAt: now })),
      createdAt: now,
    };
    await insertSubscriber(trx, subscriber);
    const shown = publicSubscriber(subscriber);
    await audit(ctx, trx, 'status-subscriber.create', { type: 'status-subscriber', id }, { after: shown });
    return { ...shown, url, secret };
  });
}

export async function listPageSubscribers(
  ctx: Context,
  pageId: string,
  page: { after: string | null; limit: number },
): Promise<{ items: PublicSubscriber[]; hasMore: boolean }> {
  await pageOf(ctx.store.db, pageId);
  const listed = await listSubscribers(ctx.store.db, pageId, page);
  return { items: listed.items.map(publicSubscriber), hasMore: listed.hasMore };
}

/** Removes a subscriber of any kind, with what was still to be sent to it. */
export async function removeSubscriber(ctx: Context, pageId: string, subscriberId: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await pageOf(trx, pageId);
    const before = await findSubscriber(trx, subscriberId);
    if (!before || before.pageId !== pageId) throw new FenghuoError('not_found', `subscriber "${subscriberId}" not found on this page`);
    await deleteSubscriber(trx, subscriberId);
    await audit(
      ctx,
      trx,
      'status-subscriber.delete',
      { type: 'status-subscriber', id: subscriberId },
      { before: publicSubscriber(before) },
    );
  });
}
