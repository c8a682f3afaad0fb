// Every screen's address, typed: links are built from a Route, never from a hand-written string, so a
// renamed path or a missing parameter is a compile error.
export type Route =
  | { name: 'now' }
  | { name: 'incidents' }
  | { name: 'incident'; number: number }
  | { name: 'services' }
  | { name: 'service'; id: string }
  | { name: 'monitors' }
  | { name: 'monitor'; id: string }
  | { name: 'oncall' }
  | { name: 'reports' }
  | { name: 'integrations' }
  | { name: 'settings' }
  | { name: 'statusPages' }
  | { name: 'statusPage'; id: string }
  | { name: 'login'; next?: string }
  | { name: 'welcome' }
  | { name: 'notFound'; path: string };

export type RouteName = Route['name'];

const seg = (value: string) => encodeURIComponent(value);

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'now':
      return '/';
    case 'incident':
      return `/incidents/${route.number}`;
    case 'service':
      return `/services/${seg(route.id)}`;
    case 'monitor':
      return `/monitors/${seg(route.id)}`;
    case 'statusPages':
      return '/status-pages';
    case 'statusPage':
      return `/status-pages/${seg(route.id)}`;
    case 'login':
      return route.next && route.next !== '/' ? `/login?next=${encodeURIComponent(route.next)}` : '/login';
    case 'notFound':
      return route.path;
    case 'incidents':
    case 'services':
    case 'monitors':
    case 'oncall':
    case 'reports':
    case 'integrations':
    case 'settings':
    case 'welcome':
      return `/${route.name}`;
  }
}

const SIMPLE: Record<string, Route> = {
  '/': { name: 'now' },
  '/incidents': { name: 'incidents' },
  '/services': { name: 'services' },
  '/monitors': { name: 'monitors' },
  '/oncall': { name: 'oncall' },
  '/reports': { name: 'reports' },
  '/integrations': { name: 'integrations' },
  '/settings': { name: 'settings' },
  '/status-pages': { name: 'statusPages' },
  '/welcome': { name: 'welcome' },
};

/** Only our own paths are followed after sign-in (`?next=//evil.example` must not leave the site). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const simple = SIMPLE[path];
  if (simple) return simple;
  if (path === '/login') {
    const next = new URLSearchParams(search).get('next');
    return next ? { name: 'login', next: safeNext(next) } : { name: 'login' };
  }
  const match = /^\/(incidents|services|monitors|status-pages)\/([^/]+)$/.exec(path);
  if (match?.[1] && match[2]) {
    const param = decodeURIComponent(match[2]);
    if (match[1] === 'incidents' && /^\d{1,15}$/.test(param)) return { name: 'incident', number: Number(param) };
    if (match[1] === 'services') return { name: 'service', id: param };
    if (match[1] === 'monitors') return { name: 'monitor', id: param };
    if (match[1] === 'status-pages') return { name: 'statusPage', id: param };
  }
  return { name: 'notFound', path: pathname };
}
