import type { Level } from '../../domain/grading/policy.js';
import type { IncidentStatus } from '../../domain/incident/state-machine.js';
import { listedState, type ListedMonitorState } from '../../domain/monitors/monitor.js';
import {
  incidentsChangedSince,
  monitorStates,
  monitorsChangedSince,
  type IncidentChangeRow,
  type MonitorStateRow,
} from '../../store/live-changes-repo.js';
import type { Deps } from '../context.js';

/** Something a live view should redraw. */
export type LiveEvent =
  | { type: 'incident'; id: string; number: number; status: IncidentStatus; level: Level; version: number; updatedAt: number }
  | { type: 'monitor'; id: string; state: ListedMonitorState };

/**
 * Turns polls of the database into change events, for every node of a cluster alike (each one
 * reads what all of them wrote). A write is stamped (`updated_at`) before its transaction commits,
 * and nodes' clocks differ a little, so each poll reads again the whole last `lookbackMs` and
 * reports only versions it has not reported yet: a change that commits late, or among others
 * stamped in the same millisecond, is still seen once. Monitors are fewer, so their last known
 * states are all kept and an event is a state that differs.
 */
export class ChangeFeed {
  /** Incidents seen in the look-back window: the version last reported, and when it was written. */
  private readonly incidents = new Map<string, { version: number; updatedAt: number }>();
  private readonly monitors = new Map<string, ListedMonitorState>();

  constructor(
    private readonly deps: Pick<Deps, 'store' | 'clock'>,
    private readonly lookbackMs: number,
  ) {}

  /** Takes what is there now as known: only changes after this become events. */
  async prime(): Promise<void> {
    const db = this.deps.store.db;
    for (const row of await incidentsChangedSince(db, this.deps.clock.now() - this.lookbackMs)) this.remember(row);
    for (const row of await monitorStates(db)) this.monitors.set(row.id, listedState(row));
  }

  /** The changes since the last poll (or the priming), incidents first, each in write order. */
  async poll(): Promise<LiveEvent[]> {
    const db = this.deps.store.db;
    const since = this.deps.clock.now() - this.lookbackMs;
    const incidents = await incidentsChangedSince(db, since);
    const monitors = await monitorsChangedSince(db, since);
    const events = [...this.incidentEvents(incidents), ...this.monitorEvents(monitors)];
    // Out of the window, an entry cannot be read again unless it is written again (a new version).
    for (const [id, seen] of this.incidents) if (seen.updatedAt < since) this.incidents.delete(id);
    return events;
  }

  private remember(row: IncidentChangeRow): void {
    this.incidents.set(row.id, { version: row.version, updatedAt: row.updatedAt });
  }

  private incidentEvents(rows: readonly IncidentChangeRow[]): LiveEvent[] {
    const events: LiveEvent[] = [];
    for (const row of rows) {
      const seen = this.incidents.get(row.id);
      if (seen && seen.version >= row.version) continue;
      this.remember(row);
      events.push({ type: 'incident', ...row });
    }
    return events;
  }

  private monitorEvents(rows: readonly MonitorStateRow[]): LiveEvent[] {
    const events: LiveEvent[] = [];
    for (const row of rows) {
      const state = listedState(row);
      if (this.monitors.get(row.id) === state) continue;
      this.monitors.set(row.id, state);
      events.push({ type: 'monitor', id: row.id, state });
    }
    return events;
  }
}
