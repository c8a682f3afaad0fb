import type { TimelineEntry } from '../domain/incident/timeline.js';
import type { ConfigSnapshot } from '../operations/config-snapshot.js';
import type { Deps, HandedOverPage } from '../operations/context.js';
import { runEscalation } from '../operations/paging/incident-paging.js';
import { dueEscalations, findEscalation, nextEscalationAt, saveEscalationIfVersion } from '../store/escalations-repo.js';
import { findIncident, insertTimeline, type StoredIncident } from '../store/incidents-repo.js';
import {
  claimDueNotifications,
  expireOtherLeases,
  finishNotification,
  handedOverTo,
  nextDueAt,
  type StoredNotification,
} from '../store/notifications-repo.js';
import type { ChannelKind, SendOutcome } from './channels/channel.js';
import type { HttpClient } from './channels/http.js';
import { channelFor } from './channels/registry.js';
import { localeOf, messageFor, readDeliveryConfig, routeOf, type DeliveryConfig, type DeliveryOptions, type Route } from './deliveries.js';
import { renderBundle, renderMessage, type PageMessage } from './message.js';
import { PollingWorker } from './polling-worker.js';
import { RateLimiter } from './rate-limit.js';

export interface PagerOptions extends DeliveryOptions {
  /** Lease owner id: unique per process. */
  owner: string;
  /** How long a claim holds before another worker may take the row (a crashed sender's). */
  leaseMs?: number;
  /** Rows claimed per round. */
  batch?: number;
  /** Attempts before a temporary failure becomes a failure. */
  maxAttempts?: number;
  /** Longest sleep between rounds: other nodes queue pages without waking us. */
  pollMs?: number;
  http?: HttpClient;
  timeoutMs?: number;
  onError?: (err: unknown) => void;
}

const SYSTEM = { type: 'system', id: null, name: 'fenghuo' } as const;
/** Channels whose receivers can drop a repeat: an unknown outcome may be sent again with the same key. */
const IDEMPOTENT: ReadonlySet<ChannelKind> = new Set(['webhook', 'email']);

class Rollback extends Error {}

/** A row this process is sending; `incident` as the transaction that handed it over left it, if it was. */
type Claimed = { notification: StoredNotification; recovered: boolean; incident?: StoredIncident };

/**
 * The paging worker: fires escalation steps that are due, and delivers the outbox. Rows are
 * claimed with a lease, so several workers (nodes) never send the same row at once and a row a
 * crashed worker held is taken over when its lease runs out. It sleeps until the next due time
 * (at most `pollMs`), or until `wake()` after a commit that queued pages.
 */
export class Pager {
  private readonly limiter: RateLimiter;
  private readonly worker: PollingWorker;
  /** Rows being sent by this process now: a round and a hand-over never take the same row. */
  private readonly inFlight = new Set<string>();
  /** Rows this process finished with since the current round began reading the outbox. */
  private readonly doneSinceRoundBegan = new Set<string>();
  /** Hand-overs under way (stop waits for them). */
  private readonly handOvers = new Set<Promise<void>>();

  constructor(
    private readonly deps: Deps,
    private readonly options: PagerOptions,
  ) {
    this.limiter = new RateLimiter(() => deps.clock.now());
    this.worker = new PollingWorker(
      deps.clock,
      () => this.runOnce(),
      async () => {
        const times = [await nextDueAt(deps.store.db), await nextEscalationAt(deps.store.db)].filter((t): t is number => t !== null);
        return times.length > 0 ? Math.min(...times) : null;
      },
      { pollMs: options.pollMs ?? 1000, onError: options.onError },
    );
  }

  start(): void {
    void this.takeOverFromDeadProcess().finally(() => this.worker.start());
  }

  /**
   * SQLite has one writer process: any lease held by another owner at start belongs to a process
   * that died (a crash, a kill -9), so its pages are taken over now rather than when the lease
   * runs out. With PostgreSQL other nodes may be alive; their leases are left to expire.
   */
  private async takeOverFromDeadProcess(): Promise<void> {
    if (this.deps.store.dialect !== 'sqlite') return;
    try {
      await expireOtherLeases(this.deps.store.db, this.options.owner);
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    await this.drain();
  }

  /** Waits for the hand-overs under way. */
  async drain(): Promise<void> {
    await Promise.all([...this.handOvers]);
  }

  /**
   * A commit queued pages: look now. Rows it leased to this process (`handedOver`) are sent at
   * once, without reading the outbox first; then the worker looks for the rest. Resolves when
   * every handed-over row is on its way: its send issued, or its delivery over (settled, held
   * back by a rate limit, failed) — not when the receivers have answered.
   */
  wake(handedOver: readonly HandedOverPage[] = [], config?: ConfigSnapshot): Promise<void> {
    const rows = this.take(handedOver.map(({ notification, incident }) => ({ notification, incident, recovered: false })));
    if (rows.length === 0) {
      this.worker.wake();
      return Promise.resolve();
    }
    let onTheirWay = (): void => undefined;
    const issued = new Promise<void>((resolve) => (onTheirWay = resolve));
    const sending = this.deliverRows(rows, config, onTheirWay)
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => {
        onTheirWay();
        this.handOvers.delete(sending);
        this.worker.wake();
      });
    this.handOvers.add(sending);
    return issued;
  }

  /** Marks rows as being sent here; leaves out those already are. */
  private take(rows: Claimed[]): Claimed[] {
    const mine = rows.filter((r) => !this.inFlight.has(r.notification.id));
    for (const r of mine) this.inFlight.add(r.notification.id);
    return mine;
  }

  /** One round: due escalations, then due deliveries. Returns what it did (tests call it directly). */
  async runOnce(): Promise<{ escalations: number; deliveries: number }> {
    const escalations = await this.runEscalations();
    const deliveries = await this.deliver();
    return { escalations, deliveries };
  }

  private async runEscalations(): Promise<number> {
    const now = this.deps.clock.now();
    let count = 0;
    for (const due of await dueEscalations(this.deps.store.db, now, 100)) {
      try {
        await this.deps.store.db.transaction().execute(async (trx) => {
          const escalation = await findEscalation(trx, due.incidentId);
          if (!escalation || escalation.nextAt === null || escalation.nextAt > now) return;
          const incident = await findIncident(trx, { id: due.incidentId });
          if (!incident) {
            await saveEscalationIfVersion(
              trx,
              { ...escalation, status: 'stopped', nextAt: null, version: escalation.version + 1, updatedAt: now },
              escalation.version,
            );
            return;
          }
          // Another worker got there first: undo whatever this one wrote.
          if ((await runEscalation(trx, this.deps, escalation, incident, now)) === null) throw new Rollback();
          count++;
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
      }
    }
    return count;
  }

  private async deliver(): Promise<number> {
    const now = this.deps.clock.now();
    const leaseUntil = now + (this.options.leaseMs ?? 60_000);
    const batch = this.options.batch ?? 50;
    // Pages this process's own commits leased to it need no claim; then whatever else is due.
    // Rounds never overlap, and every row a round takes is settled or released within it. A row
    // a hand-over finished while the query ran may still read as handed over: left out.
    this.doneSinceRoundBegan.clear();
    const handedOver = (await handedOverTo(this.deps.store.db, this.options.owner, now, batch))
      .filter((n) => !this.doneSinceRoundBegan.has(n.id))
      .map((notification) => ({ notification, recovered: false }));
    const claimed = this.take([
      ...handedOver,
      ...(await claimDueNotifications(this.deps.store.db, this.options.owner, now, leaseUntil, batch)),
    ]);
    if (claimed.length === 0) return 0;
    await this.deliverRows(claimed);
    return claimed.length;
  }

  /**
   * Sends rows taken by `take`, and lets go of them (each is settled or released by then).
   * `config`: the snapshot of the transaction that wrote them, when it is at hand.
   */
  private async deliverRows(claimed: Claimed[], config?: ConfigSnapshot, onTheirWay?: () => void): Promise<void> {
    try {
      const round = await readDeliveryConfig(this.deps, config);
      const groups = new Map<string, Claimed[]>();
      for (const c of claimed) groups.set(c.notification.targetKey, [...(groups.get(c.notification.targetKey) ?? []), c]);
      // Targets in parallel (a slow robot does not hold up e-mail); one target's sends in order.
      // `onTheirWay` once every target's send is issued (or its delivery is over without one).
      let waiting = groups.size;
      const targetOnItsWay = () => {
        let done = false;
        return () => {
          if (done) return;
          done = true;
          if (--waiting === 0) onTheirWay?.();
        };
      };
      await Promise.all(
        [...groups.values()].map((group) => {
          const issued = targetOnItsWay();
          return this.deliverToTargetSafely(group, round, issued).finally(issued);
        }),
      );
    } finally {
      for (const c of claimed) {
        this.inFlight.delete(c.notification.id);
        this.doneSinceRoundBegan.add(c.notification.id);
      }
    }
  }

  /** A failure before anything was sent (reading the route, opening a config) is a retry, for this target only. */
  private async deliverToTargetSafely(group: Claimed[], round: DeliveryConfig, issued?: () => void): Promise<void> {
    try {
      await this.deliverToTarget(group, round, issued);
    } catch (err) {
      this.options.onError?.(err);
      const detail = `could not prepare the delivery: ${err instanceof Error ? err.message : String(err)}`;
      // Rows already settled are not ours any more: finishNotification only touches rows still claimed.
      for (const { notification } of group) await this.settle([notification], { status: 'retry', detail }, null).catch(() => undefined);
    }
  }

  private async deliverToTarget(group: Claimed[], round: DeliveryConfig, issued?: () => void): Promise<void> {
    const first = group[0]!.notification;
    const route = await routeOf(this.deps, this.options, first, round);
    if ('error' in route) {
      for (const { notification } of group) await this.settle([notification], { status: 'failed', detail: route.error }, null);
      return;
    }
    // A row whose sender died mid-send may have gone out: only channels that drop repeats get it again.
    const fresh: StoredNotification[] = [];
    for (const { notification, recovered } of group) {
      if (recovered && !IDEMPOTENT.has(route.kind)) {
        await this.settle([notification], { status: 'unknown', detail: 'the sender stopped mid-send; not repeated' }, route);
      } else {
        fresh.push(notification);
      }
    }
    const target = { kind: route.kind, id: first.targetKey };
    const known = new Map(group.flatMap(({ incident }) => (incident ? [[incident.id, incident] as const] : [])));
    while (fresh.length > 0) {
      const plan = this.limiter.plan(
        target,
        fresh.map((n) => ({ id: n.id, queuedAt: n.dueAt })),
      );
      if (plan.action === 'idle') return;
      if (plan.action === 'wait') {
        for (const n of fresh.splice(0)) await this.release(n, plan.until);
        return;
      }
      const ids = plan.action === 'send' ? [plan.id] : plan.ids;
      const sending = fresh.filter((n) => ids.includes(n.id));
      for (const n of sending) fresh.splice(fresh.indexOf(n), 1);
      await this.send(sending, route, round, known, issued);
    }
  }

  private async send(
    rows: StoredNotification[],
    route: Route,
    round: DeliveryConfig,
    known: ReadonlyMap<string, StoredIncident>,
    issued?: () => void,
  ): Promise<void> {
    const now = this.deps.clock.now();
    const lead = rows[0]!;
    const messages: PageMessage[] = [];
    for (const n of rows) {
      const m = await messageFor(this.deps, this.options, n, now, round.config, known.get(n.incidentId));
      if (m) messages.push(m);
    }
    if (messages.length === 0) {
      await this.settle(rows, { status: 'failed', detail: 'the incident (or the reminder) no longer exists' }, route);
      return;
    }
    const locale = localeOf(lead.locale);
    const rendered = messages.length === 1 ? renderMessage(messages[0]!, locale) : renderBundle(messages, locale);
    const channel = channelFor(route.kind) as { send(d: unknown, deps: unknown): Promise<SendOutcome> };
    this.limiter.recordSend({ kind: route.kind, id: lead.targetKey });
    const sent = channel.send(
      {
        config: route.config,
        recipients: route.recipients,
        locale,
        messages,
        rendered,
        idempotencyKey: lead.id,
        attempt: lead.attempts + 1,
      },
      { now: () => this.deps.clock.now(), http: this.options.http, timeoutMs: this.options.timeoutMs },
    );
    // The plugin has issued its request by the time it first waits: the page is on its way.
    issued?.();
    const outcome = await sent;
    if (outcome.status === 'retry' && outcome.retryAfterMs !== undefined) {
      this.limiter.recordThrottle({ kind: route.kind, id: lead.targetKey }, now + outcome.retryAfterMs);
    }
    await this.settle(rows, outcome, route);
  }

  /** Gives a claimed row back, due again at `at` (a rate limit holds it). */
  private async release(n: StoredNotification, at: number): Promise<void> {
    await finishNotification(this.deps.store.db, n.id, this.options.owner, { status: 'pending', attempts: n.attempts, dueAt: at });
  }

  /** Records an outcome for the rows of one send: the first carries it, the rest were bundled into it. */
  private async settle(rows: StoredNotification[], outcome: SendOutcome, route: Route | null): Promise<void> {
    const now = this.deps.clock.now();
    const db = this.deps.store.db;
    const lead = rows[0]!;
    const attempts = lead.attempts + 1;
    const idempotent = route !== null && IDEMPOTENT.has(route.kind);
    let status = outcome.status;
    if (status === 'unknown' && idempotent) status = 'retry';
    if (status === 'retry' && attempts >= (this.options.maxAttempts ?? 8)) status = 'failed';
    const entries: TimelineEntry[] = [];
    for (const [i, n] of rows.entries()) {
      switch (status) {
        case 'sent':
          await finishNotification(db, n.id, this.options.owner, {
            status: i === 0 ? 'sent' : 'bundled',
            attempts,
            sentAt: now,
            lastError: null,
            bundleId: i === 0 ? null : lead.id,
          });
          break;
        case 'retry': {
          const wait = (outcome.status === 'retry' ? outcome.retryAfterMs : undefined) ?? backoffMs(attempts);
          await finishNotification(db, n.id, this.options.owner, {
            status: 'pending',
            attempts,
            dueAt: now + wait,
            lastError: outcome.detail,
          });
          break;
        }
        case 'failed':
        case 'unknown':
          await finishNotification(db, n.id, this.options.owner, { status, attempts, lastError: outcome.detail });
          entries.push(
            this.note(
              n,
              route,
              status === 'failed' ? `delivery failed: ${outcome.detail}` : `delivery outcome unknown, not repeated: ${outcome.detail}`,
            ),
          );
          break;
      }
    }
    if (entries.length > 0) await insertTimeline(db, entries);
  }

  private note(n: StoredNotification, route: Route | null, message: string): TimelineEntry {
    const via = route ? route.kind : n.channelKind;
    return {
      id: this.deps.ids.newId(),
      incidentId: n.incidentId,
      at: this.deps.clock.now(),
      kind: 'paging',
      actor: SYSTEM,
      from: null,
      to: null,
      message: `${recipientPhrase(n)} via ${via}: ${message}`,
    };
  }
}

function recipientPhrase(n: StoredNotification): string {
  if (n.userId === null) return `post to channel ${n.channelId}`;
  return `${n.kind === 'reminder' ? 'reminder' : 'page'} to user ${n.userId}`;
}

/** 5 s, 10 s, 20 s … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
