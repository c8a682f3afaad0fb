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
        const { outcomes, paged, handedOver, config } = await this.deps.store.db.transaction().execute(async (trx) => {
          await this.deps.store.lockIngest(trx);
          // The catalog, and what paging reads, cached per configuration generation (one statement).
          const config = await configSnapshot(trx, this.deps);
          return { ...(await processBatch(this.deps, trx, items, config.catalog)), config };
        });
        // Pages leased to this process go to its worker directly, not through a read of the outbox,
        // with the configuration this transaction planned them under.
        if (paged > 0) {
          const onTheirWay = this.deps.wakePaging?.(handedOver, config);
          // Waking the on-call comes first: the senders of a batch that paged hear back once its
          // pages are on their way (a fraction of a millisecond; never more than PAGES_FIRST_MS).
          if (handedOver.length > 0 && onTheirWay) await pagesFirst(onTheirWay);
        }
        return outcomes;
      } catch (err) {
        if (!(err instanceof BatchConflict) || attempt >= 3) throw err;
      }
    }
  }
}

/** Longest a batch's answers wait for its pages to be on their way (a read of the configuration on a slow database). */
const PAGES_FIRST_MS = 50;

/**
 * Waits until the pages are on their way, or PAGES_FIRST_MS; then one turn of the event loop, so
 * the requests they issued are written to their sockets before the answers to the senders.
 */
async function pagesFirst(onTheirWay: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([onTheirWay, new Promise<void>((resolve) => (timer = setTimeout(resolve, PAGES_FIRST_MS)))]);
  clearTimeout(timer);
  await new Promise((resolve) => setImmediate(resolve));
}
