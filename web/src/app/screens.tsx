// Which component draws which route. A new screen replaces its placeholder here (docs/console.md).
// Each screen is its own chunk, loaded when first shown: the first page of a list draws without
// parsing every other screen first.
import { Suspense, type ComponentType, type ReactNode } from 'react';
import { Loading } from '../components/StateView';
import type { Route } from './routes';
import { SCREEN_CHUNKS as load } from './screen-chunks';

/**
 * A screen loaded with its chunk. Unlike `React.lazy`, a screen whose component this has already
 * loaded renders at once instead of suspending (React holds back what a suspended boundary reveals
 * for up to 300 ms; Preact, which the console runs on, does not). The first render of each screen
 * still suspends once, even when its chunk is already in (boot's `preloadScreenChunk` and the
 * server's page fetch it early): the module's promise settles a microtask later, which costs one
 * fallback render. A chunk that failed to load is tried again on the next render.
 */
function lazyScreen<P extends object>(loadComponent: () => Promise<ComponentType<P>>) {
  let component: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= loadComponent().then(
      (loaded) => (component = loaded),
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    ));
  function Screen(props: P) {
    // Suspends the way Suspense has always understood: by throwing the promise it waits for.
    if (!component) throw preload();
    const Loaded = component;
    return <Loaded {...props} />;
  }
  return Screen;
}

const WelcomeScreen = lazyScreen(() => load.welcome().then((m) => m.WelcomeScreen));
const IncidentScreen = lazyScreen(() => load.incident().then((m) => m.IncidentScreen));
const IncidentsScreen = lazyScreen(() => load.incidents().then((m) => m.IncidentsScreen));
const IntegrationsScreen = lazyScreen(() => load.integrations().then((m) => m.IntegrationsScreen));
const MonitorScreen = lazyScreen(() => load.monitor().then((m) => m.MonitorScreen));
const MonitorsScreen = lazyScreen(() => load.monitors().then((m) => m.MonitorsScreen));
const NotFound = lazyScreen(() => load.notFound().then((m) => m.NotFound));
const NowScreen = lazyScreen(() => load.now().then((m) => m.NowScreen));
const OnCallScreen = lazyScreen(() => load.oncall().then((m) => m.OnCallScreen));
const ReportsScreen = lazyScreen(() => load.reports().then((m) => m.ReportsScreen));
const ServiceScreen = lazyScreen(() => load.service().then((m) => m.ServiceScreen));
const ServicesScreen = lazyScreen(() => load.services().then((m) => m.ServicesScreen));
const SettingsScreen = lazyScreen(() => load.settings().then((m) => m.SettingsScreen));
const StatusPageScreen = lazyScreen(() => load.statusPage().then((m) => m.StatusPageScreen));
const StatusPagesScreen = lazyScreen(() => load.statusPages().then((m) => m.StatusPagesScreen));

/** The signed-in screens (sign-in itself is drawn outside the shell). */
export function screenFor(route: Exclude<Route, { name: 'login' }>): ReactNode {
  return <Suspense fallback={<Loading />}>{screenOf(route)}</Suspense>;
}

function screenOf(route: Exclude<Route, { name: 'login' }>): ReactNode {
  switch (route.name) {
    case 'now':
      return <NowScreen />;
    case 'incidents':
      return <IncidentsScreen />;
    case 'incident':
      return <IncidentScreen number={route.number} />;
    case 'services':
      return <ServicesScreen />;
    case 'service':
      return <ServiceScreen id={route.id} />;
    case 'monitors':
      return <MonitorsScreen />;
    case 'monitor':
      return <MonitorScreen id={route.id} />;
    case 'oncall':
      return <OnCallScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'integrations':
      return <IntegrationsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'statusPages':
      return <StatusPagesScreen />;
    case 'statusPage':
      return <StatusPageScreen id={route.id} />;
    case 'welcome':
      return <WelcomeScreen />;
    case 'notFound':
      return <NotFound path={route.path} />;
  }
}
