import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../domain/actor.js';
import type { GradingPolicy } from '../domain/grading/policy.js';
import type { MonitorResult } from '../monitors/result-sink.js';
import type { DB } from '../store/schema.js';
import type { Store } from '../store/database.js';
import type { StoredIncident } from '../store/incidents-repo.js';
import type { StoredNotification } from '../store/notifications-repo.js';
import type { ConfigSnapshot } from './config-snapshot.js';
import type { SecretBox } from './secret-box.js';

/** Time, as a port: operations never read the system clock themselves. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Identifier source: time-ordered, so ids sort in creation order within a process. */
export interface IdSource {
  newId(): string;
}

export function timeOrderedIds(clock: Clock, random: (bytes: number) => Buffer): IdSource {
  // One random suffix per process keeps ids of concurrent nodes apart; within a process the
  // millisecond and a counter order them. Drawing randomness per id cost 13% of ingest CPU.
  const node = random(6).toString('hex');
  let lastMs = -1;
  let seq = 0;
  return {
    newId() {
      const ms = clock.now();
      if (ms > lastMs) {
        lastMs = ms;
        seq = 0;
      } else {
        seq++;
      }
      return lastMs.toString(16).padStart(12, '0') + seq.toString(16).padStart(6, '0') + node;
    },
  };
}

/** A page leased to this process as it was written, with the incident as the same transaction left it. */
export interface HandedOverPage {
  notification: StoredNotification;
  incident: StoredIncident;
}

/** What every operation may use; built once at boot. */
export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  policy: GradingPolicy;
  secrets: SecretBox;
  /**
   * Tells the paging worker that the transaction just committed queued pages (no-op without a
   * worker), with the rows of them leased to it (see pagingLease) when the caller collected them
   * and the configuration snapshot the transaction planned them under (so sending them reads it
   * again from memory, not from the database). Resolves once the handed-over pages are on their
   * way (Pager.wake).
   */
  wakePaging?: (handedOver?: readonly HandedOverPage[], config?: ConfigSnapshot) => Promise<void> | void;
  /**
   * Set where this process runs the paging worker: pages due at once are leased to it as they are
   * written, so after the commit it sends them without first claiming them (one write fewer on the
   * way to the pager).
   */
  pagingLease?: { owner: string; leaseMs: number };
  /** This process's monitor runtime, where it runs one: told of changes, takes pushed results. */
  monitors?: MonitorHub;
}

/** What operations and routes use of the monitor runtime. */
export interface MonitorHub {
  /** Monitors or locations changed: reload what this node runs. */
  changed(): void;
  /** Stores results (from an agent, a heartbeat push); resolves once committed. */
  write(results: readonly MonitorResult[]): Promise<void>;
  /** Runs a monitor at this node now, if this node runs it. */
  runNow(monitorId: string): boolean;
  /** An agent reported: notes the time, and clears its "stopped reporting" alert if it was lost. */
  locationSeen(location: { id: string; name: string; state: 'up' | 'lost'; lastSeenAt: number | null }): Promise<void>;
  /** Compares backup heartbeats with their services' RPO now, raising or resolving their alerts. */
  checkBackups(): Promise<void>;
}

/** One call's context: the shared deps plus who is acting and the request it came from. */
export interface Context extends Deps {
  actor: Actor;
  requestId: string | null;
}

export type Executor = Kysely<DB> | Transaction<DB>;
