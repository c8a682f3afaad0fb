import type { Monitor } from '../domain/monitors/monitor.js';
import type { MonitorState } from '../domain/monitors/verdict.js';
import type { Signal } from '../domain/signals/signal.js';

/** What each location last saw of a monitor, for the alert's text and details. */
export interface LocationView {
  location: string;
  state: MonitorState;
  lastStatus: string;
  lastError: string | null;
  lastLatencyMs: number | null;
  lastAt: number;
}

const KIND_LABEL: Record<Monitor['kind'], string> = { http: 'HTTP', tcp: 'TCP', dns: 'DNS', tls: 'TLS', heartbeat: 'Heartbeat' };

/**
 * The signal a monitor's quorum state change becomes: `down` raises an outage, `degraded` a
 * degradation (same alert: a later change of impact regrades it), `up` resolves it. It names
 * which locations saw what.
 */
export function monitorSignal(m: Monitor, state: MonitorState, views: readonly LocationView[]): Signal | null {
  if (state === 'pending') return null;
  const failing = views.filter((v) => v.state === 'down' || v.state === 'degraded');
  const reason = failing.find((v) => v.lastError)?.lastError ?? null;
  const where =
    m.locations.length > 1 ? ` (${failing.length} of ${m.locations.length} locations: ${failing.map((v) => v.location).join(', ')})` : '';
  const name = `${KIND_LABEL[m.kind]} monitor ${m.name}`;
  const summary =
    state === 'up' ? `${name} is up again` : `${name} is ${state === 'down' ? 'down' : 'degraded'}${reason ? `: ${reason}` : ''}${where}`;
  return {
    dedupKey: `monitor:${m.id}`,
    action: state === 'up' ? 'resolve' : 'trigger',
    summary: summary.slice(0, 1024),
    source: `fenghuo-monitor/${m.kind}`,
    severity: state === 'down' ? 'critical' : state === 'degraded' ? 'warning' : null,
    impact: state === 'down' ? 'outage' : state === 'degraded' ? 'degraded' : null,
    service: m.serviceId,
    facility: null,
    labels: { monitor: m.name.slice(0, 1024), monitor_id: m.id, monitor_kind: m.kind },
    details: {
      monitorId: m.id,
      quorum: m.quorum,
      locations: Object.fromEntries(
        views.map((v) => [
          v.location,
          {
            state: v.state,
            lastStatus: v.lastStatus,
            error: v.lastError,
            latencyMs: v.lastLatencyMs,
            at: new Date(v.lastAt).toISOString(),
          },
        ]),
      ),
    },
    usersAffectedPct: null,
    recordsExposed: null,
    occurredAt: null,
    links: [],
  };
}

/** A probe location that stopped reporting (or came back): its own alert, not its monitors'. */
export function locationSignal(name: string, lost: boolean, lastSeenAt: number | null): Signal {
  const since = lastSeenAt === null ? 'never reported' : `last report ${new Date(lastSeenAt).toISOString()}`;
  return {
    dedupKey: `location:${name}`,
    action: lost ? 'trigger' : 'resolve',
    summary: lost
      ? `Probe location ${name} stopped reporting (${since}); its monitors are judged without it`
      : `Probe location ${name} reports again`,
    source: 'fenghuo-agent',
    severity: lost ? 'warning' : null,
    impact: lost ? 'degraded' : null,
    service: null,
    facility: null,
    labels: { location: name },
    details: { location: name, lastSeenAt: lastSeenAt === null ? null : new Date(lastSeenAt).toISOString() },
    usersAffectedPct: null,
    recordsExposed: null,
    occurredAt: null,
    links: [],
  };
}
