import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { FenghuoError } from '../domain/errors.js';
import type { StatusSnapshot } from '../domain/status/snapshot.js';
import type { Clock } from '../operations/context.js';
import { nextTransitionAt } from './transitions.js';

/**
 * Public status pages served from memory. Per page: the latest snapshot and, per representation
 * (html-zh, html-en, json, feeds, badges), the rendered bytes with their ETag. Nothing expires on
 * a timer: a change (a new page version seen by the poller, an explicit invalidate, the snapshot's
 * next transition time passing) starts one rebuild in the background while readers keep getting
 * the previous bytes; when it lands, the representations readers asked for are re-rendered at once
 * and swapped in. Only the first request for a page ever waits, and concurrent first requests
 * wait for the same build (single flight).
 */

/** What the poller knows of a page: enough to route a request without touching the database. */
export interface PageRef {
  id: string;
  slug: string;
  /** Custom domains, lower-case, without port. */
  hostnames: readonly string[];
  version: number;
}

/** Where the cache gets its data; one cheap listing per poll, one build per change. */
export interface StatusSource {
  /** Every page's id, slug, host names and version. */
  listPages(): Promise<PageRef[]>;
  /** The page's snapshot as of `now`; null when the page no longer exists. */
  buildSnapshot(pageId: string, now: number): Promise<StatusSnapshot | null>;
}

export interface RenderOutput {
  body: string;
  contentType: string;
}

/** Renders one representation from a snapshot; null when it does not exist (an unknown component). */
export type Renderer = (snapshot: StatusSnapshot) => RenderOutput | null;

export interface Rendered {
  body: Buffer;
  /** Pre-compressed once per build; null for small bodies. */
  gzip: Buffer | null;
  /** Brotli, made with gzip (about half its size for a page of 90-day bars); null for small bodies. */
  br: Buffer | null;
  etag: string;
  gzipEtag: string;
  brEtag: string;
  contentType: string;
  /** The snapshot's build time, to the second (HTTP dates have no milliseconds). */
  lastModifiedMs: number;
  lastModified: string;
}

export interface StatusCacheOptions {
  clock: Clock;
  /** How often the poller lists page versions; default 500 ms. */
  pollMs?: number;
  /** Builds running at once across all pages; default 2 (one per core). */
  maxConcurrentBuilds?: number;
  /** After a failed build, how long before another is tried; default 1 s. */
  retryMs?: number;
  onError?: (err: unknown, pageId: string | null) => void;
}

interface PageEntry {
  snapshot: StatusSnapshot | null;
  reprs: Map<string, Rendered>;
  renderers: Map<string, Renderer>;
  staleAt: number;
  knownVersion: number;
  generation: number;
  builtGeneration: number;
  building: Promise<void> | null;
  failedAt: number | null;
}

/** Keys per page are bounded by the routes (locales × kinds × components); this is a backstop. */
const MAX_REPRESENTATIONS = 512;
const GZIP_MIN_BYTES = 1024;

/**
 * Quality 6 of 11. Every build compresses each representation it renders, and an update must reach
 * readers within a second: on the status bench's 544 KB page (node:zlib, timed once by hand, not a
 * bench) quality 6 gave 6.0 KB in ~5 ms, 9 gave 5.6 KB in 58 ms and 11 5.3 KB in 118 ms (gzip
 * 12.4 KB in 4 ms).
 */
function brotli(body: Buffer): Buffer {
  return brotliCompressSync(body, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 6,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Bytes, strong ETag (content hash) and pre-compressed variant of one rendered representation. */
export function encodeRendered(output: RenderOutput, builtAt: number): Rendered {
  const body = Buffer.from(output.body, 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const seconds = Math.floor(builtAt / 1000) * 1000;
  return {
    body,
    gzip: body.length >= GZIP_MIN_BYTES ? gzipSync(body) : null,
    br: body.length >= GZIP_MIN_BYTES ? brotli(body) : null,
    etag: `"${hash}"`,
    gzipEtag: `"${hash}-gz"`,
    brEtag: `"${hash}-br"`,
    contentType: output.contentType,
    lastModifiedMs: seconds,
    lastModified: new Date(seconds).toUTCString(),
  };
}

export class StatusCache {
  /** Builds completed, polls completed, builds failed: for tests and metrics. */
  readonly stats = { builds: 0, polls: 0, failures: 0 };
  private bySlug = new Map<string, PageRef>();
  private byHost = new Map<string, PageRef>();
  private byId = new Map<string, PageRef>();
  private indexed = false;
  private readonly pages = new Map<string, PageEntry>();
  private polling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly maxBuilds: number;
  private readonly retryMs: number;
  private readonly onError: (err: unknown, pageId: string | null) => void;

  constructor(
    private readonly source: StatusSource,
    options: StatusCacheOptions,
  ) {
    this.clock = options.clock;
    this.pollMs = options.pollMs ?? 500;
    this.maxBuilds = Math.max(1, options.maxConcurrentBuilds ?? 2);
    this.retryMs = options.retryMs ?? 1000;
    this.onError = options.onError ?? (() => undefined);
  }

  /**
   * Resolves once the page index is loaded; the first call starts the poller, so a node that
   * never serves a status page never polls. Returns null when already loaded (no await needed).
   */
  ready(): Promise<void> | null {
    if (this.indexed) return null;
    if (this.stopped) return Promise.reject(new FenghuoError('unavailable', 'status cache stopped'));
    this.schedule();
    return this.poll().catch((err: unknown) => {
      this.onError(err, null);
      throw new FenghuoError('unavailable', 'status pages cannot be listed right now; try again shortly');
    });
  }

  /** True once the page index is loaded (no side effect, unlike `ready`). */
  get isIndexed(): boolean {
    return this.indexed;
  }

  findBySlug(slug: string): PageRef | undefined {
    return this.bySlug.get(slug) ?? this.bySlug.get(slug.toLowerCase());
  }

  findByHost(hostname: string): PageRef | undefined {
    return this.byHost.get(hostname);
  }

  /** The page's current snapshot if one is in memory (the hot path, synchronous); a due rebuild starts in the background. */
  current(pageId: string): StatusSnapshot | undefined {
    const entry = this.pages.get(pageId);
    if (entry?.snapshot == null) return undefined;
    this.refreshIfStale(pageId, entry);
    return entry.snapshot;
  }

  /**
   * The page's snapshot, building it if there is none yet; concurrent callers share that one build.
   * Null when the page does not exist; throws `unavailable` when the build failed (for a second,
   * callers get that failure without another build being tried).
   */
  async load(pageId: string): Promise<StatusSnapshot | null> {
    const existing = this.current(pageId);
    if (existing) return existing;
    let entry = this.pages.get(pageId);
    if (entry === undefined) {
      const ref = this.byId.get(pageId);
      if (ref === undefined) return null;
      entry = newEntry(ref.version);
      this.pages.set(pageId, entry);
    }
    if (entry.failedAt === null || this.clock.now() - entry.failedAt >= this.retryMs) await this.rebuild(pageId, entry);
    if (entry.snapshot === null && entry.failedAt !== null) {
      throw new FenghuoError('unavailable', 'the status page cannot be built right now; try again shortly');
    }
    return entry.snapshot;
  }

  /**
   * A representation of the current snapshot: from memory, or rendered now and kept (until the
   * next build, which re-renders it straight away). Null when the page has no snapshot in memory
   * or the renderer says the representation does not exist.
   */
  rendered(pageId: string, key: string, render: Renderer): Rendered | null {
    const entry = this.pages.get(pageId);
    if (entry?.snapshot == null) return null;
    const cached = entry.reprs.get(key);
    if (cached) return cached;
    const output = render(entry.snapshot);
    if (output === null) return null;
    const rendered = encodeRendered(output, entry.snapshot.builtAt);
    if (entry.reprs.size < MAX_REPRESENTATIONS) {
      entry.reprs.set(key, rendered);
      entry.renderers.set(key, render);
    }
    return rendered;
  }

  /**
   * The hot path of a cache hit, after `current`: the representation already rendered for the
   * current snapshot, or undefined (the caller takes the slow path, which renders it with `rendered`).
   */
  cached(pageId: string, key: string): Rendered | undefined {
    return this.pages.get(pageId)?.reprs.get(key);
  }

  /** `load` then `rendered`: the representation, building the page first if needed. */
  async get(pageId: string, key: string, render: Renderer): Promise<Rendered | null> {
    return (await this.load(pageId)) === null ? null : this.rendered(pageId, key, render);
  }

  /** The admin side changed a page: rebuild it now (readers keep the old bytes meanwhile) and re-read the index. */
  invalidate(pageId: string): void {
    if (!this.indexed || this.stopped) return;
    const entry = this.pages.get(pageId);
    if (entry !== undefined) {
      entry.generation += 1;
      entry.failedAt = null;
      this.refreshIfStale(pageId, entry);
    }
    void this.poll().catch(() => undefined);
  }

  /** One poll: list page versions, re-index slugs and hosts, start the rebuilds that are due. */
  poll(): Promise<void> {
    if (this.polling) return this.polling;
    this.polling = this.source
      .listPages()
      .then((refs) => this.reindex(refs))
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  /** Stops polling and waits for the poll and builds in flight (so nothing touches a closed database). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = [this.polling, ...[...this.pages.values()].map((p) => p.building)];
    await Promise.allSettled(pending.filter((p) => p !== null));
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poll()
        .catch((err: unknown) => this.onError(err, null))
        .finally(() => this.schedule());
    }, this.pollMs);
    this.timer.unref();
  }

  private reindex(refs: PageRef[]): void {
    const bySlug = new Map<string, PageRef>();
    const byHost = new Map<string, PageRef>();
    const byId = new Map<string, PageRef>();
    for (const ref of refs) {
      byId.set(ref.id, ref);
      if (!bySlug.has(ref.slug)) bySlug.set(ref.slug, ref);
      for (const host of ref.hostnames.map((h) => h.toLowerCase())) if (!byHost.has(host)) byHost.set(host, ref);
    }
    [this.bySlug, this.byHost, this.byId] = [bySlug, byHost, byId];
    this.indexed = true;
    this.stats.polls += 1;
    for (const [pageId, entry] of this.pages) {
      const ref = byId.get(pageId);
      if (ref === undefined) {
        this.pages.delete(pageId);
        continue;
      }
      if (ref.version > entry.knownVersion) entry.knownVersion = ref.version;
      if (entry.snapshot !== null) this.refreshIfStale(pageId, entry);
    }
  }

  private refreshIfStale(pageId: string, entry: PageEntry): void {
    if (entry.building !== null || this.stopped) return;
    const snapshot = entry.snapshot;
    const now = this.clock.now();
    const stale =
      snapshot === null || snapshot.version < entry.knownVersion || entry.builtGeneration !== entry.generation || now >= entry.staleAt;
    if (!stale) return;
    if (entry.failedAt !== null && now - entry.failedAt < this.retryMs) return;
    void this.rebuild(pageId, entry);
  }

  private rebuild(pageId: string, entry: PageEntry): Promise<void> {
    if (entry.building) return entry.building;
    const generation = entry.generation;
    entry.building = this.limited(() => this.source.buildSnapshot(pageId, this.clock.now()))
      .then(
        (snapshot) => this.install(pageId, entry, snapshot, generation),
        (err: unknown) => {
          entry.failedAt = this.clock.now();
          this.stats.failures += 1;
          this.onError(err, pageId);
        },
      )
      .finally(() => {
        entry.building = null;
      });
    return entry.building;
  }

  private install(pageId: string, entry: PageEntry, snapshot: StatusSnapshot | null, generation: number): void {
    this.stats.builds += 1;
    entry.failedAt = null;
    if (snapshot === null) {
      this.pages.delete(pageId);
      entry.snapshot = null;
      entry.reprs = new Map();
      return;
    }
    // Re-render what readers asked for before swapping, so nobody pays for it on a request.
    const reprs = new Map<string, Rendered>();
    for (const [key, render] of entry.renderers) {
      try {
        const output = render(snapshot);
        if (output) reprs.set(key, encodeRendered(output, snapshot.builtAt));
      } catch (err) {
        this.onError(err, pageId);
      }
    }
    entry.snapshot = snapshot;
    entry.reprs = reprs;
    entry.staleAt = nextTransitionAt(snapshot);
    entry.builtGeneration = generation;
    if (snapshot.version > entry.knownVersion) entry.knownVersion = snapshot.version;
  }

  private async limited<T>(build: () => Promise<T>): Promise<T> {
    if (this.running < this.maxBuilds) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      if (this.stopped) throw new FenghuoError('unavailable', 'status cache stopped');
      return await build();
    } finally {
      // Hand the slot straight to the next waiter, so the count never overshoots.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

function newEntry(version: number): PageEntry {
  return {
    snapshot: null,
    reprs: new Map(),
    renderers: new Map(),
    staleAt: 0,
    knownVersion: version,
    generation: 0,
    builtGeneration: 0,
    building: null,
    failedAt: null,
  };
}
