import type { Level } from '../domain/grading/policy.js';
import type { IncidentStatus } from '../domain/incident/state-machine.js';
import type { MonitorState } from '../domain/monitors/verdict.js';
import type { Executor } from '../operations/context.js';

/** What a live view is told of an incident that changed. */
export interface IncidentChangeRow {
  id: string;
  number: number;
  status: IncidentStatus;
  level: Level;
  version: number;
  updatedAt: number;
}

/** Incidents written at or after `since`, oldest change first (`incidents_updated_idx`). */
export async function incidentsChangedSince(db: Executor, since: number): Promise<IncidentChangeRow[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'number', 'status', 'level', 'version', 'updated_at'])
    .where('updated_at', '>=', since)
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    status: r.status as IncidentStatus,
    level: Number(r.level) as Level,
    version: Number(r.version),
    updatedAt: Number(r.updated_at),
  }));
}

export interface MonitorStateRow {
  id: string;
  state: MonitorState;
  paused: boolean;
}

function toStateRow(r: { id: string; state: string; paused: number }): MonitorStateRow {
  return { id: r.id, state: r.state as MonitorState, paused: Number(r.paused) === 1 };
}

/** Every monitor's state: what a live view starts from. */
export async function monitorStates(db: Executor): Promise<MonitorStateRow[]> {
  return (await db.selectFrom('monitors').select(['id', 'state', 'paused']).execute()).map(toStateRow);
}

/**
 * Monitors whose state moved, or whose settings changed (a pause or resume), at or after
 * `since`: two index range scans (`monitors_state_since_idx`, `monitors_updated_idx`).
 */
export async function monitorsChangedSince(db: Executor, since: number): Promise<MonitorStateRow[]> {
  const rows = await db
    .selectFrom('monitors')
    .select(['id', 'state', 'paused'])
    .where((eb) => eb.or([eb('state_since', '>=', since), eb('updated_at', '>=', since)]))
    .execute();
  return rows.map(toStateRow);
}
