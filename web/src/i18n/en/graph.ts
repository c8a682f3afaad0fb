import type { Messages } from '../messages';

export const graph: Messages['graph'] = {
  title: 'Dependency graph',
  kinds: { facility: 'Facilities', vendor: 'Vendors', infrastructure: 'Infrastructure', business: 'Business' },
  impacts: {
    outage: 'outage',
    degraded: 'degraded',
    data_leak: 'data leak',
    security_attack: 'security attack',
    vulnerability: 'vulnerability',
    complaint: 'complaints',
    incorrect_results: 'incorrect results',
    reached: 'affected through a dependency',
  },
  summary: (total, affected) =>
    affected > 0
      ? `${total} ${total === 1 ? 'service' : 'services'}, ${affected} affected`
      : `${total} ${total === 1 ? 'service' : 'services'}`,
  showList: 'Show as a list',
  listLabel: 'Services and their dependencies (list)',
  dependsOn: (names) => `depends on ${names}`,
  noDependencies: 'depends on no other service',
  affected: (impact) => `affected: ${impact}`,
  empty: 'The catalog has no services yet.',
};
