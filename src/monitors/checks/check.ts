import type { FieldIssue } from '../../domain/errors.js';

export const CHECK_KINDS = ['http', 'tcp', 'dns', 'tls', 'heartbeat'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/**
 * What one check saw. `down`: unreachable or failed outright (becomes impact `outage`);
 * `degraded`: reachable but too slow or answering the wrong content (impact `degraded`).
 */
export type CheckStatus = 'up' | 'degraded' | 'down';

export interface CheckResult {
  status: CheckStatus;
  /** Time to the answer in ms (null when nothing answered). */
  latencyMs: number | null;
  /** One short line a person can act on ("connection refused", "expected 200, got 503"); null when up. */
  error: string | null;
}

export interface CheckContext {
  /** Whole-check budget: connect, send, answer. The check resolves (status down, "timed out after N ms") by then. */
  timeoutMs: number;
  /** Aborted when the scheduler stops; the check then resolves promptly (its result is discarded). */
  signal: AbortSignal;
  /** Epoch ms (certificate expiry is counted from it). */
  now(): number;
}

/** A monitor type plugin. `run` never rejects: every failure is a result. */
export interface MonitorCheck<Config> {
  readonly kind: CheckKind;
  /** Problems with a monitor's configuration, fields named `config.…`; empty when it is usable. */
  validateConfig(config: unknown): FieldIssue[];
  run(config: Config, ctx: CheckContext): Promise<CheckResult>;
}
