import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Pause between probes (25 ms). */
  everyMs?: number;
  /** Appended to the timeout's message (e.g. a child process's output so far). */
  context?: () => string;
}

/**
 * Polls `probe` until it gives a truthy value (returned), failing after `ms` with a message that
 * names `what`. The probe may answer at once or with a promise.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  ms = 5_000,
  options: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const context = options.context?.();
      throw new Error(`timed out after ${ms} ms waiting for ${what}${context ? `\n${context}` : ''}`);
    }
    await sleep(options.everyMs ?? 25);
  }
}
