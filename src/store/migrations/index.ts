import type { Migration, MigrationProvider } from 'kysely';
import { incidentCore } from './0001-incident-core.js';
import { signals } from './0002-signals.js';
import { respond } from './0003-respond.js';
import { statusPages } from './0004-status-pages.js';
import { monitors } from './0005-monitors.js';
import { consoleSupport } from './0006-console.js';
import { reports } from './0007-reports.js';
import { postmortems } from './0008-postmortems.js';
import { slos } from './0009-slos.js';
import { drills } from './0010-drills.js';
import { reminderNotifications } from './0011-reminder-notifications.js';
import { closedAlertKeys } from './0012-closed-alert-keys.js';

/** Migrations live in code so the built output carries them; names sort in apply order. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-incident-core': incidentCore,
  '0002-signals': signals,
  '0003-respond': respond,
  '0004-status-pages': statusPages,
  '0005-monitors': monitors,
  '0006-console': consoleSupport,
  '0007-reports': reports,
  '0008-postmortems': postmortems,
  '0009-slos': slos,
  '0010-drills': drills,
  '0011-reminder-notifications': reminderNotifications,
  '0012-closed-alert-keys': closedAlertKeys,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
