import type { Deps } from '../operations/context.js';
import { runDueDrills } from '../operations/drills/run-due-drills.js';
import { PROCESS_OWNER, type SignalSink } from '../operations/drills/run-drill.js';
import { nextDrillDueAt } from '../store/drills-repo.js';
import { PollingWorker } from '../notify/polling-worker.js';

export interface DrillSchedulerOptions {
  /** Longest sleep: runs a person resolved are ended within this, and other nodes' schedules seen. */
  pollMs?: number;
  /** Who holds the leases this node takes (default: this process). */
  owner?: string;
  onError?: (err: unknown) => void;
}

/**
 * Fires scheduled drills on time and ends runs once recovered (operations/drills/run-due-drills.ts).
 * Every node may run one: each occurrence is claimed by a conditional update, so one node starts it.
 */
export class DrillScheduler {
  private readonly worker: PollingWorker;
  private readonly owner: string;

  constructor(
    private readonly deps: Deps,
    private readonly sink: SignalSink,
    private readonly options: DrillSchedulerOptions = {},
  ) {
    this.owner = options.owner ?? PROCESS_OWNER;
    // A due time already past (a round that failed) is retried after a second, not in a tight loop.
    const nextDue = async () => {
      const at = await nextDrillDueAt(deps.store.db);
      return at === null ? null : Math.max(at, deps.clock.now() + 1_000);
    };
    this.worker = new PollingWorker(deps.clock, () => this.runOnce(), nextDue, {
      pollMs: options.pollMs ?? 5_000,
      onError: options.onError,
    });
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** One round (tests drive it under their own clock). */
  runOnce(): Promise<number> {
    return runDueDrills(this.deps, this.sink, this.owner, this.options.onError);
  }
}
