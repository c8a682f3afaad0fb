import type { MonitorView } from '../operations/monitors/read-monitors.js';
import type { StoredLocation } from '../store/monitor-locations-repo.js';
import type { RollupRow } from '../store/monitor-results-repo.js';
import { iso, isoOrNull } from './presenters.js';

export function monitorJson({ monitor: m, locationStates, last, bars }: MonitorView) {
  return {
    id: m.id,
    name: m.name,
    serviceId: m.serviceId,
    kind: m.kind,
    config: m.config,
    intervalSeconds: m.intervalSeconds,
    timeoutMs: m.timeoutMs,
    failureThreshold: m.failureThreshold,
    recoveryThreshold: m.recoveryThreshold,
    locations: m.locations,
    quorum: m.quorum,
    paused: m.paused,
    graceSeconds: m.graceSeconds,
    state: m.state,
    stateSince: iso(m.stateSince),
    lastCheckAt: isoOrNull(last?.lastAt ?? null),
    lastStatus: last?.lastStatus ?? null,
    lastLatencyMs: last?.lastLatencyMs ?? null,
    lastError: last?.lastError ?? null,
    lastBeatAt: isoOrNull(m.lastBeatAt),
    locationStates: locationStates.map((s) => ({
      location: s.location,
      state: s.state,
      lastAt: iso(s.lastAt),
      lastStatus: s.lastStatus,
      lastLatencyMs: s.lastLatencyMs,
      lastError: s.lastError,
    })),
    uptime90d: bars,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  };
}

export function rollupJson(r: RollupRow) {
  const total = r.up + r.degraded + r.down;
  return {
    start: iso(r.start),
    up: r.up,
    degraded: r.degraded,
    down: r.down,
    uptimePct: total === 0 ? null : Math.floor(((r.up + r.degraded) * 100_000) / total) / 1000,
    latencyMeanMs: r.latencyCount === 0 ? null : Math.round((r.latencySum / r.latencyCount) * 10) / 10,
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
  };
}

export function locationJson(l: StoredLocation) {
  return {
    id: l.id,
    name: l.name,
    description: l.description,
    state: l.state,
    lastSeenAt: isoOrNull(l.lastSeenAt),
    tokenPrefix: l.tokenPrefix,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
  };
}
