// `fenghuo agent`: a probe location away from the server. It asks the server which monitors its
// location runs, runs them on the same scheduler the server uses, and uploads the results.
//
// Results are held in memory until the server has committed them (202). When the server cannot
// be reached (refused, timed out, 5xx), the checks go on, results pile up in a bounded buffer
// (the oldest are dropped when it is full, and counted) and the upload is retried with backoff;
// once the server answers again the backlog goes out, oldest first, batch after batch. Delivery
// is at least once: a batch whose answer was lost is sent again; the server keeps one raw result
// per (monitor, location, start time). With `--spool FILE` what is still unsent when the agent
// stops is written there and sent first when it starts again (spool.ts).

import { setTimeout as sleep } from 'node:timers/promises';
import { ProbeRunner } from '../probe-runner.js';
import type { MonitorResult } from '../result-sink.js';
import { AgentServer, type AgentAssignment } from './server-api.js';
import { readSpool, writeSpool } from './spool.js';
import { UploadBuffer } from './upload-buffer.js';

/** The server takes at most this many results per request. */
export const MAX_BATCH = 5_000;
/** Batches stay well under the server's default body limit (1 MiB); a 413 halves this. */
const MAX_BATCH_BYTES = 512 * 1024;
const MIN_BATCH_BYTES = 512;
/** The server's limit on a result's error text. */
const MAX_ERROR_CHARS = 500;
const MAX_LATENCY_MS = 2_147_483_647;
/** Repeated complaints (server away, token refused, buffer full) are logged at most this often. */
const REPEAT_LOG_MS = 60_000;
const DROP_LOG_MS = 10_000;

export interface AgentLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface AgentOptions {
  /** The Fenghuo server's base URL (`https://fenghuo.example.com`). */
  server: string;
  /** The location's agent token (`fha_…`). */
  token: string;
  /** The location this agent is; the server must say the token is this location's. */
  location: string;
  /** Checks running at once (default 256). */
  concurrency?: number;
  /** How often the monitor list is fetched again (default 30 s). */
  pollMs?: number;
  /** How often buffered results are sent (default 1 s). */
  uploadMs?: number;
  /** Most results held for upload; beyond it the oldest are dropped (default 100,000). */
  maxBuffer?: number;
  log: AgentLog;
  /** Per-request timeout (default 10 s). */
  requestTimeoutMs?: number;
  /** Wait after a failed request: starts at `first`, doubles up to `max` (default 1 s → 30 s). */
  retryMs?: { first: number; max: number };
  /** How long `stop()` may spend sending what is still buffered (default 5 s). */
  finalUploadMs?: number;
  /**
   * Where results still unsent at stop are kept, to be sent first by the next start (none: they
   * are lost with the process). Results are in memory while the agent runs: a kill -9 loses them.
   */
  spoolFile?: string;
  now?(): number;
}

/** The agent cannot start as configured (exit code 2): the token is refused, or is another location's. */
export class AgentStartError extends Error {
  override readonly name = 'AgentStartError';
}

export interface AgentStats {
  /** The monitor list's generation last applied; null before the first. */
  generation: number | null;
  monitors: number;
  /** Results the checks produced. */
  results: number;
  /** Results the server accepted. */
  uploaded: number;
  /** Results waiting, and on the wire. */
  queued: number;
  inFlight: number;
  /** Results dropped because the buffer was full (the oldest). */
  dropped: number;
  /** Results the server refused for good (a 4xx other than 401/403/413); dropped too. */
  rejected: number;
}

export interface AgentHandle {
  /**
   * Settles once the agent runs: resolves after the first monitor list (retrying while the server
   * is unreachable), or rejects with AgentStartError. Also resolves if stopped before that.
   */
  readonly ready: Promise<void>;
  stats(): AgentStats;
  /** Stops the checks, tries to send what is buffered (bounded by `finalUploadMs`), and resolves. */
  stop(): Promise<void>;
}

/** Starts a probe agent; see AgentHandle for how it comes up and goes down. */
export function runAgent(options: AgentOptions): AgentHandle {
  const agent = new ProbeAgent(options);
  const ready = agent.start();
  // The caller awaits it; a rejection is not unhandled meanwhile.
  ready.catch(() => undefined);
  return { ready, stats: () => agent.stats(), stop: () => agent.stop() };
}

type UploadOutcome = 'ok' | 'more' | 'retry-now' | 'dropped' | 'unauthorized' | 'unavailable';

class ProbeAgent {
  private readonly server: AgentServer;
  private readonly buffer: UploadBuffer;
  private readonly log: AgentLog;
  private readonly now: () => number;
  private readonly pollMs: number;
  private readonly uploadMs: number;
  private readonly retry: { first: number; max: number };
  private readonly finalUploadMs: number;
  private runner: ProbeRunner | null = null;
  private generation: number | null = null;
  private monitors = 0;
  private results = 0;
  private uploaded = 0;
  private rejected = 0;
  private batchBytes = MAX_BATCH_BYTES;
  private stopping = false;
  /** Aborted by stop(): waits end, a monitor-list request is cancelled. */
  private readonly halt = new AbortController();
  /** Aborted `finalUploadMs` after stop(): an upload still on the wire gives up. */
  private readonly deadline = new AbortController();
  private loops: Array<Promise<void>> = [];
  private stopped: Promise<void> | null = null;
  private uploadFailingSince: number | null = null;
  private uploadFailureLoggedAt = 0;
  private pollFailing = false;
  private unauthorizedLoggedAt = 0;
  private dropsUnlogged = 0;
  private dropLoggedAt = 0;
  /** The spool read at start (stop waits for it before writing the spool again). */
  private spoolRead: Promise<void> = Promise.resolve();
  /** Results from the spool are still waiting: the spool is removed once they are uploaded. */
  private spoolPending = false;
  /** The spool could not be read at start: it is left as it is, never overwritten. */
  private spoolUnreadable = false;

  constructor(private readonly options: AgentOptions) {
    this.server = new AgentServer(options.server, options.token, positive(options.requestTimeoutMs ?? 10_000, 'requestTimeoutMs'));
    this.buffer = new UploadBuffer(options.maxBuffer ?? 100_000);
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.pollMs = positive(options.pollMs ?? 30_000, 'pollMs');
    this.uploadMs = positive(options.uploadMs ?? 1_000, 'uploadMs');
    this.retry = options.retryMs ?? { first: 1_000, max: 30_000 };
    positive(this.retry.first, 'retryMs.first');
    positive(this.retry.max, 'retryMs.max');
    this.finalUploadMs = options.finalUploadMs ?? 5_000;
  }

  stats(): AgentStats {
    return {
      generation: this.generation,
      monitors: this.monitors,
      results: this.results,
      uploaded: this.uploaded,
      queued: this.buffer.queued,
      inFlight: this.buffer.inFlight,
      dropped: this.buffer.dropped,
      rejected: this.rejected,
    };
  }

  /** Fetches the first monitor list (retrying while the server is away), then starts everything. */
  async start(): Promise<void> {
    this.spoolRead = this.readSpool();
    await this.spoolRead;
    let delay = this.retry.first;
    for (;;) {
      if (this.stopping) return;
      const answer = await this.server.assignment(this.halt.signal);
      if (this.stopping) return;
      switch (answer.kind) {
        case 'ok':
          if (answer.value.location !== this.options.location) {
            throw new AgentStartError(
              `the token is location "${answer.value.location}"'s, but this agent was started as --location ${this.options.location}`,
            );
          }
          this.begin(answer.value);
          return;
        case 'unauthorized':
          throw new AgentStartError(
            `the server at ${this.server.url} refused the token (${answer.status}): use the token shown when location "${this.options.location}" was created or its token last rotated`,
          );
        case 'rejected':
          throw new AgentStartError(`the server at ${this.server.url} does not offer the agent API (${answer.reason}); check --server`);
        case 'too-large':
        case 'unavailable':
          this.log.warn('server not reachable; retrying', {
            server: this.server.url,
            error: answer.kind === 'unavailable' ? answer.reason : '413',
            retryInMs: delay,
          });
          await this.wait(delay);
          delay = Math.min(delay * 2, this.retry.max);
      }
    }
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  /** The last run's unsent results go first; an unreadable spool is logged and left as it is. */
  private async readSpool(): Promise<void> {
    const file = this.options.spoolFile;
    if (!file) return;
    try {
      const { items, skipped } = await readSpool(file);
      for (const item of items) this.noteDropped(this.buffer.add(item));
      this.spoolPending = items.length > 0;
      if (items.length > 0 || skipped > 0) this.log.info('results kept from the last run', { file, results: items.length, skipped });
    } catch (err) {
      this.spoolUnreadable = true;
      this.log.error('cannot read the spool; starting without it', { file, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** At stop: what is still unsent replaces the spool (nothing unsent: the spool is removed). */
  private async writeSpool(): Promise<void> {
    const file = this.options.spoolFile;
    if (!file) return;
    const unsent = this.buffer.unsent();
    if (this.spoolUnreadable) {
      this.log.error('the spool could not be read at start: left as it was, the unsent results are lost', { file, results: unsent.length });
      return;
    }
    try {
      await writeSpool(file, unsent);
      if (unsent.length > 0) this.log.info('unsent results kept for the next start', { file, results: unsent.length });
    } catch (err) {
      this.log.error('cannot write the spool: the unsent results are lost', {
        file,
        results: unsent.length,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private begin(assignment: AgentAssignment): void {
    this.runner = new ProbeRunner({
      location: assignment.location,
      concurrency: positive(this.options.concurrency ?? 256, 'concurrency'),
      now: this.now,
      report: (result) => this.collect(result),
      onError: (err) => this.log.error('check failed', { error: err instanceof Error ? err.message : String(err) }),
    });
    this.apply(assignment);
    this.runner.start();
    this.log.info('agent started', {
      server: this.server.url,
      location: assignment.location,
      monitors: this.monitors,
      generation: this.generation,
    });
    this.loops.push(this.pollLoop(), this.uploadLoop());
  }

  /** A new monitor list takes effect; an unchanged generation means an unchanged list. */
  private apply(assignment: AgentAssignment): void {
    if (assignment.generation === this.generation) return;
    const first = this.generation === null;
    this.runner?.sync(assignment.monitors);
    this.generation = assignment.generation;
    this.monitors = assignment.monitors.length;
    if (!first) this.log.info('monitors updated', { generation: this.generation, monitors: this.monitors });
  }

  /** A check's result, in the wire form the server's schema takes. */
  private collect(r: MonitorResult): void {
    this.results++;
    const wire = JSON.stringify({
      monitorId: r.monitorId,
      at: Math.round(r.at),
      status: r.status,
      latencyMs: r.latencyMs === null ? null : Math.min(Math.max(Math.round(r.latencyMs), 0), MAX_LATENCY_MS),
      error: r.error === null ? null : r.error.slice(0, MAX_ERROR_CHARS).toWellFormed(),
    });
    this.noteDropped(this.buffer.add(wire));
  }

  private noteDropped(count: number): void {
    this.dropsUnlogged += count;
    if (this.dropsUnlogged === 0) return;
    const now = this.now();
    if (now - this.dropLoggedAt < DROP_LOG_MS && !this.stopping) return;
    this.log.warn('upload buffer full: dropped the oldest results', {
      dropped: this.dropsUnlogged,
      droppedTotal: this.buffer.dropped,
      capacity: this.buffer.capacity,
    });
    this.dropsUnlogged = 0;
    this.dropLoggedAt = now;
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopping) {
      await this.wait(this.pollMs);
      if (this.stopping) return;
      const answer = await this.server.assignment(this.halt.signal);
      if (this.stopping) return;
      if (answer.kind === 'ok') {
        if (answer.value.location !== this.options.location) {
          this.log.error('the server says the token is another location’s; keeping the last monitor list', {
            location: this.options.location,
            serverSays: answer.value.location,
          });
          continue;
        }
        if (this.pollFailing) this.log.info('monitor list fetched again', { generation: answer.value.generation });
        this.pollFailing = false;
        this.apply(answer.value);
      } else if (answer.kind === 'unauthorized') {
        this.logUnauthorized(answer.status);
      } else {
        if (!this.pollFailing) {
          this.log.warn('could not fetch the monitor list; running the last one', {
            error: answer.kind === 'rejected' || answer.kind === 'unavailable' ? answer.reason : '413',
          });
        }
        this.pollFailing = true;
      }
    }
  }

  private async uploadLoop(): Promise<void> {
    let delay = this.retry.first;
    while (!this.stopping) {
      if (this.buffer.queued === 0) {
        if (this.spoolPending && this.buffer.inFlight === 0) await this.spoolDelivered();
        await this.wait(this.uploadMs);
        continue;
      }
      const outcome = await this.uploadBatch(this.deadline.signal);
      if (outcome !== 'unavailable') delay = this.retry.first;
      switch (outcome) {
        case 'more':
        case 'retry-now':
          break; // a backlog goes out batch after batch
        case 'ok':
        case 'dropped':
          await this.wait(this.uploadMs);
          break;
        case 'unauthorized':
          await this.wait(this.retry.max);
          break;
        case 'unavailable':
          await this.wait(delay);
          delay = Math.min(delay * 2, this.retry.max);
          break;
      }
    }
  }

  /** Sends the oldest batch and settles it with the buffer. */
  private async uploadBatch(signal: AbortSignal): Promise<UploadOutcome> {
    const queuedBefore = this.buffer.queued;
    const items = this.buffer.take(MAX_BATCH, this.batchBytes);
    const answer = await this.server.results(items, signal);
    switch (answer.kind) {
      case 'ok':
        this.buffer.ack();
        this.uploaded += items.length;
        if (this.uploadFailingSince !== null) {
          this.log.info('server reachable again; sending the buffered results', {
            unreachableForMs: this.now() - this.uploadFailingSince,
            queued: this.buffer.queued,
          });
        }
        this.uploadFailingSince = null;
        this.unauthorizedLoggedAt = 0;
        return items.length < queuedBefore ? 'more' : 'ok';
      case 'too-large':
        if (items.length === 1) return this.refuse(items.length, '413: a single result is larger than the server takes');
        this.noteDropped(this.buffer.nack());
        this.batchBytes = Math.max(MIN_BATCH_BYTES, Math.floor(this.batchBytes / 2));
        this.log.warn('the server found a batch too large; sending smaller ones', { batchBytes: this.batchBytes });
        return 'retry-now';
      case 'rejected':
        return this.refuse(items.length, answer.reason);
      case 'unauthorized':
        this.noteDropped(this.buffer.nack());
        this.logUnauthorized(answer.status);
        return 'unauthorized';
      case 'unavailable': {
        this.noteDropped(this.buffer.nack());
        const now = this.now();
        if (!this.stopping && (this.uploadFailingSince === null || now - this.uploadFailureLoggedAt >= REPEAT_LOG_MS)) {
          this.log.warn('cannot upload results; keeping them and retrying', { error: answer.reason, queued: this.buffer.queued });
          this.uploadFailureLoggedAt = now;
        }
        this.uploadFailingSince ??= now;
        return 'unavailable';
      }
    }
  }

  /** A batch the server will never take (a 4xx): dropped, so that it does not block the rest. */
  private refuse(count: number, reason: string): UploadOutcome {
    this.buffer.discard();
    this.rejected += count;
    this.log.error('the server refused a batch of results; dropping it', { results: count, error: reason });
    return 'dropped';
  }

  /**
   * After having worked, a refused token is not fatal: the checks go on and results are kept (up
   * to the buffer's bound) while the request is retried every `retry.max`.
   */
  private logUnauthorized(status: number): void {
    const now = this.now();
    if (now - this.unauthorizedLoggedAt < REPEAT_LOG_MS) return;
    this.unauthorizedLoggedAt = now;
    this.log.error('the server refuses this agent’s token; still checking and buffering, retrying', {
      status,
      location: this.options.location,
      queued: this.buffer.queued,
      hint: 'was the location’s token rotated or the location deleted? restart the agent with the current token',
    });
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    const deadline = setTimeout(() => this.deadline.abort(), this.finalUploadMs);
    this.halt.abort();
    try {
      await this.runner?.stop();
      // The upload loop settles the batch on the wire first (bounded by the deadline).
      await Promise.all(this.loops);
      if (!this.runner) return;
      const before = this.uploaded;
      while (this.buffer.queued > 0 && !this.deadline.signal.aborted) {
        const outcome = await this.uploadBatch(this.deadline.signal);
        if (outcome === 'unavailable' || outcome === 'unauthorized') break;
      }
      this.noteDropped(0);
      this.log.info('agent stopped', {
        uploadedAtStop: this.uploaded - before,
        unsent: this.buffer.queued + this.buffer.inFlight,
        dropped: this.buffer.dropped,
      });
    } finally {
      clearTimeout(deadline);
      await this.spoolRead;
      await this.writeSpool();
    }
  }

  /** Everything the spool held has been uploaded: a crash from now on must not send it again. */
  private async spoolDelivered(): Promise<void> {
    this.spoolPending = false;
    if (!this.options.spoolFile) return;
    await writeSpool(this.options.spoolFile, []).catch((err: unknown) =>
      this.log.warn('cannot remove the delivered spool', { error: err instanceof Error ? err.message : String(err) }),
    );
  }

  private wait(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.halt.signal }).catch(() => undefined);
  }
}

function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
