// Which component draws which route. A new screen replaces its placeholder here (docs/console.md).
// Each screen is its own chunk, loaded when first shown: the first page of a list draws without
// parsing every other screen first.
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../components/StateView';
import type { Route } from './routes';

// One importer per screen chunk: the lazy components use them, and so does `preloadScreen`.
const load = {
  welcome: () => import('../screens/auth/WelcomeScreen'),
  incident: () => import('../screens/incidents/IncidentScreen'),
  incidents: () => import('../screens/incidents/IncidentsScreen'),
  integrations: () => import('../screens/integrations/IntegrationsScreen'),
  monitor: () => import('../screens/monitors/MonitorScreen'),
  monitors: () => import('../screens/monitors/MonitorsScreen'),
  notFound: () => import('../screens/NotFound'),
  now: () => import('../screens/now/NowScreen'),
  oncall: () => import('../screens/oncall/OnCallScreen'),
  reports: () => import('../screens/reports/ReportsScreen'),
  service: () => import('../screens/services/ServiceScreen'),
  services: () => import('../screens/services/ServicesScreen'),
  settings: () => import('../screens/settings/SettingsScreen'),
  statusPage: () => import('../screens/status/StatusPageScreen'),
  statusPages: () => import('../screens/status/StatusPagesScreen'),
} satisfies Record<Exclude<Route['name'], 'login'>, () => Promise<unknown>>;

/** Starts loading a route's chunk (the browser keeps the module: the lazy component finds it there). */
export function preloadScreen(route: Route): void {
  if (route.name !== 'login') load[route.name]().catch(() => undefined); // the lazy component reports it
}

const WelcomeScreen = lazy(() => load.welcome().then((m) => ({ default: m.WelcomeScreen })));
const IncidentScreen = lazy(() => load.incident().then((m) => ({ default: m.IncidentScreen })));
const IncidentsScreen = lazy(() => load.incidents().then((m) => ({ default: m.IncidentsScreen })));
const IntegrationsScreen = lazy(() => load.integrations().then((m) => ({ default: m.IntegrationsScreen })));
const MonitorScreen = lazy(() => load.monitor().then((m) => ({ default: m.MonitorScreen })));
const MonitorsScreen = lazy(() => load.monitors().then((m) => ({ default: m.MonitorsScreen })));
const NotFound = lazy(() => load.notFound().then((m) => ({ default: m.NotFound })));
const NowScreen = lazy(() => load.now().then((m) => ({ default: m.NowScreen })));
const OnCallScreen = lazy(() => load.oncall().then((m) => ({ default: m.OnCallScreen })));
const ReportsScreen = lazy(() => load.reports().then((m) => ({ default: m.ReportsScreen })));
const ServiceScreen = lazy(() => load.service().then((m) => ({ default: m.ServiceScreen })));
const ServicesScreen = lazy(() => load.services().then((m) => ({ default: m.ServicesScreen })));
const SettingsScreen = lazy(() => load.settings().then((m) => ({ default: m.SettingsScreen })));
const StatusPageScreen = lazy(() => load.statusPage().then((m) => ({ default: m.StatusPageScreen })));
const StatusPagesScreen = lazy(() => load.statusPages().then((m) => ({ default: m.StatusPagesScreen })));

/** The signed-in screens (sign-in itself is drawn outside the shell). */
export function screenFor(route: Exclude<Route, { name: 'login' }>): ReactNode {
  return <Suspense fallback={<Loading />}>{screen(route)}</Suspense>;
}

function screen(route: Exclude<Route, { name: 'login' }>): ReactNode {
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
