import { validateNotificationRules, type NotificationRule } from '../../domain/escalation/contact.js';
import {
  listContactMethods,
  listNotificationRules as queryRules,
  replaceNotificationRules,
  type StoredNotificationRule,
} from '../../store/contacts-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { assertMayManageContacts } from './manage-contact-methods.js';
import { rejectIssues } from './references.js';

export async function listNotificationRules(ctx: Context, userId: string): Promise<StoredNotificationRule[]> {
  await assertMayManageContacts(ctx, ctx.store.db, userId);
  return queryRules(ctx.store.db, [userId]);
}

/**
 * Replaces a user's personal notification rules. An empty list is allowed: a user without rules is
 * paged on every contact method at once (see personalNotifications).
 */
export async function setNotificationRules(ctx: Context, userId: string, rules: NotificationRule[]): Promise<StoredNotificationRule[]> {
  return ctx.store.db.transaction().execute(async (trx) => {
    await assertMayManageContacts(ctx, trx, userId);
    const methods = await listContactMethods(trx, [userId]);
    if (rules.length > 0) {
      const known = methods.map((m) => ({ id: m.id, kind: m.kind, address: m.address ?? '' }));
      rejectIssues(validateNotificationRules(rules, known, 'body'), 'invalid notification rules');
    }
    const before = await queryRules(trx, [userId]);
    const now = ctx.clock.now();
    const next = rules
      .map((r) => ({ id: ctx.ids.newId(), userId, contactMethodId: r.contactMethodId, delayMinutes: r.delayMinutes, createdAt: now }))
      .sort((a, b) => a.delayMinutes - b.delayMinutes);
    await replaceNotificationRules(trx, userId, next);
    await audit(ctx, trx, 'notification-rules.replace', { type: 'user', id: userId }, { before, after: next });
    return next;
  });
}
