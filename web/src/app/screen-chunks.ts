// Each screen is its own chunk, loaded when first shown. The importers live apart from the
// components (screens.tsx) so that the console's early start (boot.ts) can ask for a screen's chunk
// without evaluating the components, the dictionaries and the rest of the main bundle first.
import type { Route } from './routes';

// One importer per screen chunk.
export const SCREEN_CHUNKS = {
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

/** Starts loading a route's chunk (the browser shares one load between this and the screen's). */
export function preloadScreenChunk(route: Route): void {
  if (route.name !== 'login') SCREEN_CHUNKS[route.name]().catch(() => undefined); // the screen reports it when drawn
}
