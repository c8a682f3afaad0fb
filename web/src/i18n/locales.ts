// Which language to show: the one chosen in this browser, else the first of the browser's
// preferences we have, else Chinese (the project's first language).
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'fenghuo.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** Maps browser tags (`zh-TW`, `en-GB`, `zh-Hans-CN`) onto the locales we have. */
export function matchLocale(tag: string): Locale | null {
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

export function preferredLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'zh-CN';
}

export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage can be disabled (private mode, policy): fall back to the browser
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not kept across visits then; the switch still works for this page
  }
}

export function initialLocale(): Locale {
  return storedLocale() ?? preferredLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}
