import { FenghuoError } from '../../domain/errors.js';
import type { Deps } from '../context.js';
import { ChangeFeed, type LiveEvent } from './change-feed.js';

/** One live connection, as the hub sees it (the API's server-sent-events stream). */
export interface LiveSubscriber {
  /** The changes of one poll; called with the same array for every subscriber. */
  deliver(events: readonly LiveEvent[]): void;
  /** Keeps an idle connection from being cut by a proxy. */
  ping(): void;
  /** The hub is closing: end the connection. */
  close(): void;
}

export interface LiveHubOptions {
  /** How often the database is asked what changed, while anyone listens. */
  pollMs: number;
  pingMs: number;
  /** How far back each poll reads again: the longest a write may take from stamp to commit. */
  lookbackMs: number;
  /** Connections per process; more are refused with 503. */
  maxClients: number;
  onError: (err: unknown) => void;
}

export const DEFAULT_LIVE_OPTIONS: Omit<LiveHubOptions, 'onError'> = {
  pollMs: 250,
  pingMs: 15_000,
  lookbackMs: 5_000,
  maxClients: 1_000,
};

/**
 * The process's live changes: one feed polled for every connection, and only while there is at
 * least one. The first subscriber primes the feed (so it hears of changes committed from then on),
 * the last one to leave stops the timers and drops the feed's memory.
 */
export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  /** Subscribers waiting for the feed to be primed: they count against the cap and keep it running. */
  private joining = 0;
  private feed: ChangeFeed | null = null;
  private starting: Promise<void> | null = null;
  private polling: Promise<void> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The last poll failed: the next failures are not reported again (every 250 ms) until one succeeds. */
  private failing = false;

  constructor(
    private readonly deps: Pick<Deps, 'store' | 'clock'>,
    private readonly options: LiveHubOptions,
  ) {}

  /** Connections now. */
  get clients(): number {
    return this.subscribers.size;
  }

  /** Whether the hub polls (it does exactly while someone listens). */
  get active(): boolean {
    return this.feed !== null || this.pollTimer !== null || this.pingTimer !== null;
  }

  /** Adds a subscriber once the feed is primed; returns how to remove it. 503 when full or closing. */
  async subscribe(subscriber: LiveSubscriber): Promise<() => void> {
    if (this.closed) throw new FenghuoError('unavailable', 'the server is shutting down');
    if (this.subscribers.size + this.joining >= this.options.maxClients) {
      throw new FenghuoError('unavailable', `this server already has ${this.options.maxClients} live connections; try another or later`);
    }
    this.joining += 1;
    try {
      await this.start();
    } finally {
      this.joining -= 1;
    }
    if (this.closed) throw new FenghuoError('unavailable', 'the server is shutting down');
    this.subscribers.add(subscriber);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.subscribers.delete(subscriber);
      this.stopIfIdle();
    };
  }

  /** Ends every connection and stops polling; waits for a poll in progress. */
  async close(): Promise<void> {
    this.closed = true;
    for (const subscriber of [...this.subscribers]) subscriber.close();
    this.subscribers.clear();
    await this.starting?.catch(() => undefined);
    this.stop();
    await this.polling;
  }

  private start(): Promise<void> {
    if (this.feed) return Promise.resolve();
    this.starting ??= this.prime().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async prime(): Promise<void> {
    const feed = new ChangeFeed(this.deps, this.options.lookbackMs);
    await feed.prime();
    if (this.closed) return;
    this.feed = feed;
    this.schedulePoll();
    this.pingTimer = setInterval(() => this.each((s) => s.ping()), this.options.pingMs);
    this.pingTimer.unref();
  }

  private schedulePoll(): void {
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      const polling = this.pollOnce().finally(() => {
        if (this.polling === polling) this.polling = null;
      });
      this.polling = polling;
    }, this.options.pollMs);
    this.pollTimer.unref();
  }

  private async pollOnce(): Promise<void> {
    const feed = this.feed;
    if (!feed) return;
    try {
      const events = await feed.poll();
      this.failing = false;
      if (events.length > 0 && this.feed === feed) this.each((s) => s.deliver(events));
    } catch (err) {
      if (!this.failing) this.options.onError(err);
      this.failing = true;
    }
    // Stopped meanwhile (and perhaps started again, with a new feed and its own timer): done.
    if (this.feed === feed) this.schedulePoll();
  }

  private each(fn: (s: LiveSubscriber) => void): void {
    for (const subscriber of [...this.subscribers]) {
      try {
        fn(subscriber);
      } catch (err) {
        this.options.onError(err);
      }
    }
  }

  private stopIfIdle(): void {
    if (this.subscribers.size === 0 && this.joining === 0) this.stop();
  }

  private stop(): void {
    this.feed = null;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pollTimer = null;
    this.pingTimer = null;
  }
}
