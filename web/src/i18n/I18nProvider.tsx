import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { knownTimeZone, makeFormatters, type Formatters } from './format';
import { initialLocale, storeLocale, type Locale } from './locales';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

const DICTIONARIES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export interface I18n {
  locale: Locale;
  t: Messages;
  fmt: Formatters;
  setLocale(locale: Locale): void;
  /** The signed-in user's zone from the API (undefined: the browser's). */
  setUserTimeZone(zone: string | undefined): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [userZone, setUserZone] = useState<string | undefined>(undefined);
  const t = DICTIONARIES[locale];

  useEffect(() => {
    // Screen readers and the browser's hyphenation/fonts follow <html lang>.
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);
  const setUserTimeZone = useCallback((zone: string | undefined) => setUserZone(knownTimeZone(zone)), []);

  const value = useMemo<I18n>(
    () => ({ locale, t, fmt: makeFormatters(locale, userZone, t), setLocale, setUserTimeZone }),
    [locale, t, userZone, setLocale, setUserTimeZone],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}
