import type { Signal } from '../../domain/signals/signal.js';
import type { StoredIntegration } from '../../store/integrations-repo.js';

/** One accepted request's worth of signals, waiting for the next group commit. */
export interface IngestItem {
  integration: StoredIntegration;
  signals: Signal[];
  receivedAt: number;
  resolve(outcomes: SignalOutcome[]): void;
  reject(err: unknown): void;
}

export type OutcomeStatus = 'created' | 'deduplicated' | 'acknowledged' | 'resolved' | 'ignored';

/** What became of one signal, once it is durably committed. */
export interface SignalOutcome {
  dedupKey: string;
  status: OutcomeStatus;
  alertId: string | null;
  incidentId: string | null;
  incidentNumber: number | null;
}
