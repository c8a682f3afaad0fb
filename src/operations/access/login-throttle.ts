import { FenghuoError } from '../../domain/errors.js';
import type { Clock } from '../context.js';

/**
 * Slows password guessing: after `maxFailures` failed logins for one e-mail, or from one client
 * address, within `windowMs`, further attempts are refused until the window passes. In memory,
 * per node: a cluster multiplies the budget by its node count, which is still small.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Throws `rate_limited` when either key has used up its failures. */
  check(keys: string[]): void {
    const now = this.clock.now();
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFailures) {
        const retryAfter = Math.ceil(((recent[0] ?? now) + this.windowMs - now) / 1000);
        throw new FenghuoError('rate_limited', `too many failed sign-ins; try again in ${retryAfter} s`);
      }
    }
  }

  recordFailure(keys: string[]): void {
    const now = this.clock.now();
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) {
      if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(key);
    }
  }
}
