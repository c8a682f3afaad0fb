import { configSnapshot } from '../../operations/config-snapshot.js';
import type { Deps } from '../../operations/context.js';
import { BatchConflict, processBatch } from './process-batch.js';
import type { CommitItem, CommitResult, SignalOutcome } from './types.js';

/**
 * Commits ingest batches on the calling thread: one transaction per batch; if it fails, each
 * request again on its own, so one request the database refuses fails alone instead of taking
 * its neighbours' events down with it.
 */
export class DirectCommitter {
  constructor(
    private readonly deps: Deps,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async commit(items: CommitItem[]): Promise<CommitResult[]> {
    try {
      return (await this.transaction(items)).map((outcomes) => ({ ok: true, outcomes }));
    } catch (err) {
      if (items.length === 1) return [this.failed(err)];
    }
    const results: CommitResult[] = [];
    for (const item of items) {
      try {
        results.push({ ok: true, outcomes: (await this.transaction([item]))[0] ?? [] });
      } catch (err) {
        results.push(this.failed(err));
      }
    }
    return results;
  }

  private failed(err: unknown): CommitResult {
    this.onError(err);
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }

  /** One transaction; a conflict with a concurrent incident change is retried on fresh state. */
  private async transaction(items: CommitItem[]): Promise<SignalOutcome[][]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { outcomes, paged, handedOver } = await this.deps.store.db.transaction().execute(async (trx) => {
          await this.deps.store.lockIngest(trx);
          // The catalog, and what paging reads, cached per configuration generation (one statement).
          return processBatch(this.deps, trx, items, (await configSnapshot(trx, this.deps)).catalog);
        });
        // Pages leased to this process go to its worker directly, not through a read of the outbox.
        if (paged > 0) this.deps.wakePaging?.(handedOver);
        return outcomes;
      } catch (err) {
        if (!(err instanceof BatchConflict) || attempt >= 3) throw err;
      }
    }
  }
}
