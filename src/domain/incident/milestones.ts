/**
 * The times an incident records, in the order they must happen. `startedAt` (when the impact
 * began) may be set by a person to earlier than detection (`createdAt`), never later.
 */
export interface Milestones {
  startedAt: number;
  /** Detection: when Fenghuo opened the incident. */
  createdAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

export const MILESTONE_ORDER = ['startedAt', 'createdAt', 'acknowledgedAt', 'mitigatedAt', 'resolvedAt'] as const;
export type MilestoneName = (typeof MILESTONE_ORDER)[number];

/** The first recorded milestone that is earlier than one before it, or null when all are in order. */
export function outOfOrderMilestone(m: Milestones): MilestoneName | null {
  let latest = -Infinity;
  for (const name of MILESTONE_ORDER) {
    const at = m[name];
    if (at === null) continue;
    if (at < latest) return name;
    latest = at;
  }
  return null;
}

/** The earliest milestone after the start, which a new `startedAt` must not pass. */
export function latestPossibleStart(m: Milestones): { at: number; bound: MilestoneName } {
  let bound: { at: number; bound: MilestoneName } = { at: m.createdAt, bound: 'createdAt' };
  for (const name of ['acknowledgedAt', 'mitigatedAt', 'resolvedAt'] as const) {
    const at = m[name];
    if (at !== null && at < bound.at) bound = { at, bound: name };
  }
  return bound;
}
