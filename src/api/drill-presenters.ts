import type { DrillRunView } from '../operations/drills/read-drills.js';
import type { StoredActionItem } from '../store/action-items-repo.js';
import type { StoredDrill } from '../store/drills-repo.js';
import { actionItemJson } from './learn-presenters.js';
import { iso, isoOrNull } from './presenters.js';

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

export function drillJson(d: StoredDrill) {
  return {
    id: d.id,
    name: d.name,
    scenario: d.scenario,
    hypothesis: d.hypothesis,
    blastRadius: d.blastRadius,
    participants: d.participants,
    schedule: d.schedule === null ? null : 'at' in d.schedule ? { at: iso(d.schedule.at) } : d.schedule,
    status: d.status,
    nextRunAt: isoOrNull(d.nextRunAt),
    version: d.version,
    createdBy: d.createdBy,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

export function drillRunJson(
  { run, measurement: m, incidents }: DrillRunView,
  actionItems?: { items: StoredActionItem[]; names: Map<string, string>; now: number },
) {
  return {
    id: run.id,
    drillId: run.drillId,
    name: run.snapshot.name,
    scenario: run.snapshot.scenario,
    hypothesis: run.snapshot.hypothesis,
    startedVia: run.startedVia,
    startedBy: run.startedBy,
    startedAt: iso(run.startedAt),
    injectedAt: isoOrNull(run.injectedAt),
    recoverRequestedAt: isoOrNull(run.recoverRequestedAt),
    endedAt: isoOrNull(run.endedAt),
    incidents: incidents.map((i) => ({ id: i.id, number: i.number, title: i.title, status: i.status, level: i.level, drill: i.drill })),
    detectSeconds: seconds(m.detectMs),
    acknowledgeSeconds: seconds(m.acknowledgeMs),
    mitigateSeconds: seconds(m.mitigateMs),
    recoverSeconds: seconds(m.recoverMs),
    services: m.services.map((s) => ({
      serviceId: s.serviceId,
      rtoMinutes: s.rtoMinutes,
      recoverSeconds: seconds(s.recoverMs),
      verdict: s.verdict,
    })),
    verdict: m.verdict,
    findings: run.findings,
    version: run.version,
    updatedAt: iso(run.updatedAt),
    ...(actionItems ? { actionItems: actionItems.items.map((i) => actionItemJson(i, actionItems.names, actionItems.now)) } : {}),
  };
}
