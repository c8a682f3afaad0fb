import type { Signal } from '../signals/signal.js';
import type { ScenarioComponent } from './drill.js';

/** What a run's signals say about where they come from. */
export interface DrillSignalSource {
  drillId: string;
  drillName: string;
  runId: string;
  hypothesis: string | null;
}

/**
 * The signals a run injects: one per failing component, marked `drill`, keyed by run and
 * component (so a repeat of the injection, after a crash, is deduplicated, and runs never share
 * an alert). `trigger` starts the failure; `resolve` lifts it.
 */
export function drillSignals(
  source: DrillSignalSource,
  scenario: readonly ScenarioComponent[],
  names: ReadonlyMap<string, string>,
  action: 'trigger' | 'resolve',
): Signal[] {
  return scenario.map((c) => {
    const name = names.get(c.serviceId) ?? c.serviceId;
    return {
      dedupKey: `drill:${source.runId}:${c.serviceId}`,
      action,
      summary: (action === 'trigger' ? `${source.drillName}: ${name} ${c.impact}` : `${source.drillName}: ${name} recovered`).slice(
        0,
        1024,
      ),
      source: 'fenghuo-drill',
      severity: null,
      impact: c.impact,
      service: c.serviceId,
      facility: null,
      labels: { drill: source.drillName.slice(0, 1024), drill_id: source.drillId, drill_run_id: source.runId },
      details: { drillId: source.drillId, runId: source.runId, hypothesis: source.hypothesis },
      usersAffectedPct: null,
      recordsExposed: null,
      occurredAt: null,
      links: [],
      drill: true,
    };
  });
}
