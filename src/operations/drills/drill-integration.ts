import type { StoredIntegration } from '../../store/integrations-repo.js';
import type { Deps } from '../context.js';
import { builtInIntegration } from '../integrations/built-in-integration.js';

/**
 * The integration drills inject their failures through, created on first use, as the synthetic
 * monitors have theirs: drill alerts are ordinary alerts of an ordinary integration (its settings —
 * grouping window, auto-resolve — can be changed like any other's), so grading, correlation and
 * paging are the real ones.
 */
export function drillIntegration(deps: Deps): Promise<StoredIntegration> {
  return builtInIntegration(deps, { setting: 'drills.integration', name: 'Drills', kind: 'drill' });
}
