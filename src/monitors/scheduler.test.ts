import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it, type TestContext } from 'node:test';
import { CheckScheduler, type ScheduledJob } from './scheduler.js';

/**
 * Virtual time for the tests about rhythm and lag: `setTimeout` and `Date` are node:test's mocks,
 * moved on 1 ms at a time with the event loop let through between steps, so a lag measured is the
 * scheduler's own, not the machine's (real timers on a busy CI machine ran 50–150 ms late).
 */
function virtualTime(t: TestContext): (ms: number) => Promise<void> {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_700_000_000_000 });
  return async (ms) => {
    for (let i = 0; i < ms; i++) {
      t.mock.timers.tick(1);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
}

function job(key: string, intervalMs: number, phaseMs = 0): ScheduledJob {
  return { key, intervalMs, phaseMs };
}

describe('the check scheduler', () => {
  it('runs every job in its rhythm at its phase, with one timer', async (t) => {
    const advance = virtualTime(t);
    const starts = new Map<string, number[]>();
    const lags: number[] = [];
    const s = new CheckScheduler<ScheduledJob>({
      concurrency: 100,
      now: () => Date.now(),
      run: (j, planned) => {
        starts.set(j.key, [...(starts.get(j.key) ?? []), planned]);
        return Promise.resolve();
      },
      onStart: (lag) => lags.push(lag),
    });
    for (let i = 0; i < 20; i++) s.upsert(job(`m${i}`, 200, i * 10));
    s.start();
    await advance(1_050);
    await s.stop();
    for (let i = 0; i < 20; i++) {
      const planned = starts.get(`m${i}`) ?? [];
      assert.ok(planned.length >= 4 && planned.length <= 6, `m${i} ran ${planned.length} times`);
      for (const p of planned) assert.equal(((p % 200) + 200) % 200, i * 10, 'starts keep the phase');
    }
    assert.equal(lags.length, [...starts.values()].flat().length);
    assert.ok(Math.max(...lags) <= 1, `max lag ${Math.max(...lags)} ms: a start later than the timer's own step`);
  });

  it('never runs more than `concurrency` checks at once, and the rest wait in order', async (t) => {
    const advance = virtualTime(t);
    let inFlight = 0;
    let most = 0;
    let runs = 0;
    const s = new CheckScheduler<ScheduledJob>({
      concurrency: 3,
      now: () => Date.now(),
      run: async () => {
        inFlight++;
        runs++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 50));
        inFlight--;
      },
    });
    const soon = (Date.now() + 20) % 10_000;
    for (let i = 0; i < 10; i++) s.upsert(job(`m${i}`, 10_000, soon));
    s.start();
    await advance(300);
    await s.stop();
    assert.equal(most, 3);
    assert.equal(runs, 10, 'all ten ran within the round');
  });

  it('a target that never answers holds only its own slot; others keep their rhythm', async (t) => {
    const advance = virtualTime(t);
    const fast: number[] = [];
    let overruns = 0;
    const s = new CheckScheduler<ScheduledJob>({
      concurrency: 4,
      now: () => Date.now(),
      run: async (j, planned, signal) => {
        if (j.key === 'slow') {
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
          return;
        }
        fast.push(Date.now() - planned);
      },
      onOverrun: (j) => {
        if (j.key === 'slow') overruns++;
      },
    });
    s.upsert(job('slow', 50));
    s.upsert(job('fast', 50, 25));
    s.start();
    await advance(520);
    await s.stop();
    assert.ok(fast.length >= 9, `fast ran ${fast.length} times`);
    assert.ok(Math.max(...fast) <= 1, `fast lag ${Math.max(...fast)} ms`);
    assert.ok(overruns >= 8, `the slow one was skipped while still running (${overruns})`);
  });

  it('removes, replaces and runs a job now', async () => {
    const runs: string[] = [];
    const s = new CheckScheduler<ScheduledJob & { tag: string }>({
      concurrency: 10,
      now: () => Date.now(),
      run: (j) => {
        runs.push(`${j.key}:${j.tag}`);
        return Promise.resolve();
      },
    });
    s.upsert({ ...job('a', 60_000, 59_999), tag: 'v1' });
    s.upsert({ ...job('b', 60_000, 59_999), tag: 'v1' });
    s.start();
    s.upsert({ ...job('a', 60_000, 59_999), tag: 'v2' });
    s.remove('b');
    assert.equal(s.size, 1);
    assert.equal(s.runNow('a'), true);
    assert.equal(s.runNow('b'), false);
    await sleep(20);
    await s.stop();
    assert.deepEqual(runs, ['a:v2']);
  });

  it('stop aborts running checks and waits for them', async () => {
    let aborted = false;
    const s = new CheckScheduler<ScheduledJob>({
      concurrency: 1,
      now: () => Date.now(),
      run: (_j, _p, signal) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          }),
        ),
    });
    s.upsert(job('a', 1_000, 0));
    s.start();
    s.runNow('a');
    await sleep(10);
    assert.equal(s.active, 1);
    await s.stop();
    assert.equal(aborted, true);
    assert.equal(s.active, 0);
  });
});
