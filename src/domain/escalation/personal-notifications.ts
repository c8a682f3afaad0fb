import type { NotificationSettings } from './contact.js';

const MINUTE = 60_000;

/** One use of a contact method, due at `at` (epoch ms). */
export interface PlannedNotification {
  contactMethodId: string;
  at: number;
}

/**
 * When each of a paged user's contact methods is used for a page fired at `firedAt`: one per rule,
 * in time order (rule order among equal times). A rule naming a method that no longer exists is
 * skipped, and the same method at the same time is used once. A user left with no usable rule is
 * not paged silently: every contact method is used at once.
 */
export function personalNotifications(settings: NotificationSettings, firedAt: number): PlannedNotification[] {
  const methods = new Set(settings.contactMethods.map((m) => m.id));
  const usable = settings.rules.filter((r) => methods.has(r.contactMethodId));
  const planned =
    usable.length > 0
      ? usable.map((r) => ({ contactMethodId: r.contactMethodId, at: firedAt + r.delayMinutes * MINUTE }))
      : settings.contactMethods.map((m) => ({ contactMethodId: m.id, at: firedAt }));
  const seen = new Set<string>();
  return planned
    .filter((n) => {
      const key = `${n.contactMethodId}@${n.at}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at - b.at);
}
