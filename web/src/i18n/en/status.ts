import type { Messages } from '../messages';

export const status: Messages['status'] = {
  incident: { triggered: 'Triggered', acknowledged: 'Acknowledged', mitigated: 'Mitigated', resolved: 'Resolved' },
  monitor: { up: 'Up', degraded: 'Degraded', down: 'Down', pending: 'Pending', paused: 'Paused' },
  unknown: (value) => `Unknown status (${value})`,
};

export const placeholders: Messages['placeholders'] = {
  soon: 'This screen is being built.',
  incidents: 'Incidents',
  incident: (n) => `Incident #${n}`,
  services: 'Service catalog',
  service: (id) => `Service ${id}`,
  monitors: 'Monitors',
  monitor: 'Monitor',
  oncall: 'On call',
  integrations: 'Integrations',
  settings: 'Settings',
};
