/** What measuring needs of an incident a drill run opened. */
export interface RunIncident {
  services: readonly string[];
  createdAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

export type ServiceVerdict = 'met' | 'breached' | 'pending' | 'no_target';
export type RunVerdict = 'met' | 'breached' | 'pending' | 'no_target';

/** One affected service's recovery against its RTO. */
export interface ServiceRecovery {
  serviceId: string;
  rtoMinutes: number | null;
  /** From the run's start until every incident listing the service was resolved; null while one is open. */
  recoverMs: number | null;
  verdict: ServiceVerdict;
}

export interface RunMeasurement {
  /** Each from the run's start (the moment its failures were injected) until every incident reached the stage. */
  detectMs: number | null;
  acknowledgeMs: number | null;
  mitigateMs: number | null;
  recoverMs: number | null;
  services: ServiceRecovery[];
  verdict: RunVerdict;
  /** Every incident resolved: the run is over, at `endedAt`. */
  complete: boolean;
  endedAt: number | null;
}

/** The latest of the instants, or null when one of them has not happened yet (or there are none). */
function whenAll(instants: ReadonlyArray<number | null>): number | null {
  if (instants.length === 0 || instants.some((t) => t === null)) return null;
  return Math.max(...(instants as number[]));
}

/**
 * Measures a drill run from its incidents: time to detect (incident opened), acknowledge (or, if
 * nobody acknowledged, the first later step taken: mitigate, resolve), mitigate (or resolve) and
 * recover (resolve), each from `startedAt` until every incident got there. Each affected service
 * (a failed component, or one its incidents list through dependencies) is compared with its RTO:
 * `breached` as soon as its recovery is overdue, `met` once it recovered in time, `no_target`
 * without an RTO. The run's verdict stays `pending` until every incident is resolved; then it is
 * `breached` if any service breached, `met` if any met, else `no_target`.
 */
export function measureRun(
  startedAt: number,
  incidents: readonly RunIncident[],
  scenario: readonly string[],
  rtoMinutes: ReadonlyMap<string, number | null>,
  now: number,
): RunMeasurement {
  const since = (t: number | null): number | null => (t === null ? null : Math.max(0, t - startedAt));
  const ack = (i: RunIncident) => i.acknowledgedAt ?? i.mitigatedAt ?? i.resolvedAt;
  const recovered = whenAll(incidents.map((i) => i.resolvedAt));
  const recoverMs = since(recovered);

  const affected = [...new Set([...scenario, ...incidents.flatMap((i) => i.services)])];
  const services = affected.map((serviceId): ServiceRecovery => {
    const listing = incidents.filter((i) => i.services.includes(serviceId));
    const serviceRecoverMs = listing.length > 0 ? since(whenAll(listing.map((i) => i.resolvedAt))) : recoverMs;
    const rto = rtoMinutes.get(serviceId) ?? null;
    const verdict = serviceVerdict(rto, serviceRecoverMs, now - startedAt);
    return { serviceId, rtoMinutes: rto, recoverMs: serviceRecoverMs, verdict };
  });

  const complete = recovered !== null;
  return {
    detectMs: since(whenAll(incidents.map((i) => i.createdAt))),
    acknowledgeMs: since(whenAll(incidents.map(ack))),
    mitigateMs: since(whenAll(incidents.map((i) => i.mitigatedAt ?? i.resolvedAt))),
    recoverMs,
    services,
    verdict: complete ? runVerdict(services) : 'pending',
    complete,
    endedAt: recovered,
  };
}

function serviceVerdict(rto: number | null, recoverMs: number | null, elapsedMs: number): ServiceVerdict {
  if (rto === null) return 'no_target';
  const targetMs = rto * 60_000;
  if (recoverMs !== null) return recoverMs <= targetMs ? 'met' : 'breached';
  return elapsedMs > targetMs ? 'breached' : 'pending';
}

function runVerdict(services: readonly ServiceRecovery[]): RunVerdict {
  if (services.some((s) => s.verdict === 'breached')) return 'breached';
  return services.some((s) => s.verdict === 'met') ? 'met' : 'no_target';
}
