import type { Signal } from '../../domain/signals/signal.js';
import type { StoredIntegration } from '../../store/integrations-repo.js';

/** What a commit needs of a request: whose signals, and which. */
export interface CommitItem {
  integration: StoredIntegration;
  signals: Signal[];
}

/** Per request: its outcomes, or why it was not stored (the request is then answered 503). */
export type CommitResult = { ok: true; outcomes: SignalOutcome[] } | { ok: false; message: string };

/** One accepted request's worth of signals, waiting for the next group commit. */
export interface IngestItem extends CommitItem {
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
