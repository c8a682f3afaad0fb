import { LOCAL_LOCATION, type Monitor } from '../domain/monitors/monitor.js';
import type { CheckResult } from './checks/check.js';
import type { Deps, MonitorHub } from '../operations/context.js';
import { MONITORS_GENERATION } from '../operations/monitors/manage-monitors.js';
import type { IngestEngine } from '../signals/ingest/engine.js';
import { listLocations, setLocationState, touchLocation } from '../store/monitor-locations-repo.js';
import { readLocationStates } from '../store/monitor-results-repo.js';
import { allMonitors, findMonitor, monitorRunRows } from '../store/monitors-repo.js';
import { checkBackupRpos } from './backup-rpo.js';
import { monitorIntegration } from './monitor-integration.js';
import { locationSignal, monitorSignal, type LocationView } from './monitor-signal.js';
import { ProbeRunner, type ProbeSpec } from './probe-runner.js';
import { ResultPipeline } from './result-pipeline.js';
import type { MonitorResult } from './result-sink.js';
import { finishPeriods, DEFAULT_RETENTION, type Retention } from './rollup-jobs.js';

export interface MonitorRuntimeOptions {
  /** Checks this node runs at once. */
  concurrency: number;
  /** An agent silent this long is lost (its own alert; its verdicts stop counting). */
  locationLostAfterMs: number;
  retention: Retention;
  onError(err: unknown): void;
}

export const DEFAULT_MONITOR_OPTIONS: Omit<MonitorRuntimeOptions, 'onError'> = {
  concurrency: 256,
  locationLostAfterMs: 90_000,
  retention: DEFAULT_RETENTION,
};

/** A monitor as a location runs it. */
export function probeSpec(
  m: Pick<Monitor, 'id' | 'seq' | 'kind' | 'config' | 'intervalSeconds' | 'timeoutMs' | 'graceSeconds'>,
): ProbeSpec {
  return {
    id: m.id,
    seq: m.seq,
    kind: m.kind,
    config: m.config,
    intervalSeconds: m.intervalSeconds,
    timeoutMs: m.timeoutMs,
    graceSeconds: m.graceSeconds,
  };
}

/**
 * A node's monitoring: the result pipeline every location reports into, and — once started —
 * the `local` location's checks on one scheduler, reloaded when monitors change (here, or on
 * another node: a generation counter is polled), the hourly/daily rollup work, and the watch
 * for agents that went silent.
 */
export class MonitorRuntime implements MonitorHub {
  readonly pipeline: ResultPipeline;
  private runner: ProbeRunner | null = null;
  private timers: NodeJS.Timeout[] = [];
  private generation = -1;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private maintaining = false;
  private reloadTimer: NodeJS.Timeout | null = null;
  /** Called with each local check's start lag (ms), for metrics. */
  observeLag: (lagMs: number) => void = () => undefined;

  constructor(
    private readonly deps: Deps,
    private readonly engine: IngestEngine,
    private readonly options: MonitorRuntimeOptions,
  ) {
    this.pipeline = new ResultPipeline(deps, engine, options.onError);
  }

  get localMonitors(): number {
    return this.runner?.size ?? 0;
  }

  get checksInFlight(): number {
    return this.runner?.inFlight ?? 0;
  }

  write(results: readonly MonitorResult[]): Promise<void> {
    return this.pipeline.write(results);
  }

  changed(): void {
    // Coalesced: creating many monitors in a row reloads once a second, not once per monitor.
    if (!this.runner || this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      this.reload().catch(this.options.onError);
    }, 1_000);
  }

  runNow(monitorId: string): boolean {
    return this.runner?.runNow(monitorId) ?? false;
  }

  async locationSeen(location: { id: string; name: string; state: 'up' | 'lost'; lastSeenAt: number | null }): Promise<void> {
    const now = this.deps.clock.now();
    // One write a few seconds is plenty to tell a live agent from a silent one (more often when lost-after is short).
    const touchEveryMs = Math.min(5_000, this.options.locationLostAfterMs / 5);
    if (location.state === 'up' && location.lastSeenAt !== null && now - location.lastSeenAt < touchEveryMs) return;
    await touchLocation(this.deps.store.db, location.id, now);
    if (location.state === 'lost' && (await setLocationState(this.deps.store.db, location.id, 'lost', 'up'))) {
      await this.engine.submit(await monitorIntegration(this.deps), [locationSignal(location.name, false, now)]);
    }
  }

  /** Starts the local checks and the periodic work. */
  async start(): Promise<void> {
    this.runner = new ProbeRunner({
      location: LOCAL_LOCATION,
      concurrency: this.options.concurrency,
      now: () => this.deps.clock.now(),
      report: (r) => this.pipeline.add([r]),
      heartbeat: (spec, now) => this.heartbeatVerdict(spec, now),
      onLag: (lag) => this.observeLag(lag),
      onError: this.options.onError,
    });
    await this.reconcile();
    await this.reload();
    this.runner.start();
    this.every(5_000, () => this.reloadIfMoved());
    this.every(Math.min(30_000, Math.ceil(this.options.locationLostAfterMs / 3)), () => this.watchLocations());
    this.every(60_000, () => this.maintain());
    this.every(30_000, () => this.checkBackups());
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = null;
    await this.runner?.stop();
    this.runner = null;
    await this.pipeline.close();
  }

  /** The periodic rollup work, now (tests and the bench call it; the runtime does it every minute). */
  async maintain(): Promise<void> {
    if (this.maintaining) return;
    this.maintaining = true;
    try {
      await finishPeriods(this.deps, this.options.retention);
    } finally {
      this.maintaining = false;
    }
  }

  /** Backup heartbeats against their services' RPO (every 30 s, and after each good backup beat). */
  async checkBackups(): Promise<void> {
    const signals = await checkBackupRpos(this.deps);
    if (signals.length > 0) await this.engine.submit(await monitorIntegration(this.deps), signals);
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => void task().catch(this.options.onError), ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async reloadIfMoved(): Promise<void> {
    const row = await this.deps.store.db.selectFrom('counters').select('value').where('name', '=', MONITORS_GENERATION).executeTakeFirst();
    if (Number(row?.value ?? 0) !== this.generation) await this.reload();
  }

  private reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        const row = await this.deps.store.db
          .selectFrom('counters')
          .select('value')
          .where('name', '=', MONITORS_GENERATION)
          .executeTakeFirst();
        this.generation = Number(row?.value ?? 0);
        const monitors = await monitorRunRows(this.deps.store.db);
        this.runner?.sync(monitors.filter((m) => !m.paused && m.locations.includes(LOCAL_LOCATION)).map(probeSpec));
      } while (this.reloadAgain);
    })().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  /** A heartbeat monitor is down when no beat came within its interval plus grace. */
  private async heartbeatVerdict(spec: ProbeSpec, now: number): Promise<CheckResult | null> {
    const m = await findMonitor(this.deps.store.db, spec.id);
    if (!m) return null;
    const since = m.lastBeatAt ?? m.createdAt;
    const silentMs = now - since;
    if (silentMs <= (m.intervalSeconds + m.graceSeconds) * 1000) return null;
    const what = m.lastBeatAt === null ? 'no beat yet' : `no beat for ${Math.round(silentMs / 1000)} s`;
    return { status: 'down', latencyMs: null, error: `${what} (expected every ${m.intervalSeconds} s + ${m.graceSeconds} s grace)` };
  }

  /** Marks silent agents lost and raises their alert; the agent route clears it when they return. */
  private async watchLocations(): Promise<void> {
    const now = this.deps.clock.now();
    for (const l of await listLocations(this.deps.store.db)) {
      if (l.name === LOCAL_LOCATION || l.state !== 'up' || l.lastSeenAt === null) continue;
      if (now - l.lastSeenAt < this.options.locationLostAfterMs) continue;
      if (!(await setLocationState(this.deps.store.db, l.id, 'up', 'lost'))) continue;
      await this.engine.submit(await monitorIntegration(this.deps), [locationSignal(l.name, true, l.lastSeenAt)]);
    }
  }

  /**
   * After a crash between a state change's commit and its signal, the incident side may lag
   * behind: recent changes are signalled again (a repeat is deduplicated by the alert's key).
   */
  private async reconcile(): Promise<void> {
    const since = this.deps.clock.now() - 10 * 60_000;
    const recent = (await allMonitors(this.deps.store.db)).filter((m) => m.stateSince >= since && m.state !== 'pending');
    if (recent.length === 0) return;
    const states = await readLocationStates(
      this.deps.store.db,
      recent.map((m) => m.id),
    );
    const signals = recent.flatMap((m) => {
      const views: LocationView[] = states
        .filter((s) => s.monitorId === m.id)
        .map((s) => ({
          location: s.location,
          state: s.state,
          lastStatus: s.lastStatus,
          lastError: s.lastError,
          lastLatencyMs: s.lastLatencyMs,
          lastAt: s.lastAt,
        }));
      return monitorSignal(m, m.state, views) ?? [];
    });
    if (signals.length > 0) await this.engine.submit(await monitorIntegration(this.deps), signals);
  }
}
