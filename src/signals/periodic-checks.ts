import type { Deps } from '../operations/context.js';
import { checkHeartbeats } from './heartbeat/beats.js';
import type { IngestEngine } from './ingest/engine.js';
import { releaseQuietFlappers } from './ingest/release-flapping.js';

/**
 * The signal pipeline's timed work: missed heartbeats raise alerts, quiet flapping alerts are
 * released. Runs every `everyMs` (never two rounds at once) until the returned stop is called.
 */
export function startPeriodicChecks(deps: Deps, engine: IngestEngine, everyMs: number, onError: (err: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    checkHeartbeats(deps, engine)
      .then(() => releaseQuietFlappers(deps))
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
