import type { Deps } from '../../operations/context.js';
import {
  claimDueStatusDeliveries,
  finishStatusDelivery,
  nextStatusDeliveryDueAt,
  type StoredStatusDelivery,
  type SubscriberKind,
} from '../../store/status-subscribers-repo.js';
import type { SendOutcome } from '../channels/channel.js';
import { DEFAULT_TIMEOUT_MS } from '../channels/channel.js';
import type { HttpClient } from '../channels/http.js';
import { emailConfigFromUrl } from '../deliveries.js';
import { backoffMs } from '../pager.js';
import { PollingWorker } from '../polling-worker.js';
import { renderNotice } from './render-notice.js';
import { openStatusMailSender, type StatusMailSender } from './status-email.js';
import { prepareNotice } from './status-notice.js';
import { sendStatusWebhook, statusWebhookPayload } from './status-webhook.js';

export interface StatusMailerOptions {
  /** Lease owner id: unique per process. */
  owner: string;
  /** FENGHUO_PUBLIC_URL: the base of the links in messages. */
  publicUrl: string;
  /** FENGHUO_SMTP_URL / FENGHUO_SMTP_FROM; null: e-mail deliveries fail (recorded on the row). */
  smtp: { url: string; from: string } | null;
  /** How long a claim holds before another worker may take the row over. */
  leaseMs?: number;
  /** Rows claimed per round. */
  batch?: number;
  /** Sends in flight at once within a round. */
  concurrency?: number;
  /** Attempts before a temporary failure becomes a failure. */
  maxAttempts?: number;
  /** Longest sleep between rounds (nothing wakes this worker: see docs/api.md). */
  pollMs?: number;
  http?: HttpClient;
  timeoutMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Both subscriber channels drop a repeat (a stable Message-ID; Idempotency-Key = the delivery id),
 * so an unknown outcome — or a row whose sender died mid-send — is sent again, as the Pager does
 * for its idempotent channels.
 */
const IDEMPOTENT: ReadonlySet<SubscriberKind> = new Set(['email', 'webhook']);

/**
 * The worker of status-page subscriptions: claims due `status_deliveries` with a lease, builds
 * each message from the database as it is now, sends it by e-mail or signed webhook, and records
 * the outcome — retrying with the Pager's backoff. It polls (at most every `pollMs`, 1 s by
 * default): the status side queues deliveries in its own transactions and does not wake it.
 */
export class StatusMailer {
  private readonly worker: PollingWorker;

  constructor(
    private readonly deps: Deps,
    private readonly options: StatusMailerOptions,
  ) {
    this.worker = new PollingWorker(
      deps.clock,
      () => this.runOnce(),
      () => nextStatusDeliveryDueAt(deps.store.db),
      { pollMs: options.pollMs ?? 1000, onError: options.onError },
    );
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Look now (a commit queued deliveries). */
  wake(): void {
    this.worker.wake();
  }

  /** One round: claims what is due and delivers it. Returns how many rows it handled (tests call it directly). */
  async runOnce(): Promise<{ deliveries: number }> {
    const now = this.deps.clock.now();
    const leaseUntil = now + (this.options.leaseMs ?? 60_000);
    const claimed = await claimDueStatusDeliveries(this.deps.store.db, this.options.owner, now, leaseUntil, this.options.batch ?? 50);
    if (claimed.length === 0) return { deliveries: 0 };
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const mail = this.options.smtp ? openStatusMailSender(emailConfigFromUrl(this.options.smtp), timeoutMs) : null;
    try {
      const queue = [...claimed];
      const lane = async (): Promise<void> => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) await this.deliverSafely(next, mail);
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, claimed.length) }, lane));
    } finally {
      mail?.close();
    }
    return { deliveries: claimed.length };
  }

  /** A failure before anything was sent (reading the database, opening the secret) is a retry of that row. */
  private async deliverSafely(delivery: StoredStatusDelivery, mail: StatusMailSender | null): Promise<void> {
    try {
      await this.deliver(delivery, mail);
    } catch (err) {
      this.options.onError?.(err);
      const detail = `could not prepare the delivery: ${err instanceof Error ? err.message : String(err)}`;
      await this.settle(delivery, null, { status: 'retry', detail }).catch(() => undefined);
    }
  }

  private async deliver(delivery: StoredStatusDelivery, mail: StatusMailSender | null): Promise<void> {
    const prepared = await prepareNotice(this.deps, this.options.publicUrl, delivery);
    if ('skip' in prepared) {
      await finishStatusDelivery(this.deps.store.db, delivery.id, this.options.owner, {
        status: 'cancelled',
        attempts: delivery.attempts,
        lastError: prepared.skip,
      });
      return;
    }
    const { subscriber, notice } = prepared;
    const rendered = renderNotice(notice);
    let outcome: SendOutcome;
    if (subscriber.kind === 'email') {
      outcome = mail
        ? await mail.send({ to: subscriber.address, notice, rendered, idempotencyKey: delivery.id, now: this.deps.clock.now() })
        : { status: 'failed', detail: 'e-mail is not configured (FENGHUO_SMTP_URL)' };
    } else {
      const payload = statusWebhookPayload(notice, rendered, delivery.id);
      if (payload === null || subscriber.secretSealed === null) {
        outcome = { status: 'failed', detail: 'a webhook subscriber gets no confirmation and needs a secret' };
      } else {
        const target = { url: subscriber.address, secret: this.deps.secrets.open(subscriber.secretSealed) };
        outcome = await sendStatusWebhook(target, payload, {
          now: () => this.deps.clock.now(),
          http: this.options.http,
          timeoutMs: this.options.timeoutMs,
        });
      }
    }
    await this.settle(delivery, subscriber.kind, outcome);
  }

  private async settle(delivery: StoredStatusDelivery, kind: SubscriberKind | null, outcome: SendOutcome): Promise<void> {
    const now = this.deps.clock.now();
    const attempts = delivery.attempts + 1;
    let status = outcome.status;
    if (status === 'unknown' && kind !== null && IDEMPOTENT.has(kind)) status = 'retry';
    if (status === 'retry' && attempts >= (this.options.maxAttempts ?? 8)) status = 'failed';
    const db = this.deps.store.db;
    const owner = this.options.owner;
    switch (status) {
      case 'sent':
        await finishStatusDelivery(db, delivery.id, owner, { status: 'sent', attempts, sentAt: now, lastError: null });
        return;
      case 'retry': {
        const wait = (outcome.status === 'retry' ? outcome.retryAfterMs : undefined) ?? backoffMs(attempts);
        await finishStatusDelivery(db, delivery.id, owner, { status: 'pending', attempts, dueAt: now + wait, lastError: outcome.detail });
        return;
      }
      case 'failed':
      case 'unknown':
        await finishStatusDelivery(db, delivery.id, owner, { status, attempts, lastError: outcome.detail });
        return;
    }
  }
}
