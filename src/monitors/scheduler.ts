/** A recurring check as the scheduler sees it. */
export interface ScheduledJob {
  key: string;
  intervalMs: number;
  /** Offset within the interval, so that jobs with the same interval do not start together. */
  phaseMs: number;
}

export interface SchedulerOptions<J extends ScheduledJob> {
  /** Most checks running at once; due checks beyond it wait their turn, in order. */
  concurrency: number;
  /** Monotonic-enough epoch ms. */
  now(): number;
  /** Runs one check; `plannedAt` is when it was due. Must not reject. */
  run(job: J, plannedAt: number, signal: AbortSignal): Promise<void>;
  /** Called as each check starts, with how late it started (ms). */
  onStart?(lagMs: number): void;
  /** Called when a check is due while its previous run is still going (it is skipped). */
  onOverrun?(job: J): void;
}

interface Entry<J> {
  due: number;
  job: J;
  generation: number;
}

/**
 * One scheduler for every monitor: a binary min-heap of next start times and a single timer
 * set to the earliest. Starts are spread by each job's phase; at most `concurrency` checks run
 * at once and the rest wait in arrival order (back-pressure, not a pile-up of sockets); a job
 * never runs twice at once, so a slow target only ever holds its own slot.
 */
export class CheckScheduler<J extends ScheduledJob> {
  private heap: Array<Entry<J>> = [];
  private readonly generations = new Map<string, number>();
  private readonly running = new Set<string>();
  /** Due checks waiting for a slot, oldest first from `head`. */
  private waiting: Array<{ job: J; due: number }> = [];
  private head = 0;
  private readonly queuedKeys = new Set<string>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private stopped = true;
  private readonly abort = new AbortController();
  private idle: Array<() => void> = [];

  constructor(private readonly options: SchedulerOptions<J>) {}

  get size(): number {
    return this.generations.size;
  }

  get active(): number {
    return this.inFlight;
  }

  get queued(): number {
    return this.waiting.length - this.head;
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /** Stops starting checks, aborts running ones and waits for them to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    this.waiting = [];
    this.head = 0;
    this.queuedKeys.clear();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Adds a job or replaces the one with its key; it next runs at its phase in the interval. */
  upsert(job: J): void {
    const generation = (this.generations.get(job.key) ?? 0) + 1;
    this.generations.set(job.key, generation);
    this.push({ due: this.nextDue(job, this.options.now()), job, generation });
  }

  remove(key: string): void {
    // A waiting run of it is dropped when its turn comes (its generation is gone).
    this.generations.delete(key);
  }

  /** Runs a job as soon as a slot is free, outside its rhythm ("check now"). */
  runNow(key: string): boolean {
    const generation = this.generations.get(key);
    const entry = generation === undefined ? undefined : this.heap.find((e) => e.job.key === key && e.generation === generation);
    if (!entry) return false;
    this.enqueue(entry.job, this.options.now());
    return true;
  }

  /** The next start at or after `from` that matches the job's phase. */
  private nextDue(job: J, from: number): number {
    const offset = (((job.phaseMs - from) % job.intervalMs) + job.intervalMs) % job.intervalMs;
    return from + offset;
  }

  private push(entry: Entry<J>): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry<J>;
      if (p.due <= entry.due) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
    if (entry.due < this.timerAt) this.arm();
  }

  private pop(): Entry<J> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const child = r < heap.length && (heap[r] as Entry<J>).due < (heap[l] as Entry<J>).due ? r : l;
      if ((heap[child] as Entry<J>).due >= last.due) break;
      heap[i] = heap[child] as Entry<J>;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.heap[0];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    if (!next) return;
    this.timerAt = next.due;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next.due - this.options.now()));
  }

  private fire(): void {
    this.timer = null;
    this.timerAt = Infinity;
    const now = this.options.now();
    while (this.heap.length > 0 && (this.heap[0] as Entry<J>).due <= now) {
      const entry = this.pop() as Entry<J>;
      if (this.generations.get(entry.job.key) !== entry.generation) continue;
      this.enqueue(entry.job, entry.due);
      // The next run keeps to the rhythm; a job that fell more than an interval behind skips ahead.
      const next = entry.due + entry.job.intervalMs;
      this.push({ ...entry, due: next > now ? next : this.nextDue(entry.job, now + 1) });
    }
    this.arm();
  }

  private enqueue(job: J, due: number): void {
    if (this.running.has(job.key) || this.queuedKeys.has(job.key)) {
      this.options.onOverrun?.(job);
      return;
    }
    this.queuedKeys.add(job.key);
    this.waiting.push({ job, due });
    this.drain();
  }

  private drain(): void {
    while (!this.stopped && this.inFlight < this.options.concurrency && this.head < this.waiting.length) {
      const { job, due } = this.waiting[this.head++] as { job: J; due: number };
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      this.queuedKeys.delete(job.key);
      if (!this.generations.has(job.key) || this.running.has(job.key)) continue;
      this.inFlight++;
      this.running.add(job.key);
      this.options.onStart?.(Math.max(0, this.options.now() - due));
      void this.options.run(job, due, this.abort.signal).finally(() => {
        this.inFlight--;
        this.running.delete(job.key);
        if (this.inFlight === 0 && this.stopped) for (const resolve of this.idle.splice(0)) resolve();
        this.drain();
      });
    }
  }
}
