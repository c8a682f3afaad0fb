// The incident list: the API's first keyset page, then "load more" pages by cursor (never an offset,
// so page 1,000 costs what page 1 costs, and nothing is filtered here). Live: a change reloads the
// first page and merges it in; a change to an incident further down refetches just that incident.
import { useCallback, useEffect, useRef, useState } from 'react';
import { getIncident, listIncidents } from '../../api/incidents';
import type { IncidentDetail, Page } from '../../api/types';
import { useLiveEvents, useReloadOnLive } from '../../api/useLiveEvents';
import { apiFilter, firstPageQuery, PAGE_SIZE, readFilter, stillMatches } from './filter';

interface ListState {
  key: string | null;
  items: IncidentDetail[];
  /** Where the next page starts; null at the end. */
  cursor: string | null;
  /** The lowest number the last first-page load covered: rows below it came from "load more". */
  firstPageFloor: number;
  error: unknown;
}

export interface IncidentList {
  items: IncidentDetail[] | undefined;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  loadMore(): void;
  reload(): void;
}

const byNewest = (a: IncidentDetail, b: IncidentDetail) => b.number - a.number;

function mergeFirstPage(state: ListState, key: string, page: Page<IncidentDetail>): ListState {
  const floor = page.nextCursor ? (page.items.at(-1)?.number ?? 0) : -Infinity;
  if (state.key !== key) return { key, items: page.items, cursor: page.nextCursor, firstPageFloor: floor, error: undefined };
  // Rows the new first page covers are replaced by it (gone from it: no longer matching); rows
  // beyond it, loaded with "load more", stay, and so does the cursor after them.
  const tail = state.items.filter((i) => i.number < floor);
  const seen = new Set(page.items.map((i) => i.id));
  const items = [...page.items, ...tail.filter((i) => !seen.has(i.id))].sort(byNewest);
  return { key, items, cursor: tail.length ? state.cursor : page.nextCursor, firstPageFloor: floor, error: undefined };
}

export function useIncidentList(search: string): IncidentList {
  const [state, setState] = useState<ListState>({ key: null, items: [], cursor: null, firstPageFloor: 0, error: undefined });
  const [generation, setGeneration] = useState(0);
  // "Load more" belongs to one filter: its state is dropped when the filter changes.
  const [more, setMore] = useState<{ key: string; busy: boolean; error: unknown }>({ key: search, busy: false, error: undefined });
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  });

  useEffect(() => {
    const controller = new AbortController();
    listIncidents(firstPageQuery(search), controller.signal).then(
      (page) => setState((s) => mergeFirstPage(s, search, page)),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => (s.key === search ? { ...s, error } : { key: search, items: [], cursor: null, firstPageFloor: 0, error }));
      },
    );
    return () => controller.abort();
  }, [search, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const isTail = (number: number) =>
    current.current.key === search && current.current.items.some((i) => i.number === number) && number < current.current.firstPageFloor;

  // New incidents and changes near the top: reload the first page (bursts coalesce).
  useReloadOnLive(reload, (event) => event.type === 'incident' && !isTail(event.incident.number));
  // A change further down: fetch that one incident and put it in place (or drop it if it left the filter).
  useLiveEvents((event) => {
    if (event.type !== 'incident' || !isTail(event.incident.number)) return;
    getIncident(event.incident.id).then(
      (fresh) =>
        setState((s) => {
          if (s.key !== search) return s;
          const keep = stillMatches(fresh, readFilter(search));
          return { ...s, items: s.items.flatMap((i) => (i.id !== fresh.id ? [i] : keep ? [fresh] : [])) };
        }),
      () => undefined, // the row keeps what it showed; the next reload corrects it
    );
  });

  const loadMore = useCallback(() => {
    const { key, cursor } = current.current;
    if (key !== search || !cursor) return;
    setMore({ key: search, busy: true, error: undefined });
    listIncidents({ ...apiFilter(readFilter(search)), limit: PAGE_SIZE, cursor }).then(
      (page) => {
        setState((s) => {
          if (s.key !== search || s.cursor !== cursor) return s;
          const seen = new Set(s.items.map((i) => i.id));
          return { ...s, items: [...s.items, ...page.items.filter((i) => !seen.has(i.id))], cursor: page.nextCursor };
        });
        setMore({ key: search, busy: false, error: undefined });
      },
      (error: unknown) => setMore({ key: search, busy: false, error }),
    );
  }, [search]);

  const ready = state.key === search;
  return {
    items: ready && state.error === undefined ? state.items : ready && state.items.length ? state.items : undefined,
    error: ready ? state.error : undefined,
    hasMore: ready && state.cursor !== null,
    loadingMore: more.key === search && more.busy,
    moreError: more.key === search ? more.error : undefined,
    loadMore,
    reload,
  };
}
