import type { SnapshotMaintenance } from './snapshot.js';

/** A maintenance's state at `now`: ahead, on `[startsAt, endsAt)`, or over. */
export function maintenanceState(m: { startsAt: number; endsAt: number }, now: number): SnapshotMaintenance['state'] {
  if (now < m.startsAt) return 'scheduled';
  return now < m.endsAt ? 'in_progress' : 'completed';
}
