// Loaded into the server by `node dist/bench/ingest.js --calibrate` (`node --import` this module),
// for the second calibration run only: the ingest engine answers every request as soon as its
// signals have been cleaned (as `submit` does on the way in), one turn of the event loop later,
// without storing anything. Everything before that is the real server: HTTP, the integration-key
// lookup, body parsing, validation, the sender's own answer and metrics. The rate it reaches is the
// ceiling of Fenghuo's request path on this machine, whatever the storage and the pipeline cost.
// Never loaded outside the bench: a server with it answers 2xx for events it drops.

import { cleanSignal } from '../src/signals/ingest/clean-signal.js';
import { IngestEngine } from '../src/signals/ingest/engine.js';
import type { Signal } from '../src/domain/signals/signal.js';
import type { StoredIntegration } from '../src/store/integrations-repo.js';
import type { SignalOutcome } from '../src/signals/ingest/types.js';

if (process.env.FENGHUO_BENCH_NO_STORE === '1') {
  IngestEngine.prototype.submit = function submitWithoutStoring(
    _integration: StoredIntegration,
    signals: Signal[],
  ): Promise<SignalOutcome[]> {
    const clean = signals.map(cleanSignal);
    return new Promise((resolve) =>
      setImmediate(() =>
        resolve(clean.map((s) => ({ dedupKey: s.dedupKey, status: 'created', alertId: null, incidentId: null, incidentNumber: null }))),
      ),
    );
  };
}
