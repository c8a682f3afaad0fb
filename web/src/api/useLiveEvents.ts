import { useEffect, useRef, useSyncExternalStore } from 'react';
import { liveStatus, subscribeLive, subscribeLiveStatus, type LiveEvent, type LiveStatus } from './live';

/**
 * Calls `handler` for every live event (`incident`, `monitor`, and `resync` after a reconnect) while
 * the component is mounted. The handler may change every render; the subscription stays.
 */
export function useLiveEvents(handler: (event: LiveEvent) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => subscribeLive((event) => ref.current(event)), []);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribeLiveStatus, liveStatus, liveStatus);
}

/**
 * The usual way a screen stays live: reload a query when a matching event arrives (and after every
 * reconnect). Bursts (an alert storm) are coalesced into one reload per `delayMs`.
 */
export function useReloadOnLive(reload: () => void, matches: (event: LiveEvent) => boolean, delayMs = 300): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents((event) => {
    if (event.type !== 'resync' && !matches(event)) return;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      reload();
    }, delayMs);
  });
}
