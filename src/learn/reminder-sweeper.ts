import type { Deps } from '../operations/context.js';
import { sweepReminders } from '../operations/learn/sweep-reminders.js';
import { PollingWorker } from '../notify/polling-worker.js';

/**
 * Runs the reminder sweep (operations/learn/sweep-reminders.ts) on a timer. Every node that runs
 * the paging worker runs one; the sweep is idempotent, so nodes need no lease to share it.
 */
export class ReminderSweeper {
  private readonly worker: PollingWorker;

  constructor(deps: Deps, options: { everyMs?: number; onError?: (err: unknown) => void } = {}) {
    this.worker = new PollingWorker(
      deps.clock,
      () => sweepReminders(deps),
      () => Promise.resolve(null),
      {
        // Ten minutes before a one-hour clock must not arrive late by much: sweep every 30 s.
        pollMs: options.everyMs ?? 30_000,
        onError: options.onError,
      },
    );
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }
}
