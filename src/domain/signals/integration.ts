import type { ImpactType } from '../grading/policy.js';
import type { IntegrationKind } from './signal.js';

/** How an integration turns its alerts into incidents; every field has a default. */
export interface IntegrationSettings {
  /** Severity hint → impact, over DEFAULT_SEVERITY_MAP. */
  severityMap: Record<string, ImpactType>;
  /** Resolve the incident when all its alerts have resolved. */
  autoResolve: boolean;
  /** Alerts for a service join its open incident if that incident saw activity this recently. */
  groupingWindowMinutes: number;
  /** Grafana: header that carries the HMAC-SHA256 signature (checked only when a secret is set). */
  signatureHeader: string;
  /** Grafana: optional header with the timestamp that is signed together with the body. */
  timestampHeader: string | null;
  /** Heartbeat integrations: expected interval and grace before a missed beat raises an alert. */
  heartbeat: { intervalSeconds: number; graceSeconds: number } | null;
  /** Opsgenie integrations: named heartbeats pinged at `/v2/heartbeats/{name}/ping`. */
  heartbeats: Array<{ name: string; intervalSeconds: number; graceSeconds: number }>;
}

export const DEFAULT_INTEGRATION_SETTINGS: IntegrationSettings = {
  severityMap: {},
  autoResolve: true,
  groupingWindowMinutes: 60,
  signatureHeader: 'x-grafana-alerting-signature',
  timestampHeader: null,
  heartbeat: null,
  heartbeats: [],
};

export interface Integration {
  id: string;
  name: string;
  kind: IntegrationKind;
  /** The bound service; null routes by the alert's `service`/`datacenter`/`facility` labels. */
  serviceId: string | null;
  settings: IntegrationSettings;
  /** Whether a signing secret is stored (the secret itself is never shown). */
  hasSecret: boolean;
  keyPrefix: string;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}
