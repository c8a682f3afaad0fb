import { FenghuoError } from '../../domain/errors.js';
import type { Signal } from '../../domain/signals/signal.js';
import type { Deps } from '../../operations/context.js';
import type { StoredIntegration } from '../../store/integrations-repo.js';
import { cleanSignal } from './clean-signal.js';
import type { DirectCommitter } from './committer.js';
import type { IngestItem, SignalOutcome } from './types.js';

export interface IngestOptions {
  /** Most signals one transaction takes. */
  maxBatchSignals: number;
  /** Signals waiting beyond this are refused with `unavailable` (senders retry on 503). */
  maxPendingSignals: number;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = { maxBatchSignals: 2_000, maxPendingSignals: 50_000 };

/**
 * Group commit for inbound signals. Requests hand their signals to `submit`; whatever arrived
 * while the previous transaction ran is committed together in the next one, as soon as the
 * event loop has read the current burst (setImmediate) — no timer, so an idle server answers at
 * once and a busy one amortises each commit over many events. A sender hears back only after
 * its events are committed.
 */
export class IngestEngine {
  private queue: IngestItem[] = [];
  private pending = 0;
  private flushing = false;
  private scheduled = false;
  private closed = false;
  private idle: Array<() => void> = [];
  private batches = 0;

  constructor(
    private readonly deps: Deps,
    private readonly committer: DirectCommitter,
    private readonly options: IngestOptions = DEFAULT_INGEST_OPTIONS,
  ) {}

  /** Signals pending or in flight (for metrics and back-pressure). */
  get backlog(): number {
    return this.pending;
  }

  /** Transactions run so far (whether they committed or not): a cheap sign of activity. */
  get batchCount(): number {
    return this.batches;
  }

  submit(integration: StoredIntegration, signals: Signal[]): Promise<SignalOutcome[]> {
    if (this.closed) return Promise.reject(new FenghuoError('unavailable', 'shutting down; retry'));
    if (signals.length === 0) return Promise.resolve([]);
    if (this.pending + signals.length > this.options.maxPendingSignals) {
      return Promise.reject(new FenghuoError('unavailable', 'ingest is overloaded; retry shortly'));
    }
    this.pending += signals.length;
    // Cleaned here, on the way in: what is queued must be storable and cheap to hand to a thread.
    const clean = signals.map(cleanSignal);
    return new Promise((resolve, reject) => {
      this.queue.push({ integration, signals: clean, receivedAt: this.deps.clock.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Stops taking signals and waits until everything accepted is committed. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.pending > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private takeBatch(): IngestItem[] {
    const batch: IngestItem[] = [];
    let count = 0;
    while (this.queue.length > 0 && (batch.length === 0 || count + (this.queue[0]?.signals.length ?? 0) <= this.options.maxBatchSignals)) {
      const item = this.queue.shift();
      if (!item) break;
      batch.push(item);
      count += item.signals.length;
    }
    return batch;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        const size = batch.reduce((n, i) => n + i.signals.length, 0);
        try {
          const results = await this.committer.commit(batch.map(({ integration, signals }) => ({ integration, signals })));
          batch.forEach((item, i) => {
            const result = results[i];
            if (result?.ok) item.resolve(result.outcomes);
            else item.reject(new FenghuoError('unavailable', 'could not store the events; retry'));
          });
        } catch (err) {
          for (const item of batch) item.reject(err);
        } finally {
          this.batches += 1;
          this.pending -= size;
        }
      }
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
      else if (this.pending === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
