import type { Messages } from '../messages';

export const now: Messages['now'] = {
  title: 'Now',
  firstRunBanner: 'This is a new installation.',
  firstRunLink: 'See the first steps',
  incidents: {
    title: 'Open incidents',
    empty: 'No open incidents.',
    count: (n) => (n === 1 ? '1 incident' : `${n} incidents`),
    more: 'Only the newest 200 are shown.',
    all: 'All incidents',
    drill: 'drill',
    services: 'Services',
  },
  oncall: {
    title: 'On call now',
    empty: 'No schedules yet.',
    nobody: 'Nobody is on call',
    until: (time) => `until ${time}`,
    override: 'override',
    someone: (id) => `user ${id}`,
  },
  monitors: {
    title: 'Monitors down',
    empty: 'Every monitor is up.',
    since: (time) => `since ${time}`,
  },
  metrics: {
    title: 'Last 30 days',
    mtta: 'Mean time to acknowledge (MTTA)',
    mttr: 'Mean time to resolve (MTTR)',
    count: 'Incidents',
    unavailable: 'Figures are not available yet.',
  },
};
