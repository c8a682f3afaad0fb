import type { MonitorState } from './verdict.js';

export const MONITOR_KINDS = ['http', 'tcp', 'dns', 'tls', 'heartbeat'] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

/** The location every server is: checks it runs itself. */
export const LOCAL_LOCATION = 'local';

/**
 * A monitor as lists and live views show it: `paused` when paused (whatever state it kept),
 * else its state. The five are a partition: a filter by them shows each monitor at most once.
 */
export const LISTED_MONITOR_STATES = ['up', 'degraded', 'down', 'pending', 'paused'] as const;
export type ListedMonitorState = (typeof LISTED_MONITOR_STATES)[number];

export function listedState(m: { paused: boolean; state: MonitorState }): ListedMonitorState {
  return m.paused ? 'paused' : m.state;
}

/** A synthetic monitor: what to check, how often, from where, and when to call it down. */
export interface Monitor {
  id: string;
  /** Small integer key of its results and rollups. */
  seq: number;
  name: string;
  serviceId: string;
  kind: MonitorKind;
  /** The kind's settings, as its plugin validated them. */
  config: Record<string, unknown>;
  intervalSeconds: number;
  timeoutMs: number;
  failureThreshold: number;
  recoveryThreshold: number;
  /** Location names that run it. */
  locations: string[];
  /** How many locations must agree; null = a majority. */
  quorum: number | null;
  paused: boolean;
  state: MonitorState;
  stateSince: number;
  /** Heartbeat monitors: seconds after the interval before a missing beat counts as down. */
  graceSeconds: number;
  lastBeatAt: number | null;
  /** 89 daily uptime percentages (oldest first, null: not checked) up to `barsDay` (exclusive). */
  bars: Array<number | null>;
  barsDay: number;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const MIN_INTERVAL_SECONDS = 10;
export const MAX_INTERVAL_SECONDS = 86_400;
