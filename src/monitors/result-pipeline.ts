import type { Deps } from '../operations/context.js';
import type { IngestEngine } from '../signals/ingest/engine.js';
import type { StoredIntegration } from '../store/integrations-repo.js';
import { monitorIntegration } from './monitor-integration.js';
import { monitorSignal } from './monitor-signal.js';
import { ResultStore, type MonitorResult, type MonitorTransition } from './result-sink.js';

export interface PipelineOptions {
  /** Longest a result waits before its flush. */
  flushMs: number;
  /** A flush starts at once when this many results wait. */
  maxBatch: number;
  /** Results waiting beyond this are refused (agents keep them and retry). */
  maxPending: number;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = { flushMs: 500, maxBatch: 2_000, maxPending: 100_000 };

interface Waiting {
  results: readonly MonitorResult[];
  done: (err?: unknown) => void;
}

/**
 * Results from every location flow through here: batched into one transaction per flush (see
 * ResultStore), acknowledged after the commit, and each quorum state change becomes a signal
 * that opens, regrades or resolves an incident through the ingest pipeline.
 */
export class ResultPipeline {
  private queue: Waiting[] = [];
  private pending = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private integration: StoredIntegration | null = null;
  private readonly store: ResultStore;

  constructor(
    private readonly deps: Deps,
    private readonly engine: IngestEngine,
    private readonly onError: (err: unknown) => void,
    private readonly options: PipelineOptions = DEFAULT_PIPELINE_OPTIONS,
  ) {
    this.store = new ResultStore(deps);
  }

  get backlog(): number {
    return this.pending;
  }

  /** Queues results; resolves once they are committed (rejects when overloaded or failed). */
  write(results: readonly MonitorResult[]): Promise<void> {
    if (results.length === 0) return Promise.resolve();
    if (this.pending + results.length > this.options.maxPending) return Promise.reject(new Error('monitor results are backlogged; retry'));
    this.pending += results.length;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ results, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.schedule();
    });
  }

  /** Queues results without waiting (the local runner: its results are not acknowledged to anyone). */
  add(results: readonly MonitorResult[]): void {
    this.write(results).catch(this.onError);
  }

  /** Flushes what waits and stops. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.queue.length > 0) await (this.flushing ?? this.flush());
  }

  private schedule(): void {
    if (this.flushing) return;
    if (this.pending >= this.options.maxBatch) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.options.flushMs);
    }
  }

  private flush(): Promise<void> {
    const run = async (): Promise<void> => {
      const batch = this.queue.splice(0);
      const size = batch.reduce((n, w) => n + w.results.length, 0);
      try {
        const transitions = await this.store.write(batch.flatMap((w) => w.results));
        for (const w of batch) w.done();
        await this.signal(transitions);
      } catch (err) {
        for (const w of batch) w.done(err);
        this.onError(err);
      } finally {
        this.pending -= size;
      }
    };
    this.flushing = run().finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  /** Turns state changes into signals. A failure here is repaired by `reconcile` on the next start. */
  private async signal(transitions: readonly MonitorTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    this.integration ??= await monitorIntegration(this.deps);
    const signals = transitions.flatMap((t) => monitorSignal(t.monitor, t.to, t.views) ?? []);
    if (signals.length > 0) await this.engine.submit(this.integration, signals);
  }
}
