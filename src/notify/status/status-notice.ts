import type { StatusLocale } from '../../domain/status/snapshot.js';
import type { Deps } from '../../operations/context.js';
import { subscriberLocale } from '../../operations/status/subscribers/subscriber-input.js';
import { confirmToken, tokenHash, unsubscribeToken } from '../../operations/status/subscribers/subscription-tokens.js';
import {
  findPublicMaintenance,
  findPublicUpdate,
  findSubscribablePage,
  findSubscriber,
  setUnsubscribeTokenHash,
  type StoredStatusDelivery,
  type StoredSubscriber,
} from '../../store/status-subscribers-repo.js';

/**
 * What one delivery tells its subscriber, read from the database when it is sent: the page, the
 * public incident post and its update (or the maintenance), and the subscriber's links. Only what
 * the public page shows is read — never the internal incident.
 */

export interface NoticePage {
  id: string;
  slug: string;
  name: string;
  url: string;
}

interface NoticeBase {
  page: NoticePage;
  locale: StatusLocale;
  unsubscribeUrl: string;
}

export type StatusNotice =
  | (NoticeBase & { kind: 'confirm'; confirmUrl: string })
  | (NoticeBase & {
      kind: 'update';
      incident: { id: string; title: string; impact: string; stage: string };
      update: { id: string; stage: string; body: string; at: number };
    })
  | (NoticeBase & {
      kind: 'maintenance';
      maintenance: { id: string; title: string; body: string; startsAt: number; endsAt: number };
    });

/** The notice, or why the delivery has nothing left to say (it is then cancelled, not failed). */
export type PreparedNotice = { subscriber: StoredSubscriber; notice: StatusNotice } | { skip: string };

export async function prepareNotice(deps: Deps, publicUrl: string, delivery: StoredStatusDelivery): Promise<PreparedNotice> {
  const db = deps.store.db;
  const subscriber = await findSubscriber(db, delivery.subscriberId);
  if (!subscriber) return { skip: 'the subscriber is gone' };
  const page = await findSubscribablePage(db, { id: subscriber.pageId });
  if (!page) return { skip: 'the status page is gone' };
  const unsubscribe = unsubscribeToken(deps.secrets, subscriber);
  // A new server key makes new tokens: keep the stored hash in step, so the links sent from now on work.
  if (tokenHash(unsubscribe) !== subscriber.unsubscribeTokenHash) await setUnsubscribeTokenHash(db, subscriber.id, tokenHash(unsubscribe));
  const url = `${publicUrl}/status/${encodeURIComponent(page.slug)}`;
  const base: NoticeBase = {
    page: { id: page.id, slug: page.slug, name: page.name, url },
    locale: subscriberLocale(subscriber.locale, page.defaultLocale),
    unsubscribeUrl: `${url}/subscriptions/unsubscribe?token=${unsubscribe}`,
  };
  switch (delivery.kind) {
    case 'confirm': {
      if (subscriber.confirmedAt !== null) return { skip: 'the subscription is already confirmed' };
      const token = confirmToken(deps.secrets, delivery.id);
      if (tokenHash(token) !== subscriber.confirmTokenHash) return { skip: 'a newer confirmation request replaced this one' };
      return { subscriber, notice: { ...base, kind: 'confirm', confirmUrl: `${url}/subscriptions/confirm?token=${token}` } };
    }
    case 'update': {
      if (subscriber.confirmedAt === null) return { skip: 'the subscription is not confirmed' };
      const found = delivery.refId === null ? null : await findPublicUpdate(db, delivery.refId);
      if (!found || found.pageId !== page.id) return { skip: 'the update was deleted' };
      const incident = { id: found.statusIncidentId, title: found.title, impact: found.impact, stage: found.stage };
      const update = { id: found.updateId, stage: found.stage, body: found.body, at: found.at };
      return { subscriber, notice: { ...base, kind: 'update', incident, update } };
    }
    case 'maintenance': {
      if (subscriber.confirmedAt === null) return { skip: 'the subscription is not confirmed' };
      const found = delivery.refId === null ? null : await findPublicMaintenance(db, delivery.refId);
      if (!found || found.pageId !== page.id) return { skip: 'the maintenance was deleted' };
      const { pageId: _pageId, ...maintenance } = found;
      return { subscriber, notice: { ...base, kind: 'maintenance', maintenance } };
    }
  }
}
