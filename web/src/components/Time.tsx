import { useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/I18nProvider';

// One shared clock for every relative time on screen, ticking twice a minute.
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  // After a quiet spell the shared clock is stale; React re-reads it right after subscribing.
  if (timer === undefined) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, TICK_MS);
  return () => {
    listeners.delete(notify);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

interface TimeProps {
  value: string | number | Date;
  /** `relative` ("5 分钟前") shows the exact time on hover and to screen readers via `title`. */
  mode?: 'relative' | 'absolute' | 'time';
}

export function Time({ value, mode = 'relative' }: TimeProps) {
  const { fmt } = useI18n();
  const current = useNow();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{String(value)}</span>;
  const absolute = fmt.dateTime(date);
  const text = mode === 'relative' ? fmt.relative(date, current) : mode === 'time' ? fmt.time(date) : absolute;
  return (
    <time dateTime={date.toISOString()} title={`${absolute} (${fmt.timeZone})`}>
      {text}
    </time>
  );
}
