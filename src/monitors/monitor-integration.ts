import type { Deps } from '../operations/context.js';
import { builtInIntegration } from '../operations/integrations/built-in-integration.js';
import type { StoredIntegration } from '../store/integrations-repo.js';

/**
 * The integration that Fenghuo's own monitors and probe agents report through, created on first
 * use. It routes by the signal's service (each monitor belongs to one); its alerts for one service
 * within 10 minutes join one incident.
 */
export function monitorIntegration(deps: Deps): Promise<StoredIntegration> {
  return builtInIntegration(deps, {
    setting: 'monitors.integration',
    name: 'Synthetic monitors',
    kind: 'monitor',
    settings: { groupingWindowMinutes: 10 },
  });
}
