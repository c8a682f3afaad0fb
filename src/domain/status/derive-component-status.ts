import type { AffectedService } from '../grading/facts.js';
import type { ImpactType, Level } from '../grading/policy.js';
import type { IncidentStatus } from '../incident/state-machine.js';
import type { MonitorState } from '../monitors/verdict.js';
import { worseStatus, type ComponentStatus } from './snapshot.js';

/**
 * How a component's public status is derived. Graver wins (`worseStatus`), except the manual
 * override, which wins outright.
 *
 * An internal incident on one of the component's services maps its impact on that service and its
 * level as follows:
 *
 * | impact on the service               | level 1–2        | level 3–4        |
 * |-------------------------------------|------------------|------------------|
 * | `outage`                            | `major_outage`   | `partial_outage` |
 * | `degraded`, `incorrect_results`     | `degraded_performance` (any level)  |
 * | anything else (`data_leak`, …)      | `operational` (not visible as availability) |
 *
 * - `mitigated` incidents count as `degraded_performance` at most; resolved ones not at all.
 * - Drills and suppressed incidents (silenced, in a maintenance window, flapping) never count.
 * - A service the incident reaches only through the catalog (a dependent of a directly affected
 *   service) carries the gravest of the incident's direct impacts: the store keeps which services
 *   were reached, not by which impact, and only failure impacts propagate under the default policy.
 *
 * A monitor mapped to the component gives its current state:
 *
 * | monitor state                      | status                 |
 * |------------------------------------|------------------------|
 * | `down`                             | `major_outage`         |
 * | `degraded`                         | `degraded_performance` |
 * | `up`, `pending`, or paused         | `operational`          |
 *
 * A paused monitor counts as paused whatever state it kept; a deleted one is not read at all.
 *
 * Then: open public incidents' `component_status` for the component; maintenance in progress
 * (`under_maintenance`, which is lighter than any trouble); and last the override.
 */

/** What derivation may know of an internal incident: no title, no reasons, no people. */
export interface InternalIncidentImpact {
  status: IncidentStatus;
  level: Level;
  drill: boolean;
  /** Pages held back (silence, maintenance window, flapping). */
  suppressed: boolean;
  /** The direct impacts, per service. */
  affected: AffectedService[];
  /** Every service the incident reaches: the direct ones and their dependents. */
  services: string[];
  startedAt: number;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

/** What derivation reads of a monitor mapped to a component. */
export interface MappedMonitor {
  state: MonitorState;
  paused: boolean;
  /** Since when it has been in `state` (epoch ms). */
  stateSince: number;
}

export interface ComponentStatusInputs {
  serviceIds: readonly string[];
  /** The component's mapped monitors that still exist (none when omitted). */
  monitors?: readonly MappedMonitor[];
  /** Internal incidents touching any of the services (others are ignored anyway). */
  incidents: readonly InternalIncidentImpact[];
  /** What open public incidents show for this component. */
  publicStatuses: readonly ComponentStatus[];
  /** A maintenance of this component is in progress. */
  inMaintenance: boolean;
  override: ComponentStatus | null;
}

/** The status one impact at one level shows (the table above). */
export function impactStatus(impact: ImpactType, level: Level): ComponentStatus {
  switch (impact) {
    case 'outage':
      return level <= 2 ? 'major_outage' : 'partial_outage';
    case 'degraded':
    case 'incorrect_results':
      return 'degraded_performance';
    default:
      return 'operational';
  }
}

/** The status a mapped monitor gives its component now (the monitor table above). */
export function monitorStatus(monitor: Pick<MappedMonitor, 'state' | 'paused'>): ComponentStatus {
  if (monitor.paused) return 'operational';
  switch (monitor.state) {
    case 'down':
      return 'major_outage';
    case 'degraded':
      return 'degraded_performance';
    default:
      return 'operational';
  }
}

/** `status`, lowered to `cap` when it is graver. */
export function atMost(status: ComponentStatus, cap: ComponentStatus): ComponentStatus {
  return worseStatus(status, cap) === cap ? status : cap;
}

/** Whether an incident may show on a status page at all (no drills, nothing suppressed). */
export function countsPublicly(incident: Pick<InternalIncidentImpact, 'drill' | 'suppressed'>): boolean {
  return !incident.drill && !incident.suppressed;
}

/** The gravest status an incident's impact gives these services, regardless of its lifecycle. */
export function impactOnServices(incident: InternalIncidentImpact, serviceIds: readonly string[]): ComponentStatus {
  const wanted = new Set(serviceIds);
  const direct = new Set(incident.affected.map((a) => a.service));
  let status: ComponentStatus = 'operational';
  for (const a of incident.affected) {
    if (wanted.has(a.service)) status = worseStatus(status, impactStatus(a.impact, incident.level));
  }
  if (incident.services.some((s) => wanted.has(s) && !direct.has(s))) {
    for (const a of incident.affected) status = worseStatus(status, impactStatus(a.impact, incident.level));
  }
  return status;
}

/** The status an internal incident gives these services now: none once resolved, degraded at most once mitigated. */
export function incidentStatusNow(incident: InternalIncidentImpact, serviceIds: readonly string[]): ComponentStatus {
  if (!countsPublicly(incident)) return 'operational';
  switch (incident.status) {
    case 'resolved':
      return 'operational';
    case 'mitigated':
      return atMost(impactOnServices(incident, serviceIds), 'degraded_performance');
    case 'triggered':
    case 'acknowledged':
      return impactOnServices(incident, serviceIds);
  }
}

/** A component's status now: incidents, monitors, public posts and maintenance, graver wins; the override wins outright. */
export function deriveComponentStatus(inputs: ComponentStatusInputs): ComponentStatus {
  if (inputs.override !== null) return inputs.override;
  let status: ComponentStatus = inputs.inMaintenance ? 'under_maintenance' : 'operational';
  for (const incident of inputs.incidents) status = worseStatus(status, incidentStatusNow(incident, inputs.serviceIds));
  for (const monitor of inputs.monitors ?? []) status = worseStatus(status, monitorStatus(monitor));
  for (const shown of inputs.publicStatuses) status = worseStatus(status, shown);
  return status;
}

/** The worst of several statuses (`operational` for none): a page's overall status. */
export function overallStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>((worst, s) => worseStatus(worst, s), 'operational');
}
