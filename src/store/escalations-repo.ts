import type { Selectable } from 'kysely';
import type { EscalationState } from '../domain/escalation/next-escalation-step.js';
import type { Executor } from '../operations/context.js';
import type { EscalationsTable } from './schema.js';

/**
 * `active`: firings pending; `acknowledged`: stopped by an ack, waiting for the ack timeout (if
 * the level has one); `stopped`: mitigated, resolved, or nothing to page; `exhausted`: every
 * firing went out and nobody acknowledged.
 */
export type EscalationStatus = 'active' | 'acknowledged' | 'stopped' | 'exhausted';

export interface StoredEscalation {
  incidentId: string;
  policyId: string | null;
  status: EscalationStatus;
  state: EscalationState;
  /** When the worker must look again; null: nothing left to do. */
  nextAt: number | null;
  version: number;
  startedAt: number;
  updatedAt: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toEscalation(r: Selectable<EscalationsTable>): StoredEscalation {
  return {
    incidentId: r.incident_id,
    policyId: r.policy_id,
    status: r.status as EscalationStatus,
    state: JSON.parse(r.state) as EscalationState,
    nextAt: num(r.next_at),
    version: Number(r.version),
    startedAt: Number(r.started_at),
    updatedAt: Number(r.updated_at),
  };
}

function toRow(e: StoredEscalation): Selectable<EscalationsTable> {
  return {
    incident_id: e.incidentId,
    policy_id: e.policyId,
    status: e.status,
    state: JSON.stringify(e.state),
    next_at: e.nextAt,
    version: e.version,
    started_at: e.startedAt,
    updated_at: e.updatedAt,
  };
}

export async function findEscalation(db: Executor, incidentId: string): Promise<StoredEscalation | null> {
  const row = await db.selectFrom('escalations').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row ? toEscalation(row) : null;
}

export async function insertEscalation(db: Executor, e: StoredEscalation): Promise<void> {
  await db.insertInto('escalations').values(toRow(e)).execute();
}

/** Saves `next` if nobody changed the row since `before` was read (a worker and an ack may race). */
export async function saveEscalationIfVersion(db: Executor, next: StoredEscalation, beforeVersion: number): Promise<boolean> {
  const { incident_id: _id, ...values } = toRow(next);
  const result = await db
    .updateTable('escalations')
    .set(values)
    .where('incident_id', '=', next.incidentId)
    .where('version', '=', beforeVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Escalations that need the worker by `now`. */
export async function dueEscalations(db: Executor, now: number, limit: number): Promise<StoredEscalation[]> {
  const rows = await db.selectFrom('escalations').selectAll().where('next_at', '<=', now).orderBy('next_at').limit(limit).execute();
  return rows.map(toEscalation);
}

/** The earliest time an escalation needs the worker (null: none). */
export async function nextEscalationAt(db: Executor): Promise<number | null> {
  const row = await db
    .selectFrom('escalations')
    .select((eb) => eb.fn.min('next_at').as('at'))
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
