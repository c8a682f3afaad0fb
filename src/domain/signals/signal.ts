import type { ImpactType } from '../grading/policy.js';

export const INTEGRATION_KINDS = ['alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'webhook', 'heartbeat'] as const;
/**
 * `monitor`: the one integration Fenghuo's own synthetic monitors report through; `drill`: the one
 * drills inject their failures through (neither is created by hand).
 */
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number] | 'monitor' | 'drill';

export type SignalAction = 'trigger' | 'acknowledge' | 'resolve';

/**
 * One alert event, whatever sent it: every inbound adapter turns its payload into these.
 * Routing (which service), severity → impact and dedup happen after normalisation.
 */
export interface Signal {
  /** Stable identity of the alert within its integration (never derived from the summary). */
  dedupKey: string;
  action: SignalAction;
  /** One line for humans, at most 1024 characters. */
  summary: string;
  /** Where it came from (host, component, generator), if the sender says. */
  source: string | null;
  /** The sender's severity/priority, lower-cased as sent (`critical`, `warning`, `p1`, `sev1`…). */
  severity: string | null;
  /** An explicit impact type, when the payload carries one (label/field `impact`). */
  impact: ImpactType | null;
  /** An explicit service id, when the payload names one (label `service`). */
  service: string | null;
  /** A facility id from a `datacenter`/`facility` label. */
  facility: string | null;
  /** Flat string labels (Alertmanager labels, PD custom details flattened one level, tags…). */
  labels: Record<string, string>;
  /** Anything else worth keeping (annotations, custom details), JSON-serialisable. */
  details: Record<string, unknown> | null;
  /** Impact facts carried by the payload (`users_affected_pct`, `records_exposed`). */
  usersAffectedPct: number | null;
  recordsExposed: number | null;
  /** When the sender says it started (epoch ms), if it does. */
  occurredAt: number | null;
  links: Array<{ href: string; text: string | null }>;
  /**
   * A rehearsal, not a failure: only drills set it (no adapter does). Its incident is a drill
   * incident, and drill and real alerts never share an incident.
   */
  drill?: true;
}

/** What an adapter returns: the signals, or the reasons the payload is invalid. */
export type ParseResult = { ok: true; signals: Signal[] } | { ok: false; errors: string[] };

export const MAX_SUMMARY_LENGTH = 1024;
export const MAX_LABELS = 64;
export const MAX_LABEL_VALUE_LENGTH = 1024;
