// What the console asks for before React has drawn anything. The session (/auth/me), the chunk of
// the screen in the address bar and that screen's first page all start while the main bundle is
// still starting, instead of one after another (me → draw the shell → load the chunk → draw the
// screen → ask for its rows). The screens ask as usual and are given these answers
// (requestEarly in src/api/client.ts); anything not asked for is dropped.
import { requestEarly, type Query } from '../api/client';
import { firstMonitorQueries } from '../api/monitors';
import { SERVICE_PAGE } from '../api/services';
import { firstPageQuery } from '../screens/incidents/filter';
import { parseRoute } from './routes';
import { preloadScreenChunk } from './screen-chunks';

/** The GETs a list screen makes first, by route (the screens use the same query builders). */
const FIRST_REQUESTS: Partial<Record<string, (search: string) => Array<[string, Query]>>> = {
  incidents: (search) => [
    ['/incidents', { ...firstPageQuery(search) }],
    ['/services', { limit: SERVICE_PAGE }],
  ],
  monitors: () => firstMonitorQueries(null).map((query) => ['/monitors', { ...query }]),
};

export function startEarly(location: { pathname: string; search: string }): void {
  requestEarly('/auth/me');
  const route = parseRoute(location.pathname, location.search);
  if (route.name === 'login') return;
  preloadScreenChunk(route);
  for (const [path, query] of FIRST_REQUESTS[route.name]?.(location.search) ?? []) requestEarly(path, query);
}
