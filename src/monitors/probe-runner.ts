import type { MonitorKind } from '../domain/monitors/monitor.js';
import { phaseOf } from '../domain/monitors/stats.js';
import type { CheckKind, CheckResult, MonitorCheck } from './checks/check.js';
import { checkFor } from './checks/registry.js';
import type { MonitorResult } from './result-sink.js';
import { CheckScheduler, type ScheduledJob } from './scheduler.js';

/** What a location needs to know of a monitor to run it (the agent receives exactly this). */
export interface ProbeSpec {
  id: string;
  seq: number;
  kind: MonitorKind;
  config: Record<string, unknown>;
  intervalSeconds: number;
  timeoutMs: number;
  /** Heartbeat monitors: seconds of silence after the interval before it counts as down. */
  graceSeconds: number;
}

interface ProbeJob extends ScheduledJob {
  spec: ProbeSpec;
}

export interface ProbeRunnerOptions {
  location: string;
  concurrency: number;
  now(): number;
  /** Where results go (the server's pipeline, or the agent's upload buffer). */
  report(result: MonitorResult): void;
  /** How a heartbeat monitor is judged at its interval; null = nothing to report. Locations other than the server have none. */
  heartbeat?(spec: ProbeSpec, now: number): Promise<CheckResult | null>;
  onLag?(lagMs: number): void;
  onError?(err: unknown): void;
}

/**
 * Runs a location's monitors on one scheduler and reports each result. `sync` replaces the set
 * of monitors: unchanged ones keep their rhythm, changed ones are rescheduled, gone ones stop.
 */
export class ProbeRunner {
  private readonly scheduler: CheckScheduler<ProbeJob>;
  private readonly specs = new Map<string, string>();

  constructor(private readonly options: ProbeRunnerOptions) {
    this.scheduler = new CheckScheduler<ProbeJob>({
      concurrency: options.concurrency,
      now: options.now,
      run: (job, plannedAt, signal) => this.runJob(job.spec, plannedAt, signal),
      onStart: options.onLag,
    });
  }

  get size(): number {
    return this.scheduler.size;
  }

  get inFlight(): number {
    return this.scheduler.active;
  }

  get queued(): number {
    return this.scheduler.queued;
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): Promise<void> {
    return this.scheduler.stop();
  }

  sync(specs: readonly ProbeSpec[]): void {
    const seen = new Set<string>();
    for (const spec of specs) {
      seen.add(spec.id);
      const fingerprint = JSON.stringify(spec);
      if (this.specs.get(spec.id) === fingerprint) continue;
      this.specs.set(spec.id, fingerprint);
      const intervalMs = spec.intervalSeconds * 1000;
      this.scheduler.upsert({ key: spec.id, intervalMs, phaseMs: phaseOf(spec.seq, intervalMs), spec });
    }
    for (const id of this.specs.keys()) {
      if (seen.has(id)) continue;
      this.specs.delete(id);
      this.scheduler.remove(id);
    }
  }

  /** Runs a monitor now, outside its rhythm; false when this location does not run it. */
  runNow(id: string): boolean {
    return this.scheduler.runNow(id);
  }

  private async runJob(spec: ProbeSpec, plannedAt: number, signal: AbortSignal): Promise<void> {
    try {
      const at = this.options.now();
      const result = await runProbe(spec, { timeoutMs: spec.timeoutMs, signal, now: this.options.now }, this.options.heartbeat);
      if (!result || signal.aborted) return;
      this.options.report({ monitorId: spec.id, location: this.options.location, at: Math.max(at, plannedAt), ...result });
    } catch (err) {
      this.options.onError?.(err);
    }
  }
}

/** One check of a monitor, whatever its kind. */
export async function runProbe(
  spec: ProbeSpec,
  ctx: { timeoutMs: number; signal: AbortSignal; now(): number },
  heartbeat?: (spec: ProbeSpec, now: number) => Promise<CheckResult | null>,
): Promise<CheckResult | null> {
  if (spec.kind === 'heartbeat') return heartbeat ? heartbeat(spec, ctx.now()) : null;
  const check: MonitorCheck<unknown> | undefined = checkFor(spec.kind as CheckKind);
  if (!check) return null;
  return check.run(spec.config, ctx);
}
