// The list's filters live in the query string (`?status=open&level=1&q=…`), so a filtered list
// survives a reload and can be shared. Times are ISO instants there; the form shows them in the
// reader's zone.
import type { IncidentFilter } from '../../api/incidents';
import type { IncidentDetail } from '../../api/types';

export const FILTER_KEYS = ['status', 'level', 'service', 'q', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type ListFilter = Record<FilterKey, string>;

export function readFilter(search: string): ListFilter {
  const params = new URLSearchParams(search);
  const out = {} as ListFilter;
  for (const key of FILTER_KEYS) out[key] = params.get(key)?.trim() ?? '';
  return out;
}

/** `?a=b…` in a fixed order (one address per filter), or '' for no filter. */
export function filterSearch(filter: ListFilter): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filter[key]) params.set(key, filter[key]);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const hasFilter = (filter: ListFilter) => FILTER_KEYS.some((key) => filter[key] !== '');

/** Rows per API page of the list. */
export const PAGE_SIZE = 50;

/** The query of the list's first page for an address's query string (also requested early: src/app/boot.ts). */
export function firstPageQuery(locationSearch: string): IncidentFilter & { limit: number } {
  return { ...apiFilter(readFilter(filterSearch(readFilter(locationSearch)))), limit: PAGE_SIZE };
}

export function apiFilter(filter: ListFilter): IncidentFilter {
  const out: IncidentFilter = {};
  for (const key of FILTER_KEYS) if (filter[key]) out[key] = filter[key];
  return out;
}

/** For a live change to an incident further down the list: does it still belong in it? */
export function stillMatches(incident: IncidentDetail, filter: ListFilter): boolean {
  const statuses = filter.status.split(',').flatMap((s) => (s === 'open' ? ['triggered', 'acknowledged', 'mitigated'] : [s]));
  if (filter.status && !statuses.includes(incident.status)) return false;
  if (filter.level && !filter.level.split(',').includes(String(incident.level))) return false;
  if (filter.service && !incident.services.includes(filter.service)) return false;
  return true;
}
