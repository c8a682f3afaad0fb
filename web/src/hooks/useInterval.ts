import { useEffect, useRef } from 'react';

/** Calls `callback` every `ms` while mounted and the tab is visible (a hidden tab need not poll). */
export function useInterval(callback: () => void, ms: number): void {
  const ref = useRef(callback);
  useEffect(() => {
    ref.current = callback;
  });
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') ref.current();
    }, ms);
    return () => clearInterval(id);
  }, [ms]);
}
