import type { Clock } from '../operations/context.js';

export interface PollingWorkerOptions {
  /** Longest sleep between rounds: other nodes queue work without waking us. */
  pollMs: number;
  onError?: (err: unknown) => void;
}

/**
 * The loop of an outbox worker, as the Pager runs it: one round at a time; woken during a round,
 * another round follows at once; otherwise asleep until the next due time, at most `pollMs`.
 */
export class PollingWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly clock: Clock,
    private readonly round: () => Promise<unknown>,
    private readonly nextDueAt: () => Promise<number | null>,
    private readonly options: PollingWorkerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Stops sleeping and waits for the round in progress, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.round();
      } catch (err) {
        this.options.onError?.(err);
      }
    } while (this.again && !this.stopped);
    if (!this.stopped) await this.sleep();
  }

  private async sleep(): Promise<void> {
    const now = this.clock.now();
    let next = now + this.options.pollMs;
    try {
      const due = await this.nextDueAt();
      if (due !== null) next = Math.min(next, due);
    } catch (err) {
      this.options.onError?.(err);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => this.wake(), Math.max(0, next - now));
    this.timer.unref();
  }
}
