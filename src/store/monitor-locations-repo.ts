import type { Selectable } from 'kysely';
import type { Executor } from '../operations/context.js';
import type { MonitorLocationsTable } from './schema.js';

export interface StoredLocation {
  id: string;
  seq: number;
  name: string;
  description: string | null;
  tokenPrefix: string | null;
  lastSeenAt: number | null;
  state: 'up' | 'lost';
  createdAt: number;
  updatedAt: number;
}

function toLocation(r: Selectable<MonitorLocationsTable>): StoredLocation {
  return {
    id: r.id,
    seq: Number(r.seq),
    name: r.name,
    description: r.description,
    tokenPrefix: r.token_prefix,
    lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
    state: r.state as StoredLocation['state'],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function insertLocation(db: Executor, l: StoredLocation, tokenHash: string | null): Promise<void> {
  await db
    .insertInto('monitor_locations')
    .values({
      id: l.id,
      seq: l.seq,
      name: l.name,
      description: l.description,
      token_hash: tokenHash,
      token_prefix: l.tokenPrefix,
      last_seen_at: l.lastSeenAt,
      state: l.state,
      created_at: l.createdAt,
      updated_at: l.updatedAt,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function listLocations(db: Executor): Promise<StoredLocation[]> {
  return (await db.selectFrom('monitor_locations').selectAll().orderBy('seq').execute()).map(toLocation);
}

export async function findLocation(db: Executor, id: string): Promise<StoredLocation | null> {
  const row = await db.selectFrom('monitor_locations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toLocation(row) : null;
}

export async function findLocationByToken(db: Executor, hash: string): Promise<StoredLocation | null> {
  const row = await db.selectFrom('monitor_locations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  return row ? toLocation(row) : null;
}

export async function updateLocation(db: Executor, l: StoredLocation): Promise<void> {
  await db.updateTable('monitor_locations').set({ description: l.description, updated_at: l.updatedAt }).where('id', '=', l.id).execute();
}

export async function setLocationToken(db: Executor, id: string, hash: string, prefix: string, at: number): Promise<void> {
  await db.updateTable('monitor_locations').set({ token_hash: hash, token_prefix: prefix, updated_at: at }).where('id', '=', id).execute();
}

/** Records that the agent reported; returns the state it was in (to notice a return from `lost`). */
export async function touchLocation(db: Executor, id: string, at: number): Promise<void> {
  await db.updateTable('monitor_locations').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Moves a location between up and lost, if it still is `from`. */
export async function setLocationState(db: Executor, id: string, from: string, to: string): Promise<boolean> {
  const result = await db
    .updateTable('monitor_locations')
    .set({ state: to })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteLocationRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('monitor_locations').where('id', '=', id).execute();
}
