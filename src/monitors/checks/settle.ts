// The frame every check runs in: one result, by the check itself, by the deadline or by the
// scheduler's abort, whichever comes first; then the check's sockets are released.

import type { CheckContext, CheckResult } from './check.js';

export const up = (latencyMs: number): CheckResult => ({ status: 'up', latencyMs, error: null });
export const degraded = (error: string, latencyMs: number | null): CheckResult => ({ status: 'degraded', latencyMs, error });
export const down = (error: string, latencyMs: number | null = null): CheckResult => ({ status: 'down', latencyMs, error });
export const timedOut = (timeoutMs: number): CheckResult => down(`timed out after ${timeoutMs} ms`);
/** The scheduler discards it; it only has to come promptly. */
export const aborted = (): CheckResult => down('aborted');

/** Monotonic: a wall-clock step (NTP) must not show up as latency. */
export const startClock = (): number => performance.now();
export const elapsedSince = (start: number): number => Math.round(performance.now() - start);

/** What a started check leaves behind; `release` closes its socket (idempotent, called once the result is in). */
export interface Attempt {
  release(): void;
}

// One 'abort' listener per signal, not per check: the scheduler shares one signal among
// hundreds of in-flight checks, and EventTarget warns (as a leak) past ten listeners.
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (callbacks === undefined) {
    const set = new Set<() => void>();
    callbacks = set;
    waiting.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const cb of [...set]) cb();
        set.clear();
      },
      { once: true },
    );
  }
  const set = callbacks;
  set.add(callback);
  return () => set.delete(callback);
}

/**
 * Runs `start` under `ctx`: resolves with the first result `start` hands to `finish`, or
 * "timed out after N ms" at `ctx.timeoutMs`, or "aborted" when `ctx.signal` fires. Never rejects:
 * a synchronous throw from `start` becomes a `down` result.
 */
export function settle(ctx: CheckContext, start: (finish: (result: CheckResult) => void) => Attempt): Promise<CheckResult> {
  if (ctx.signal.aborted) return Promise.resolve(aborted());
  return new Promise<CheckResult>((resolve) => {
    let done = false;
    let attempt: Attempt | undefined;
    // Only reached from callbacks and timers, which come after `timer` and `forget` exist.
    const finish = (result: CheckResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      forget();
      attempt?.release();
      resolve(result);
    };
    const timer = setTimeout(() => finish(timedOut(ctx.timeoutMs)), ctx.timeoutMs);
    const forget = onAbort(ctx.signal, () => finish(aborted()));
    try {
      attempt = start(finish);
    } catch (err) {
      finish(down(err instanceof Error ? err.message : String(err)));
    }
    // `start` may have finished synchronously, before `attempt` was assigned.
    if (done) attempt?.release();
  });
}
