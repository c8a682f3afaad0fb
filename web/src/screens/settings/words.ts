import type { Locale } from '../../i18n/locales';

/** "A、B和C" / "A, B, and C": lists in the reader's language, never joined by hand. */
export function joinList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
