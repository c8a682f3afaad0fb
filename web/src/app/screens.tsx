// Which component draws which route. A new screen replaces its placeholder here (docs/console.md).
// Each screen is its own chunk, loaded when first shown: the first page of a list draws without
// parsing every other screen first.
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../components/StateView';
import type { Route } from './routes';

const WelcomeScreen = lazy(() => import('../screens/auth/WelcomeScreen').then((m) => ({ default: m.WelcomeScreen })));
const IncidentScreen = lazy(() => import('../screens/incidents/IncidentScreen').then((m) => ({ default: m.IncidentScreen })));
const IncidentsScreen = lazy(() => import('../screens/incidents/IncidentsScreen').then((m) => ({ default: m.IncidentsScreen })));
const IntegrationsScreen = lazy(() =>
  import('../screens/integrations/IntegrationsScreen').then((m) => ({ default: m.IntegrationsScreen })),
);
const MonitorScreen = lazy(() => import('../screens/monitors/MonitorScreen').then((m) => ({ default: m.MonitorScreen })));
const MonitorsScreen = lazy(() => import('../screens/monitors/MonitorsScreen').then((m) => ({ default: m.MonitorsScreen })));
const NotFound = lazy(() => import('../screens/NotFound').then((m) => ({ default: m.NotFound })));
const NowScreen = lazy(() => import('../screens/now/NowScreen').then((m) => ({ default: m.NowScreen })));
const OnCallScreen = lazy(() => import('../screens/oncall/OnCallScreen').then((m) => ({ default: m.OnCallScreen })));
const ServiceScreen = lazy(() => import('../screens/services/ServiceScreen').then((m) => ({ default: m.ServiceScreen })));
const ServicesScreen = lazy(() => import('../screens/services/ServicesScreen').then((m) => ({ default: m.ServicesScreen })));
const SettingsScreen = lazy(() => import('../screens/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const StatusPageScreen = lazy(() => import('../screens/status/StatusPageScreen').then((m) => ({ default: m.StatusPageScreen })));
const StatusPagesScreen = lazy(() => import('../screens/status/StatusPagesScreen').then((m) => ({ default: m.StatusPagesScreen })));

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
