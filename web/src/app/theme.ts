// Light or dark: the system's preference until the person picks one, then their pick (kept in this
// browser). The resolved theme is always written to <html data-theme>, so CSS has one dark block.
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'fenghuo.theme';
const media = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

let theme: Theme = 'light';

function apply(next: Theme): void {
  theme = next;
  document.documentElement.dataset.theme = next;
  for (const notify of listeners) notify();
}

/** Called once before the first render, so the first paint already has the right colours. */
export function initTheme(): void {
  apply(stored() ?? (media().matches ? 'dark' : 'light'));
  media().addEventListener('change', (event) => {
    if (!stored()) apply(event.matches ? 'dark' : 'light');
  });
}

export function setTheme(next: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // kept for this page only
  }
  apply(next);
}

export function useTheme(): Theme {
  return useSyncExternalStore(
    (notify) => {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
    () => theme,
  );
}
