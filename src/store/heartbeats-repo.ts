import type { Selectable } from 'kysely';
import type { Executor } from '../operations/context.js';
import type { HeartbeatsTable } from './schema.js';

export interface StoredHeartbeat {
  id: string;
  integrationId: string;
  name: string;
  intervalSeconds: number;
  graceSeconds: number;
  state: 'pending' | 'up' | 'down';
  lastBeatAt: number | null;
  lastMsg: string | null;
  lastPingMs: number | null;
  createdAt: number;
}

function toHeartbeat(r: Selectable<HeartbeatsTable>): StoredHeartbeat {
  return {
    id: r.id,
    integrationId: r.integration_id,
    name: r.name,
    intervalSeconds: Number(r.interval_seconds),
    graceSeconds: Number(r.grace_seconds),
    state: r.state as StoredHeartbeat['state'],
    lastBeatAt: r.last_beat_at === null ? null : Number(r.last_beat_at),
    lastMsg: r.last_msg,
    lastPingMs: r.last_ping_ms === null ? null : Number(r.last_ping_ms),
    createdAt: Number(r.created_at),
  };
}

/** Creates the heartbeat, or updates its interval and grace when it exists. */
export async function upsertHeartbeat(
  db: Executor,
  h: { id: string; integrationId: string; name: string; intervalSeconds: number; graceSeconds: number; createdAt: number },
): Promise<void> {
  await db
    .insertInto('heartbeats')
    .values({
      id: h.id,
      integration_id: h.integrationId,
      name: h.name,
      interval_seconds: h.intervalSeconds,
      grace_seconds: h.graceSeconds,
      state: 'pending',
      last_beat_at: null,
      last_msg: null,
      last_ping_ms: null,
      created_at: h.createdAt,
    })
    .onConflict((oc) =>
      oc.columns(['integration_id', 'name']).doUpdateSet({ interval_seconds: h.intervalSeconds, grace_seconds: h.graceSeconds }),
    )
    .execute();
}

export async function findHeartbeat(db: Executor, integrationId: string, name: string): Promise<StoredHeartbeat | null> {
  const row = await db
    .selectFrom('heartbeats')
    .selectAll()
    .where('integration_id', '=', integrationId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toHeartbeat(row) : null;
}

export async function listHeartbeats(db: Executor, integrationId?: string): Promise<StoredHeartbeat[]> {
  let query = db.selectFrom('heartbeats').selectAll().orderBy('id');
  if (integrationId) query = query.where('integration_id', '=', integrationId);
  return (await query.execute()).map(toHeartbeat);
}

/** Records a beat; returns the state it had before. */
export async function recordBeat(
  db: Executor,
  id: string,
  beat: { at: number; state: 'up' | 'down'; msg: string | null; pingMs: number | null },
): Promise<void> {
  await db
    .updateTable('heartbeats')
    .set({ last_beat_at: beat.at, state: beat.state, last_msg: beat.msg, last_ping_ms: beat.pingMs })
    .where('id', '=', id)
    .execute();
}

/** Heartbeats whose last beat (or creation, if none) is older than interval + grace and still up or pending. */
export async function overdueHeartbeats(db: Executor, now: number): Promise<StoredHeartbeat[]> {
  const rows = await db.selectFrom('heartbeats').selectAll().where('state', 'in', ['up', 'pending']).execute();
  return rows.map(toHeartbeat).filter((h) => (h.lastBeatAt ?? h.createdAt) + (h.intervalSeconds + h.graceSeconds) * 1000 < now);
}

/** Moves a heartbeat to down only if it is still in `from`: of two nodes, one wins. */
export async function markHeartbeatDown(db: Executor, id: string, from: StoredHeartbeat['state']): Promise<boolean> {
  const result = await db
    .updateTable('heartbeats')
    .set({ state: 'down' })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
