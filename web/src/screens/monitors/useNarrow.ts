import { useSyncExternalStore } from 'react';

// The same breakpoint as the shell's folding menu (styles/layout.css).
const QUERY = '(max-width: 760px)';

function subscribe(notify: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', notify);
  return () => list.removeEventListener('change', notify);
}

/** True on a phone-sized window; rows switch to their two-line layout (and height) with it. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}
