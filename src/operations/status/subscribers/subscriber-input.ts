import type { FieldIssue } from '../../../domain/errors.js';
import type { StatusLocale } from '../../../domain/status/snapshot.js';
import { componentIdsOfPage } from '../../../store/status-subscribers-repo.js';
import type { Executor } from '../../context.js';
import { rejectIssues } from '../../oncall/references.js';

/** Checks shared by public sign-up and the admin API: addresses, component choices, locale. */

export const MAX_SUBSCRIBER_COMPONENTS = 50;
export const STATUS_LOCALES: readonly StatusLocale[] = ['zh-CN', 'en'];

// The practical subset of RFC 5321 that mail servers accept: no quoted local parts, a dotted domain.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Lower case, trimmed: one subscription per mailbox however it is typed. */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

export function emailIssues(address: string, field: string): FieldIssue[] {
  if (address.length > 254) return [{ field, message: 'is longer than 254 characters' }];
  return EMAIL.test(address) ? [] : [{ field, message: 'is not an e-mail address' }];
}

export function subscriberLocale(requested: string | undefined, pageDefault: string): StatusLocale {
  for (const candidate of [requested, pageDefault])
    if ((STATUS_LOCALES as readonly string[]).includes(candidate ?? '')) return candidate as StatusLocale;
  return 'en';
}

/** The chosen components, without repeats; each must be one of the page's (400 naming the entry otherwise). */
export async function checkComponentIds(db: Executor, pageId: string, ids: readonly string[], field: string): Promise<string[]> {
  const chosen = [...new Set(ids)];
  if (chosen.length > MAX_SUBSCRIBER_COMPONENTS) {
    rejectIssues([{ field, message: `at most ${MAX_SUBSCRIBER_COMPONENTS} components` }], 'invalid subscription');
  }
  if (chosen.length === 0) return chosen;
  const known = await componentIdsOfPage(db, pageId);
  rejectIssues(
    ids.flatMap((id, i) => (known.has(id) ? [] : [{ field: `${field}[${i}]`, message: `unknown component "${id}" on this page` }])),
    'invalid subscription',
  );
  return chosen;
}

/** `a***@example.com`: enough to recognise, not to harvest. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '***' : `${address.slice(0, 1)}***${address.slice(at)}`;
}
