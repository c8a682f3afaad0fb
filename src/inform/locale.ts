import type { StatusLocale } from '../domain/status/snapshot.js';
import { memoised, weightedList } from './header-values.js';

/** Which language a reader gets: `?lang=` wins, else `Accept-Language` (with q-values), else the page's default. */

/** `zh`, `zh-CN`, `zh-Hans-CN`, … → zh-CN; `en`, `en-GB`, … → en; anything else null. */
export function localeOfTag(tag: string): StatusLocale | null {
  const t = tag.trim().toLowerCase();
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

const MAX_HEADER = 512;
const MAX_RANGES = 32;

/** The best supported language of an Accept-Language header, `*` when only the wildcard matches, or null. */
export function parseAcceptLanguage(header: string): StatusLocale | '*' | null {
  let best: StatusLocale | '*' | null = null;
  let bestQ = 0;
  for (const { value: tag, q } of weightedList(header.slice(0, MAX_HEADER), MAX_RANGES)) {
    const locale = tag.trim() === '*' ? '*' : localeOfTag(tag);
    // Strictly greater: among equal q-values the earlier range wins, as listed.
    if (locale !== null && q > bestQ) [best, bestQ] = [locale, q];
  }
  return best;
}

// Browsers send a handful of distinct headers; remembering them keeps parsing off the hot path.
const acceptLanguageOf = memoised(256, parseAcceptLanguage);

function acceptLanguage(raw: string): StatusLocale | '*' | null {
  return acceptLanguageOf(raw.slice(0, MAX_HEADER));
}

/** The locale to render: the `lang` query parameter, the Accept-Language header, the page's default. */
export function negotiateLocale(lang: unknown, header: string | undefined, fallback: StatusLocale): StatusLocale {
  const asked = Array.isArray(lang) ? (lang as unknown[])[0] : lang;
  if (typeof asked === 'string' && asked.length <= 35) {
    const locale = localeOfTag(asked);
    if (locale) return locale;
  }
  if (header === undefined || header === '') return fallback;
  const accepted = acceptLanguage(header);
  return accepted === null || accepted === '*' ? fallback : accepted;
}
