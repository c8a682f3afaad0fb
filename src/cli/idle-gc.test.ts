import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeapStatistics } from 'node:v8';
import { DEFAULT_IDLE_GC, IdleCollector, fullCollection, type IdleCollection } from './idle-gc.js';

const MB = 1024 * 1024;

/**
 * A heap and an ingest counter the test moves by hand. V8 holds `slack` bytes beyond what is in use,
 * plus `kept` after collecting by itself; `collect` drops the heap to `live` and gives `kept` back
 * (unless `stuck`: pages a collection cannot return).
 */
function fakeProcess(start = 60 * MB) {
  const state = { used: start, live: start, slack: 40 * MB, kept: 0, stuck: false, batches: 0, collections: 0 };
  const probes = {
    heap: () => ({ used: state.used, committed: state.used + state.slack + state.kept }),
    activity: () => state.batches,
    collect: () => {
      state.collections += 1;
      state.used = state.live;
      if (!state.stuck) state.kept = 0;
    },
  };
  return { state, probes };
}

describe('IdleCollector', () => {
  it('collects once ingest and the heap have been still for the quiet looks, and only once', () => {
    const { state, probes } = fakeProcess();
    const seen: IdleCollection[] = [];
    const collector = new IdleCollector(probes, (c) => seen.push(c));
    // A burst: batches commit and garbage piles up.
    for (let i = 0; i < 5; i++) {
      state.batches += 40;
      state.used += 30 * MB;
      assert.equal(collector.tick(), null, 'never while ingest is moving');
    }
    // Quiet: the first look sees no change yet counts once; the second completes the run.
    assert.equal(collector.tick(), null);
    const collection = collector.tick();
    assert.ok(collection, 'collects on the second quiet look');
    assert.equal(collection.before.used, 210 * MB);
    assert.equal(collection.after.used, 60 * MB);
    assert.equal(collection.after.committed, 100 * MB);
    assert.equal(state.collections, 1);
    assert.deepEqual(seen, [collection]);
    // Still quiet afterwards, nothing new to free: no second collection.
    for (let i = 0; i < 10; i++) assert.equal(collector.tick(), null);
    assert.equal(state.collections, 1);
  });

  it('does not collect while batches commit, even if the heap happens to hold still', () => {
    const { state, probes } = fakeProcess(200 * MB);
    state.live = 60 * MB;
    const collector = new IdleCollector(probes);
    state.used = 200 * MB + 100 * MB;
    for (let i = 0; i < 10; i++) {
      state.batches += 1;
      assert.equal(collector.tick(), null);
    }
    assert.equal(state.collections, 0);
  });

  it('does not collect a quiet heap that grows too fast to call quiet', () => {
    const { state, probes } = fakeProcess();
    const collector = new IdleCollector(probes);
    for (let i = 0; i < 10; i++) {
      state.used += DEFAULT_IDLE_GC.quietBytes + MB;
      assert.equal(collector.tick(), null);
    }
    assert.equal(state.collections, 0);
  });

  it('leaves a quiet heap alone when too little has piled up since the last collection', () => {
    const { state, probes } = fakeProcess();
    const collector = new IdleCollector(probes);
    state.batches += 1;
    state.used += DEFAULT_IDLE_GC.minGarbageBytes - MB;
    for (let i = 0; i < 10; i++) assert.equal(collector.tick(), null);
    assert.equal(state.collections, 0);
    // A little more, then quiet again: now it is worth it.
    state.batches += 1;
    state.used += 2 * MB;
    collector.tick();
    collector.tick();
    assert.ok(collector.tick());
    assert.equal(state.collections, 1);
  });

  it("counts garbage from what V8's own collections left, not from the start", () => {
    const { state, probes } = fakeProcess(150 * MB);
    const collector = new IdleCollector(probes);
    // V8 collected by itself during the burst (the heap fell to 60 MB), then 20 MB more piled up.
    state.batches += 1;
    state.used = 60 * MB;
    collector.tick();
    state.used = 80 * MB;
    collector.tick();
    for (let i = 0; i < 5; i++) assert.equal(collector.tick(), null, '20 MB over the last low is under the threshold');
    state.used = 100 * MB;
    collector.tick();
    collector.tick();
    assert.ok(collector.tick(), '40 MB over it is not');
  });

  it('gives back pages V8 kept after collecting by itself, once', () => {
    const { state, probes } = fakeProcess();
    const collector = new IdleCollector(probes);
    // The burst ends with V8's own collection: little garbage left, 90 MB of heap held unused.
    state.batches += 1;
    state.kept = 90 * MB;
    state.used = 62 * MB;
    collector.tick();
    assert.equal(collector.tick(), null);
    const collection = collector.tick();
    assert.ok(collection, 'collects for the held pages although only 2 MB are garbage');
    assert.equal(collection.before.committed, 192 * MB);
    assert.equal(collection.after.committed, 100 * MB);
    for (let i = 0; i < 10; i++) assert.equal(collector.tick(), null);
    assert.equal(state.collections, 1);
  });

  it('does not collect again and again for pages a collection cannot give back', () => {
    const { state, probes } = fakeProcess();
    const collector = new IdleCollector(probes);
    state.batches += 1;
    state.kept = 90 * MB;
    state.stuck = true;
    for (let i = 0; i < 20; i++) collector.tick();
    assert.equal(state.collections, 1, 'one try; what it left is the new floor');
  });

  it('runs on its timer and stops', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const { state, probes } = fakeProcess();
    const collector = new IdleCollector(probes, () => undefined, { ...DEFAULT_IDLE_GC, intervalMs: 1_000 });
    collector.start();
    state.batches += 1;
    state.used += 100 * MB;
    t.mock.timers.tick(1_000); // activity seen
    t.mock.timers.tick(1_000); // quiet 1
    assert.equal(state.collections, 0);
    t.mock.timers.tick(1_000); // quiet 2
    assert.equal(state.collections, 1);
    collector.stop();
    state.batches += 1;
    state.used += 100 * MB;
    t.mock.timers.tick(10_000);
    assert.equal(state.collections, 1, 'nothing after stop');
  });
});

describe('fullCollection', () => {
  it("is V8's full collection in a process started without --expose-gc, and frees what is unreachable", () => {
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'the test runs without --expose-gc');
    const collect = fullCollection();
    assert.ok(collect);
    collect();
    const before = getHeapStatistics().used_heap_size;
    let garbage: string[] | null = Array.from({ length: 400_000 }, (_, i) => `garbage ${i} ${'x'.repeat(64)}`);
    const grown = getHeapStatistics().used_heap_size;
    assert.ok(grown - before > 20 * MB, `the test allocated enough (${Math.round((grown - before) / MB)} MB)`);
    assert.equal(garbage.length, 400_000);
    garbage = null;
    collect();
    const after = getHeapStatistics().used_heap_size;
    assert.ok(after - before < 5 * MB, `freed: ${Math.round(grown / MB)} → ${Math.round(after / MB)} MB (from ${Math.round(before / MB)})`);
    assert.equal(garbage, null);
    // No other context gets a gc of its own.
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
  });
});
