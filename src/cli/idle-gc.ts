import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives memory back after a burst. Under load V8 lets garbage pile up in the old generation
 * (objects that lived across a batch's commit), and once the load stops nothing allocates, so no
 * collection comes to free it: after an alert storm the server sat at 250–340 MB with about 50 MB
 * live (docs/benchmarks.md). When ingest has stopped and the heap has held still for a few
 * seconds, and enough has piled up since the last full collection (or enough heap is held unused)
 * to be worth one, this collects (two full collections in a row, 76 ms measured, on a quiet server;
 * never while ingest is moving).
 */
export interface IdleGcOptions {
  /** How often to look. */
  intervalMs: number;
  /** Quiet looks in a row before collecting. */
  quietSamples: number;
  /** Heap change between two looks that still counts as quiet. */
  quietBytes: number;
  /**
   * What makes a collection worth its pause: this much garbage since the last full collection, or
   * this much more heap held but unused than our last collection left (V8 collected by itself and
   * kept the pages).
   */
  minGarbageBytes: number;
}

export const DEFAULT_IDLE_GC: IdleGcOptions = {
  intervalMs: 1_000,
  quietSamples: 2,
  quietBytes: 4 * 1024 * 1024,
  minGarbageBytes: 32 * 1024 * 1024,
};

export interface HeapFigures {
  /** Bytes in use (live and not yet collected). */
  used: number;
  /** Bytes V8 holds for the heap. */
  committed: number;
}

export interface IdleGcProbes {
  heap: () => HeapFigures;
  /** A number that changes whenever ingest did something (committed batches). */
  activity: () => number;
  /** Collect everything that can be collected (processProbes: two full collections). */
  collect: () => void;
}

export interface IdleCollection {
  before: HeapFigures;
  after: HeapFigures;
  ms: number;
}

export class IdleCollector {
  private timer: NodeJS.Timeout | null = null;
  private quietRun = 0;
  private lastUsed: number;
  private lastActivity: number;
  /** Heap in use after the last full collection we saw (ours or V8's own). */
  private baseline: number;
  /** Heap held but unused after our last collection (or at the start). */
  private slackFloor: number;

  constructor(
    private readonly probes: IdleGcProbes,
    private readonly onCollect: (c: IdleCollection) => void = () => undefined,
    private readonly options: IdleGcOptions = DEFAULT_IDLE_GC,
  ) {
    const heap = probes.heap();
    this.lastUsed = heap.used;
    this.lastActivity = probes.activity();
    this.baseline = heap.used;
    this.slackFloor = heap.committed - heap.used;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look; collects when the heap has been quiet long enough and holds enough to give back. */
  tick(): IdleCollection | null {
    const before = this.probes.heap();
    const used = before.used;
    const activity = this.probes.activity();
    const quiet = activity === this.lastActivity && Math.abs(used - this.lastUsed) <= this.options.quietBytes;
    this.quietRun = quiet ? this.quietRun + 1 : 0;
    this.lastUsed = used;
    this.lastActivity = activity;
    // V8 collected by itself: what is left is closer to what is live.
    this.baseline = Math.min(this.baseline, used);
    if (this.quietRun < this.options.quietSamples) return null;
    const garbage = used - this.baseline;
    const slack = before.committed - used - this.slackFloor;
    if (garbage < this.options.minGarbageBytes && slack < this.options.minGarbageBytes) return null;

    const started = performance.now();
    this.probes.collect();
    const after = this.probes.heap();
    const collection = { before, after, ms: performance.now() - started };
    this.baseline = after.used;
    this.slackFloor = after.committed - after.used;
    this.lastUsed = after.used;
    this.quietRun = 0;
    this.onCollect(collection);
    return collection;
  }
}

/**
 * V8's full collection as a function: `globalThis.gc` when node ran with --expose-gc, otherwise
 * obtained the documented way for a running process (the flag set, one fresh context created to
 * read its `gc`, the flag cleared again so no other context gets one). Null if V8 refuses.
 */
export function fullCollection(): (() => void) | null {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return () => (existing as () => void)();
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/**
 * The probes of this process: V8's heap, the ingest engine's batch count, and two full collections
 * back to back: the first frees the garbage but leaves the survivors scattered over many pages;
 * the second moves them together so those pages go back to the system (after the ingest bench:
 * heap held 151 MB with one, 89 MB with two, for 49 MB live; docs/benchmarks.md).
 */
export function processProbes(activity: () => number): IdleGcProbes | null {
  const collect = fullCollection();
  if (!collect) return null;
  return {
    heap: () => {
      const stats = getHeapStatistics();
      return { used: stats.used_heap_size, committed: stats.total_heap_size };
    },
    activity,
    collect: () => {
      collect();
      collect();
    },
  };
}
