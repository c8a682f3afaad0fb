// The ingest bench's workload, shared by bench/ingest.ts (over HTTP) and bench/parse.ts (in process):
// the catalog, PagerDuty events, Alertmanager groups.

import { rng } from './harness.js';

export interface ServiceSpec {
  id: string;
  name: string;
  kind: 'business' | 'infrastructure' | 'facility';
  critical?: boolean;
  payment?: boolean;
  dependsOn: string[];
}

/** 50 services: 2 data centres, 6 infrastructure components on them, 42 business services on those. */
export function catalog(): ServiceSpec[] {
  const dcs = ['dc-east', 'dc-west'];
  const infra = ['mysql-main', 'mysql-ledger', 'redis-cache', 'redis-session', 'kafka', 'object-store'];
  const out: ServiceSpec[] = dcs.map((id) => ({ id, name: id, kind: 'facility', dependsOn: [] }));
  infra.forEach((id, i) => out.push({ id, name: id, kind: 'infrastructure', dependsOn: [dcs[i % 2] as string] }));
  for (let i = 1; i <= 42; i++) {
    const id = `svc-${String(i).padStart(2, '0')}`;
    const deps = [infra[i % infra.length] as string];
    if (i % 3 === 0) deps.push(infra[(i + 2) % infra.length] as string);
    if (i > 7 && i % 7 === 0) deps.push(`svc-${String(i - 6).padStart(2, '0')}`);
    out.push({ id, name: `Service ${i}`, kind: 'business', critical: i % 10 === 1, payment: i === 1, dependsOn: [...new Set(deps)] });
  }
  return out;
}
export const SERVICE_IDS = catalog().map((s) => s.id);

const PD_SEVERITIES = ['critical', 'error', 'error', 'warning', 'warning', 'warning', 'info'] as const;

/** Phase A bodies: new dedup keys spread over the services, and `repeatShare` repeats of the last 4096 keys. */
export function pagerDutyBodies(routingKey: string, tag: string, repeatShare: number, seed: number): () => string {
  const random = rng(seed);
  const recent: Array<{ key: string; service: string; severity: string }> = [];
  let n = 0;
  return () => {
    let event = recent.length > 0 && random() < repeatShare ? recent[Math.floor(random() * recent.length)] : undefined;
    if (!event) {
      n += 1;
      event = {
        key: `${tag}-${n.toString(36)}`,
        service: SERVICE_IDS[Math.floor(random() * SERVICE_IDS.length)] as string,
        severity: PD_SEVERITIES[Math.floor(random() * PD_SEVERITIES.length)] as string,
      };
      if (recent.length < 4096) recent.push(event);
      else recent[n % 4096] = event;
    }
    return JSON.stringify({
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: event.key,
      payload: {
        summary: `${event.service}: error rate above threshold (${event.key})`,
        source: `host-${n % 500}.bench.internal`,
        severity: event.severity,
        component: event.service,
        custom_details: { service: event.service, region: 'bench-1' },
      },
    });
  };
}

interface BenchAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
}

const STARTS_AT = new Date(Date.now() - 60_000).toISOString();

/** Batch number `b` (from `seqStart`): 100 alerts of one Alertmanager group (alertname + service), all distinct. */
function alertBatch(seqStart: number, b: number, size: number): { groupLabels: Record<string, string>; alerts: BenchAlert[] } {
  const service = SERVICE_IDS[b % SERVICE_IDS.length] as string;
  const alertname = `BenchAlert${Math.floor(b / SERVICE_IDS.length) % 10}`;
  const alerts: BenchAlert[] = [];
  for (let j = 0; j < size; j++) {
    const n = seqStart + b * size + j;
    const instance = `node-${n.toString(36)}:9100`;
    alerts.push({
      labels: { alertname, service, instance, job: 'node', severity: j % 10 === 0 ? 'critical' : 'warning' },
      annotations: { summary: `${alertname} on ${instance}`, description: `bench alert ${n} for ${service}` },
      fingerprint: n.toString(16).padStart(16, '0'),
    });
  }
  return { groupLabels: { alertname, service }, alerts };
}

/** The webhook Alertmanager 0.25 sends for that group (version 4; see shared/fixtures). */
export function webhookBodies(seqStart: number, size: number): () => string {
  let b = 0;
  return () => {
    const { groupLabels, alerts } = alertBatch(seqStart, b++, size);
    const groupKey = `{}:{alertname="${groupLabels.alertname}", service="${groupLabels.service}"}`;
    return JSON.stringify({
      receiver: 'fenghuo',
      status: 'firing',
      alerts: alerts.map((a) => ({
        status: 'firing',
        labels: a.labels,
        annotations: a.annotations,
        startsAt: STARTS_AT,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.bench:9090/graph?g0.expr=up',
        fingerprint: a.fingerprint,
      })),
      groupLabels,
      commonLabels: { ...groupLabels, job: 'node' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.bench:9093',
      version: '4',
      groupKey,
      truncatedAlerts: 0,
    });
  };
}

/** The same alerts as Prometheus posts them to Alertmanager's API v2. */
export function alertmanagerApiBodies(seqStart: number, size: number): () => string {
  let b = 0;
  return () =>
    JSON.stringify(
      alertBatch(seqStart, b++, size).alerts.map((a) => ({
        labels: a.labels,
        annotations: a.annotations,
        startsAt: STARTS_AT,
        generatorURL: 'http://prometheus.bench:9090/graph?g0.expr=up',
      })),
    );
}
