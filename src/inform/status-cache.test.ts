import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { StatusSnapshot } from '../domain/status/snapshot.js';
import { StatusCache, type PageRef, type StatusSource } from './status-cache.js';
import { aSnapshot, NOW } from './testing/snapshots.js';

/** A source whose builds can be held open, made to fail, and counted. */
class FakeSource implements StatusSource {
  pages: PageRef[] = [{ id: 'p1', slug: 'acme', hostnames: ['status.acme.test'], version: 1 }];
  builds = 0;
  listings = 0;
  running = 0;
  maxRunning = 0;
  fail = false;
  private gate: Promise<void> | null = null;
  private openGate: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.gate = null;
    this.openGate();
  }

  bump(pageId = 'p1'): void {
    this.pages = this.pages.map((p) => (p.id === pageId ? { ...p, version: p.version + 1 } : p));
  }

  listPages(): Promise<PageRef[]> {
    this.listings += 1;
    return Promise.resolve(this.pages.map((p) => ({ ...p })));
  }

  async buildSnapshot(pageId: string, now: number): Promise<StatusSnapshot | null> {
    this.builds += 1;
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.gate) await this.gate;
      if (this.fail) throw new Error('database down');
      const ref = this.pages.find((p) => p.id === pageId);
      if (!ref) return null;
      const base = aSnapshot();
      return { ...base, page: { ...base.page, id: pageId, slug: ref.slug }, version: ref.version, builtAt: now };
    } finally {
      this.running -= 1;
    }
  }
}

function setup(options: { pollMs?: number; maxConcurrentBuilds?: number } = {}) {
  const source = new FakeSource();
  const clock = { t: NOW, now: () => clock.t };
  const cache = new StatusCache(source, {
    clock,
    pollMs: options.pollMs ?? 60_000,
    maxConcurrentBuilds: options.maxConcurrentBuilds,
    retryMs: 1000,
  });
  let renders = 0;
  const render = (s: StatusSnapshot) => {
    renders += 1;
    return { body: `v${s.version}@${s.builtAt}`, contentType: 'text/plain' };
  };
  const body = (key = 'k') => cache.rendered('p1', key, render)?.body.toString();
  return { source, clock, cache, render, body, renders: () => renders };
}

const settle = () => sleep(5);

describe('StatusCache', () => {
  it('serves 100 concurrent misses from one build and one render', async () => {
    const { source, cache, render, renders } = setup();
    await cache.ready();
    source.hold();
    const all = Promise.all(Array.from({ length: 100 }, () => cache.get('p1', 'k', render)));
    await settle();
    assert.equal(source.builds, 1);
    source.release();
    const results = await all;
    assert.equal(source.builds, 1);
    assert.equal(renders(), 1);
    assert.ok(results.every((r) => r === results[0] && r?.body.toString() === `v1@${NOW}`));
    assert.match(results[0]?.etag ?? '', /^"[\w-]{27}"$/);
    assert.equal(results[0]?.lastModified, 'Fri, 20 Nov 2026 12:00:00 GMT');
    await cache.stop();
  });

  it('keeps serving the old bytes while one rebuild runs, then swaps in the new ones already rendered', async () => {
    const { source, cache, render, body, renders } = setup();
    await cache.ready();
    await cache.get('p1', 'k', render);
    const oldEtag = cache.rendered('p1', 'k', render)?.etag;
    source.bump();
    source.hold();
    await cache.poll();
    for (let i = 0; i < 50; i++) {
      assert.equal(cache.current('p1')?.version, 1);
      assert.equal(body(), `v1@${NOW}`);
    }
    assert.equal(source.builds, 2);
    source.release();
    await settle();
    assert.equal(source.builds, 2);
    // Re-rendered as part of the swap, not by the next reader.
    assert.equal(renders(), 2);
    assert.equal(body(), `v2@${NOW}`);
    assert.equal(renders(), 2);
    assert.notEqual(cache.rendered('p1', 'k', render)?.etag, oldEtag);
    await cache.stop();
  });

  it('notices a new version within the poll interval, and an invalidate at once', async () => {
    const { source, cache, render, body } = setup({ pollMs: 25 });
    await cache.ready();
    await cache.get('p1', 'k', render);
    source.bump();
    const started = Date.now();
    while (body() !== `v2@${NOW}` && Date.now() - started < 1000) await sleep(2);
    const elapsed = Date.now() - started;
    assert.equal(body(), `v2@${NOW}`);
    assert.ok(elapsed < 200, `took ${elapsed} ms`);
    // Same version, but the admin side says something changed: rebuilt without waiting for a poll.
    const builds = source.builds;
    cache.invalidate('p1');
    assert.equal(source.builds, builds + 1);
    await cache.stop();
  });

  it('rebuilds once when the snapshot’s next transition (midnight UTC) passes', async () => {
    const { source, clock, cache, render, body } = setup();
    await cache.ready();
    await cache.get('p1', 'k', render);
    clock.t = Date.UTC(2026, 10, 20, 23, 59, 59);
    cache.current('p1');
    assert.equal(source.builds, 1);
    clock.t = Date.UTC(2026, 10, 21);
    source.hold();
    for (let i = 0; i < 50; i++) assert.equal(cache.current('p1')?.builtAt, NOW);
    assert.equal(source.builds, 2);
    source.release();
    await settle();
    assert.equal(body(), `v1@${clock.t}`);
    await cache.stop();
  });

  it('reports a failed first build as unavailable without retrying for a second; a failed rebuild keeps the old bytes', async () => {
    const { source, clock, cache, render, body } = setup();
    await cache.ready();
    source.fail = true;
    await assert.rejects(cache.get('p1', 'k', render), { code: 'unavailable' });
    await assert.rejects(cache.get('p1', 'k', render), { code: 'unavailable' });
    assert.equal(source.builds, 1);
    clock.t += 1000;
    source.fail = false;
    assert.equal((await cache.get('p1', 'k', render))?.body.toString(), `v1@${clock.t}`);
    source.fail = true;
    source.bump();
    await cache.poll();
    await settle();
    assert.equal(cache.stats.failures, 2);
    assert.equal(body(), `v1@${clock.t}`);
    await cache.poll();
    assert.equal(source.builds, 3, 'no retry within a second');
    await cache.stop();
  });

  it('forgets a page that disappears, and never builds an unknown one', async () => {
    const { source, cache, render } = setup();
    await cache.ready();
    assert.equal(cache.findBySlug('acme')?.id, 'p1');
    assert.equal(cache.findBySlug('ACME')?.id, 'p1');
    assert.equal(cache.findByHost('status.acme.test')?.id, 'p1');
    await cache.get('p1', 'k', render);
    assert.equal(await cache.get('nope', 'k', render), null);
    source.pages = [];
    await cache.poll();
    assert.equal(cache.findBySlug('acme'), undefined);
    assert.equal(cache.current('p1'), undefined);
    assert.equal(await cache.get('p1', 'k', render), null);
    assert.equal(source.builds, 1);
    await cache.stop();
  });

  it('runs at most maxConcurrentBuilds builds at once across pages', async () => {
    const { source, cache, render } = setup({ maxConcurrentBuilds: 2 });
    source.pages = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, slug: `s${i}`, hostnames: [], version: 1 }));
    await cache.ready();
    source.hold();
    const all = Promise.all(source.pages.map((p) => cache.get(p.id, 'k', render)));
    await settle();
    assert.equal(source.running, 2);
    source.release();
    const results = await all;
    assert.equal(source.maxRunning, 2);
    assert.equal(source.builds, 6);
    assert.ok(results.every((r) => r !== null));
    await cache.stop();
  });

  it('does not keep representations a renderer declined', async () => {
    const { cache, render } = setup();
    await cache.ready();
    await cache.get('p1', 'k', render);
    let calls = 0;
    const none = () => {
      calls += 1;
      return null;
    };
    assert.equal(cache.rendered('p1', 'component:nope', none), null);
    assert.equal(cache.rendered('p1', 'component:nope', none), null);
    assert.equal(calls, 2);
    await cache.stop();
  });

  it('reports a database that cannot list pages as unavailable, and recovers on the next try', async () => {
    const { source, cache } = setup();
    const listPages = source.listPages.bind(source);
    source.listPages = () => Promise.reject(new Error('connection refused'));
    await assert.rejects(cache.ready() ?? Promise.resolve(), { code: 'unavailable' });
    source.listPages = listPages;
    await cache.ready();
    assert.equal(cache.findBySlug('acme')?.id, 'p1');
    assert.equal(cache.ready(), null);
    await cache.stop();
  });

  it('polls only once it is used, and stop waits for the build in flight', async () => {
    const { source, cache, render } = setup({ pollMs: 10 });
    await sleep(30);
    assert.equal(source.listings, 0);
    await cache.ready();
    source.hold();
    const pending = cache.get('p1', 'k', render);
    let stopped = false;
    const stopping = cache.stop().then(() => (stopped = true));
    await settle();
    assert.equal(stopped, false);
    source.release();
    await stopping;
    await pending;
    const listings = source.listings;
    await sleep(30);
    assert.equal(source.listings, listings);
  });
});
