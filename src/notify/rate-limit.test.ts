import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChannelKind } from './channels/channel.js';
import {
  EMPTY_WINDOW,
  RateLimiter,
  freeSlots,
  nextFreeAt,
  planDispatch,
  rateLimitsFor,
  recordSend,
  type QueuedMessage,
  type RateLimit,
} from './rate-limit.js';

const T0 = Date.UTC(2026, 10, 22, 1, 0, 0);

interface Send {
  at: number;
  ids: string[];
}

/**
 * Drives a RateLimiter the way a worker would, on a fake clock that ticks every `stepMs`: queue what
 * has arrived, then send as long as the plan says so.
 */
function simulate(
  kind: ChannelKind,
  arrivals: ReadonlyArray<{ id: string; at: number }>,
  untilMs: number,
  options: { stepMs?: number; overrides?: Partial<Record<ChannelKind, RateLimit[]>> } = {},
): { sends: Send[]; left: QueuedMessage[] } {
  let now = T0;
  const limiter = new RateLimiter(() => now, options.overrides);
  const target = { kind, id: 'robot-1' };
  const pending = [...arrivals].sort((a, b) => a.at - b.at);
  const queue: QueuedMessage[] = [];
  const sends: Send[] = [];
  for (; now <= T0 + untilMs; now += options.stepMs ?? 100) {
    while (pending.length > 0 && T0 + pending[0]!.at <= now) {
      const next = pending.shift()!;
      queue.push({ id: next.id, queuedAt: T0 + next.at });
    }
    for (;;) {
      const plan = limiter.plan(target, queue);
      if (plan.action === 'idle' || plan.action === 'wait') break;
      const ids = plan.action === 'send' ? [plan.id] : plan.ids;
      for (const id of ids)
        queue.splice(
          queue.findIndex((m) => m.id === id),
          1,
        );
      limiter.recordSend(target);
      sends.push({ at: now - T0, ids });
    }
  }
  return { sends, left: queue };
}

const ids = (n: number, prefix = 'm'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

function assertEachDeliveredOnce(sends: Send[], expected: string[]): void {
  const delivered = sends.flatMap((s) => s.ids);
  assert.equal(new Set(delivered).size, delivered.length, 'a message went out twice');
  assert.deepEqual([...delivered].sort(), [...expected].sort(), 'a message was lost');
}

function assertWithinLimits(sends: Send[], limits: readonly RateLimit[]): void {
  for (const limit of limits) {
    for (const s of sends) {
      const inWindow = sends.filter((o) => o.at >= s.at && o.at < s.at + limit.windowMs).length;
      assert.ok(inWindow <= limit.max, `${inWindow} sends within ${limit.windowMs} ms from ${s.at} (max ${limit.max})`);
    }
  }
}

describe('rate limits', () => {
  it('defaults: WeCom and DingTalk 20/min, Feishu 5/s and 100/min, others unlimited unless configured', () => {
    assert.deepEqual(rateLimitsFor('wecom'), [{ max: 20, windowMs: 60_000 }]);
    assert.deepEqual(rateLimitsFor('dingtalk'), [{ max: 20, windowMs: 60_000 }]);
    assert.deepEqual(rateLimitsFor('feishu'), [
      { max: 5, windowMs: 1_000 },
      { max: 100, windowMs: 60_000 },
    ]);
    assert.deepEqual(rateLimitsFor('webhook'), []);
    assert.deepEqual(rateLimitsFor('webhook', { webhook: [{ max: 2, windowMs: 1_000 }] }), [{ max: 2, windowMs: 1_000 }]);
    assert.deepEqual(rateLimitsFor('wecom', { wecom: [] }), []);
  });

  it('freeSlots and nextFreeAt over several windows', () => {
    const limits = rateLimitsFor('feishu');
    let state = EMPTY_WINDOW;
    for (const t of [0, 100, 200, 300, 400]) state = recordSend(state, limits, T0 + t);
    assert.equal(freeSlots(state, limits, T0 + 500), 0);
    assert.equal(nextFreeAt(state, limits, T0 + 500), T0 + 1_000); // the send at 0 leaves the 1 s window
    assert.equal(freeSlots(state, limits, T0 + 1_000), 1);
    assert.equal(freeSlots(state, limits, T0 + 1_400), 5);
    assert.equal(freeSlots(state, [], T0), Infinity);
  });
});

describe('planDispatch', () => {
  const limits = rateLimitsFor('wecom');
  const queued = (n: number): QueuedMessage[] => ids(n).map((id, i) => ({ id, queuedAt: T0 + i }));
  const after = (sends: number): typeof EMPTY_WINDOW => {
    let s = EMPTY_WINDOW;
    for (let i = 0; i < sends; i++) s = recordSend(s, limits, T0 + i);
    return s;
  };

  it('nothing queued → idle; plenty of room → the oldest alone', () => {
    assert.deepEqual(planDispatch([], EMPTY_WINDOW, limits, T0), { action: 'idle' });
    const queue = [
      { id: 'new', queuedAt: T0 + 5 },
      { id: 'old', queuedAt: T0 },
    ];
    assert.deepEqual(planDispatch(queue, EMPTY_WINDOW, limits, T0 + 10), { action: 'send', id: 'old' });
  });

  it('the last free send carries everything queued as one bundle', () => {
    assert.deepEqual(planDispatch(queued(3), after(19), limits, T0 + 100), { action: 'bundle', ids: ['m1', 'm2', 'm3'] });
    assert.deepEqual(planDispatch(queued(1), after(19), limits, T0 + 100), { action: 'send', id: 'm1' });
  });

  it('no send left → wait until the oldest send leaves the window', () => {
    assert.deepEqual(planDispatch(queued(2), after(20), limits, T0 + 100), { action: 'wait', until: T0 + 60_000 });
  });

  it('a receiver’s "come back later" is respected before the window', () => {
    const blocked = { ...EMPTY_WINDOW, blockedUntil: T0 + 30_000 };
    assert.deepEqual(planDispatch(queued(2), blocked, limits, T0), { action: 'wait', until: T0 + 30_000 });
    assert.deepEqual(planDispatch(queued(2), blocked, limits, T0 + 30_000), { action: 'send', id: 'm1' });
  });
});

describe('RateLimiter with an injected clock', () => {
  it('25 pages at once to a WeCom robot: 19 alone, then one bundle of 6, all in the first minute', () => {
    const all = ids(25);
    const { sends, left } = simulate(
      'wecom',
      all.map((id) => ({ id, at: 0 })),
      120_000,
    );
    assert.equal(sends.length, 20);
    assert.ok(sends.every((s) => s.at === 0));
    assert.deepEqual(
      sends.slice(0, 19).map((s) => s.ids),
      all.slice(0, 19).map((id) => [id]),
    );
    assert.deepEqual(sends[19]!.ids, all.slice(19));
    assert.deepEqual(left, []);
    assertEachDeliveredOnce(sends, all);
    assertWithinLimits(sends, rateLimitsFor('wecom'));
  });

  it('25 pages over 48 s to a WeCom robot: 20 alone as they come, the last 5 as one bundle when the window frees', () => {
    const all = ids(25);
    const { sends } = simulate(
      'wecom',
      all.map((id, i) => ({ id, at: i * 2_000 })),
      120_000,
    );
    assert.equal(sends.length, 21);
    assert.deepEqual(
      sends.slice(0, 20).map((s) => s.at),
      all.slice(0, 20).map((_, i) => i * 2_000),
    );
    assert.deepEqual(sends[20], { at: 60_000, ids: all.slice(20) });
    assertEachDeliveredOnce(sends, all);
    assertWithinLimits(sends, rateLimitsFor('wecom'));
  });

  it('12 at once to a Feishu bot: 4 alone and a bundle of 8 within the second', () => {
    const all = ids(12);
    const { sends } = simulate(
      'feishu',
      all.map((id) => ({ id, at: 0 })),
      5_000,
    );
    assert.deepEqual(
      sends.map((s) => s.ids.length),
      [1, 1, 1, 1, 8],
    );
    assertEachDeliveredOnce(sends, all);
  });

  it('a configured limit for an otherwise unlimited channel', () => {
    const all = ids(5);
    const overrides = { webhook: [{ max: 2, windowMs: 1_000 }] };
    const { sends } = simulate(
      'webhook',
      all.map((id) => ({ id, at: 0 })),
      3_000,
      { overrides },
    );
    assert.deepEqual(sends, [
      { at: 0, ids: ['m1'] },
      { at: 0, ids: ['m2', 'm3', 'm4', 'm5'] },
    ]);
    const unlimited = simulate(
      'webhook',
      all.map((id) => ({ id, at: 0 })),
      0,
    );
    assert.equal(unlimited.sends.length, 5);
  });

  it('random traffic: nothing lost, nothing twice, no window exceeded, nobody waits past a window', () => {
    let seed = 20261122;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const kind of ['wecom', 'dingtalk', 'feishu'] as const) {
      for (let round = 0; round < 5; round++) {
        const arrivals = ids(40 + Math.floor(random() * 200), `${kind}${round}-`).map((id) => ({
          id,
          at: Math.floor((random() * 90_000) / 100) * 100,
        }));
        const { sends, left } = simulate(kind, arrivals, 200_000, { stepMs: 100 });
        assert.deepEqual(left, [], `${kind} round ${round}`);
        assertEachDeliveredOnce(
          sends,
          arrivals.map((a) => a.id),
        );
        assertWithinLimits(sends, rateLimitsFor(kind));
        const arrivedAt = new Map(arrivals.map((a) => [a.id, a.at]));
        const longest = Math.max(...rateLimitsFor(kind).map((l) => l.windowMs));
        for (const s of sends) for (const id of s.ids) assert.ok(s.at - arrivedAt.get(id)! <= longest, `${id} waited too long`);
      }
    }
  });
});
