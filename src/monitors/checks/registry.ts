import { CHECK_KINDS, type CheckKind, type MonitorCheck } from './check.js';
import { dnsCheck, type DnsCheckConfig } from './dns/dns.js';
import { httpCheck, type HttpCheckConfig } from './http/http.js';
import { tcpCheck, type TcpCheckConfig } from './tcp/tcp.js';
import { tlsCheck, type TlsCheckConfig } from './tls/tls.js';

/**
 * The kinds that probe something (the scheduler runs their check). `heartbeat` is the other way
 * round: the monitored job pushes to Fenghuo and the scheduler watches for silence, so there is
 * nothing to run and no check plugin for it.
 */
export const PROBE_CHECK_KINDS = ['http', 'tcp', 'dns', 'tls'] as const satisfies readonly CheckKind[];
export type ProbeCheckKind = (typeof PROBE_CHECK_KINDS)[number];

/** The configuration each probing kind takes (heartbeat's is defined with the heartbeat monitor). */
export interface MonitorCheckConfigs {
  http: HttpCheckConfig;
  tcp: TcpCheckConfig;
  dns: DnsCheckConfig;
  tls: TlsCheckConfig;
}

export const CHECKS: { readonly [K in ProbeCheckKind]: MonitorCheck<MonitorCheckConfigs[K]> } = {
  http: httpCheck,
  tcp: tcpCheck,
  dns: dnsCheck,
  tls: tlsCheck,
};

/** Any monitor kind, heartbeat included. */
export function isCheckKind(value: string): value is CheckKind {
  return (CHECK_KINDS as readonly string[]).includes(value);
}

export function isProbeCheckKind(value: string): value is ProbeCheckKind {
  return (PROBE_CHECK_KINDS as readonly string[]).includes(value);
}

/** The plugin for a kind; undefined for `heartbeat`, which has none (see PROBE_CHECK_KINDS). */
export function checkFor<K extends ProbeCheckKind>(kind: K): MonitorCheck<MonitorCheckConfigs[K]>;
export function checkFor(kind: CheckKind): MonitorCheck<unknown> | undefined;
export function checkFor(kind: CheckKind): MonitorCheck<unknown> | undefined {
  return isProbeCheckKind(kind) ? (CHECKS[kind] as MonitorCheck<unknown>) : undefined;
}
