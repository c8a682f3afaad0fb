// Dates, times and durations in the reader's language and time zone. Everything the API sends is an
// ISO-8601 instant; it is shown in the signed-in user's zone when the API gives one, else the browser's.
import type { Messages } from './messages';
import type { Locale } from './locales';

export interface Formatters {
  timeZone: string;
  dateTime(value: string | number | Date): string;
  time(value: string | number | Date): string;
  relative(value: string | number | Date, now?: number): string;
  duration(seconds: number | null | undefined): string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A zone name the browser knows, or undefined (a typo in a user's settings must not break every date). */
export function knownTimeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** Made on first use: a page that shows no date yet pays nothing for ICU (src/app/warm-intl.ts). */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** `timeZone` undefined: the browser's, looked up when first needed. */
export function makeFormatters(locale: Locale, timeZone: string | undefined, t: Messages): Formatters {
  const zone = once(() => timeZone ?? browserTimeZone());
  const full = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone() }));
  const short = once(() => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone() }));
  const rtf = once(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const ms = (value: string | number | Date) => new Date(value).getTime();
  return {
    get timeZone() {
      return zone();
    },
    dateTime: (value) => full().format(ms(value)),
    time: (value) => short().format(ms(value)),
    relative(value, now = Date.now()) {
      const diff = ms(value) - now;
      const abs = Math.abs(diff);
      if (abs < 45_000) return t.common.justNow;
      if (abs < HOUR) return rtf().format(Math.round(diff / MINUTE), 'minute');
      if (abs < DAY) return rtf().format(Math.round(diff / HOUR), 'hour');
      if (abs < 30 * DAY) return rtf().format(Math.round(diff / DAY), 'day');
      return full().format(ms(value)); // past a month a date says more than "5 months ago"
    },
    duration(seconds) {
      if (seconds == null || !Number.isFinite(seconds)) return t.common.none;
      const total = Math.round(seconds);
      return t.common.duration(Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60);
    },
  };
}
