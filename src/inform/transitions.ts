import type { StatusSnapshot } from '../domain/status/snapshot.js';

const DAY = 86_400_000;
const MAINTENANCE_SHOWN_AFTER_END = 7 * DAY;
const HISTORY = 90 * DAY;

/**
 * The first moment after the snapshot was built at which the same data reads differently: the
 * next UTC midnight (uptime bars roll), a maintenance starting or ending, a completed maintenance
 * or a past incident ageing out of its window. The cache rebuilds the page once when it passes.
 */
export function nextTransitionAt(snapshot: StatusSnapshot): number {
  const at = snapshot.builtAt;
  let next = (Math.floor(at / DAY) + 1) * DAY;
  const consider = (moment: number): void => {
    if (moment > at && moment < next) next = moment;
  };
  for (const m of snapshot.maintenances) {
    consider(m.startsAt);
    consider(m.endsAt);
    consider(m.endsAt + MAINTENANCE_SHOWN_AFTER_END);
  }
  for (const i of snapshot.pastIncidents) consider((i.resolvedAt ?? i.startedAt) + HISTORY);
  return next;
}
