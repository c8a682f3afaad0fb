// A small stand-in for a data-fetching library: loading / error / data / reload, with the previous
// data kept while reloading (live updates refetch without the screen flashing to a spinner).
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './errors';

export interface Query<T> {
  /** The last answer for this key (kept during a reload; undefined while a new key loads). */
  data: T | undefined;
  error: unknown;
  /** True while a request is in flight, including reloads that keep the old data on screen. */
  loading: boolean;
  reload(): void;
}

interface Settled<T> {
  key: string | null;
  generation: number;
  data: T | undefined;
  error: unknown;
}

/**
 * Runs `load` when `key` changes (a null key waits) and on `reload()`. Requests that are overtaken
 * or outlive the component are aborted, so a slow answer never overwrites a newer one.
 */
export function useQuery<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Query<T> {
  const [generation, setGeneration] = useState(0);
  // What the last finished request was for; "loading" is simply "that is not the current request".
  const [settled, setSettled] = useState<Settled<T>>({ key: null, generation: -1, data: undefined, error: undefined });
  // The latest `load` is used without making it a dependency: callers pass inline functions.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, generation, data, error: undefined });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setSettled((s) => ({ key, generation, data: s.key === key ? s.data : undefined, error }));
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const sameKey = settled.key === key;
  return {
    data: sameKey ? settled.data : undefined,
    error: sameKey ? settled.error : undefined,
    loading: key !== null && (!sameKey || settled.generation !== generation),
    reload,
  };
}
