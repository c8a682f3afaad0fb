/** What a check saw, and what a location or the quorum concludes. `pending`: no verdict yet. */
export type CheckStatus = 'up' | 'degraded' | 'down';
export type MonitorState = CheckStatus | 'pending';

export interface Thresholds {
  /** Consecutive failing results before a location calls the monitor degraded or down. */
  failureThreshold: number;
  /** Consecutive passing results before it calls it up again. */
  recoveryThreshold: number;
}

/** One location's verdict and the streak of results that disagree with it. */
export interface LocationVerdict {
  state: MonitorState;
  streak: number;
  streakStatus: CheckStatus | null;
}

export const NO_VERDICT: LocationVerdict = { state: 'pending', streak: 0, streakStatus: null };

/**
 * One more result from a location. A verdict changes only after `failureThreshold` failing
 * results in a row (or `recoveryThreshold` passing ones), so a single lost packet pages nobody.
 * Failing results of mixed kinds count together; the verdict takes the worst of the streak's end.
 */
export function applyResult(current: LocationVerdict, status: CheckStatus, t: Thresholds): LocationVerdict {
  if (status === current.state) return { state: current.state, streak: 0, streakStatus: null };
  const failing = status !== 'up';
  const sameDirection = current.streakStatus !== null && (current.streakStatus !== 'up') === failing;
  const streak = sameDirection ? current.streak + 1 : 1;
  const needed = failing ? t.failureThreshold : t.recoveryThreshold;
  // The first result decides a pending monitor's state when thresholds are 1; otherwise the streak does.
  if (streak >= needed) return { state: status, streak: 0, streakStatus: null };
  // A streak of failures that already changed the verdict (down → degraded) switches at once.
  if (failing && current.state !== 'up' && current.state !== 'pending') return { state: status, streak: 0, streakStatus: null };
  return { state: current.state, streak, streakStatus: status };
}

/** How many of `locationCount` locations must agree: the configured quorum, else a majority. */
export function quorumOf(locationCount: number, quorum: number | null): number {
  const majority = Math.floor(locationCount / 2) + 1;
  return Math.min(Math.max(quorum ?? majority, 1), Math.max(locationCount, 1));
}

/**
 * The monitor's state from its locations' verdicts: down when a quorum of them says down,
 * degraded when a quorum says down or degraded, pending while fewer than a quorum have a
 * verdict at all, up otherwise. A location that lost contact counts as having no verdict, so a
 * probe cut off from the network cannot take a monitor down on its own.
 */
export function quorumState(verdicts: readonly MonitorState[], locationCount: number, quorum: number | null): MonitorState {
  const needed = quorumOf(locationCount, quorum);
  const down = verdicts.filter((v) => v === 'down').length;
  const failing = down + verdicts.filter((v) => v === 'degraded').length;
  if (down >= needed) return 'down';
  if (failing >= needed) return 'degraded';
  const decided = verdicts.filter((v) => v !== 'pending').length;
  if (decided < needed) return 'pending';
  return 'up';
}
