// A history-API router: the URL is the state, <Link> renders a real <a href> (open in a new tab,
// copy link) and only same-tab plain clicks are handled here.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { parseRoute, pathOf, type Route } from './routes';

interface Location {
  pathname: string;
  search: string;
}

export interface Router {
  route: Route;
  location: Location;
  /** Goes to a route or to a path of ours (with its query string); `replace` keeps history clean for redirects. */
  navigate(to: Route | string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<Router | null>(null);

const current = (): Location => ({ pathname: window.location.pathname, search: window.location.search });

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);

  useEffect(() => {
    const onPop = () => setLocation(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: Route | string, options?: { replace?: boolean }) => {
    const href = typeof to === 'string' ? to : pathOf(to);
    if (href === window.location.pathname + window.location.search) return;
    if (options?.replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
    setLocation(current());
  }, []);

  const value = useMemo<Router>(
    () => ({ route: parseRoute(location.pathname, location.search), location, navigate }),
    [location, navigate],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside <RouterProvider>');
  return value;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: Route; children: ReactNode };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const href = pathOf(to);
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const plain = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (event.defaultPrevented || !plain || rest.target) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...rest} href={href} onClick={handleClick} />;
}
