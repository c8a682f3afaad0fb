// Per-target rate limits, and what to send now when a target has messages queued.
//
// Policy (`planDispatch`):
// - A target's limits are sliding windows ("at most N in any W ms"); every one must hold. The
//   window log is exact, so we never exceed a robot's own count, however it aligns its minutes.
// - While two or more sends are free in every window, the oldest queued message goes out alone.
// - When the queue holds several messages and only one send is left, that last send carries all of
//   them as one bundle ("3 new incidents…"). So 25 pages queued for a WeCom robot at once go out as
//   19 single messages and one bundle of 6 in the first minute, with no one waiting for the next.
// - With no send left, nothing goes out until the oldest send leaves its window (or until a
//   `Retry-After` / rate-limit answer from the receiver has passed); then the same rules apply,
//   so whatever piled up leaves as one bundle.
// - Nothing is dropped: every queued message is in exactly one send. A bundle lists the most severe
//   ones and counts the rest by level (renderBundle).

import type { ChannelKind } from './channels/channel.js';

/** At most `max` (≥ 1) sends in any `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Robots' documented limits per robot: WeCom and DingTalk 20/min; Feishu 5/s and 100/min. */
export const DEFAULT_RATE_LIMITS: Readonly<Partial<Record<ChannelKind, readonly RateLimit[]>>> = {
  wecom: [{ max: 20, windowMs: 60_000 }],
  dingtalk: [{ max: 20, windowMs: 60_000 }],
  feishu: [
    { max: 5, windowMs: 1_000 },
    { max: 100, windowMs: 60_000 },
  ],
};

/** A target's history: plain data, so a worker can keep it wherever it likes. */
export interface WindowState {
  /** Epoch ms of recent sends, oldest first (only those still inside the longest window). */
  sentAt: readonly number[];
  /** The receiver asked us to wait until then (Retry-After, a rate-limit code); 0 when not. */
  blockedUntil: number;
}

export const EMPTY_WINDOW: WindowState = { sentAt: [], blockedUntil: 0 };

export interface QueuedMessage {
  id: string;
  /** Epoch ms it was queued; the oldest go first. */
  queuedAt: number;
}

export type DispatchPlan =
  { action: 'idle' } | { action: 'wait'; until: number } | { action: 'send'; id: string } | { action: 'bundle'; ids: string[] };

/** The limits for a kind: the override if one is given (an empty list means unlimited), else the default. */
export function rateLimitsFor(kind: ChannelKind, overrides: Partial<Record<ChannelKind, readonly RateLimit[]>> = {}): readonly RateLimit[] {
  return overrides[kind] ?? DEFAULT_RATE_LIMITS[kind] ?? [];
}

/** How many sends every window still allows at `now` (Infinity without limits). */
export function freeSlots(state: WindowState, limits: readonly RateLimit[], now: number): number {
  let free = Infinity;
  for (const limit of limits) {
    const inWindow = state.sentAt.filter((t) => t > now - limit.windowMs).length;
    free = Math.min(free, Math.max(0, limit.max - inWindow));
  }
  return free;
}

/** The earliest time at or after `now` when every window allows one more send. */
export function nextFreeAt(state: WindowState, limits: readonly RateLimit[], now: number): number {
  let at = now;
  for (const limit of limits) {
    if (limit.max < 1) return Infinity;
    const inWindow = state.sentAt.filter((t) => t > now - limit.windowMs);
    if (inWindow.length < limit.max) continue;
    // The send that must leave the window for one slot to open.
    const leaving = inWindow[inWindow.length - limit.max]!;
    at = Math.max(at, leaving + limit.windowMs);
  }
  return at;
}

/** The state after one send at `now`, forgetting sends older than the longest window. */
export function recordSend(state: WindowState, limits: readonly RateLimit[], now: number): WindowState {
  const longest = Math.max(0, ...limits.map((l) => l.windowMs));
  const sentAt = [...state.sentAt.filter((t) => t > now - longest), now].sort((a, b) => a - b);
  return { ...state, sentAt };
}

/** The state after a receiver said "not before `until`". */
export function recordThrottle(state: WindowState, until: number): WindowState {
  return { ...state, blockedUntil: Math.max(state.blockedUntil, until) };
}

/** Decides what a target sends now: nothing, one message, or one bundle of several (see the policy above). */
export function planDispatch(queue: readonly QueuedMessage[], state: WindowState, limits: readonly RateLimit[], now: number): DispatchPlan {
  if (queue.length === 0) return { action: 'idle' };
  if (state.blockedUntil > now) return { action: 'wait', until: state.blockedUntil };
  const free = freeSlots(state, limits, now);
  if (free === 0) return { action: 'wait', until: nextFreeAt(state, limits, now) };
  const ordered = [...queue].sort((a, b) => a.queuedAt - b.queuedAt);
  if (free === 1 && ordered.length > 1) return { action: 'bundle', ids: ordered.map((m) => m.id) };
  return { action: 'send', id: ordered[0]!.id };
}

/** A target: a kind of channel and the id of the configured robot, webhook or person. */
export interface RateTarget {
  kind: ChannelKind;
  id: string;
}

/** Keeps each target's window in memory and plans with an injected clock. */
export class RateLimiter {
  private readonly windows = new Map<string, WindowState>();

  constructor(
    private readonly clock: () => number,
    private readonly overrides: Partial<Record<ChannelKind, readonly RateLimit[]>> = {},
  ) {}

  plan(target: RateTarget, queue: readonly QueuedMessage[]): DispatchPlan {
    return planDispatch(queue, this.state(target), this.limits(target), this.clock());
  }

  /** Call once per send attempt (a bundle is one): a receiver may count even one that failed. */
  recordSend(target: RateTarget): void {
    this.windows.set(key(target), recordSend(this.state(target), this.limits(target), this.clock()));
  }

  recordThrottle(target: RateTarget, until: number): void {
    this.windows.set(key(target), recordThrottle(this.state(target), until));
  }

  state(target: RateTarget): WindowState {
    return this.windows.get(key(target)) ?? EMPTY_WINDOW;
  }

  private limits(target: RateTarget): readonly RateLimit[] {
    return rateLimitsFor(target.kind, this.overrides);
  }
}

function key(target: RateTarget): string {
  return `${target.kind}:${target.id}`;
}
