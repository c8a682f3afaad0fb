import type { Selectable } from 'kysely';
import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';
import type { ChannelsTable } from './schema.js';

/** An outbound channel target as stored; its config (URLs, secrets) only sealed. */
export interface StoredChannel {
  id: string;
  name: string;
  kind: string;
  teamId: string | null;
  locale: string;
  configSealed: string;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

function toChannel(r: Selectable<ChannelsTable>): StoredChannel {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    teamId: r.team_id,
    locale: r.locale,
    configSealed: r.config_enc,
    disabled: Number(r.disabled) === 1,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function listChannels(db: Executor): Promise<StoredChannel[]> {
  const rows = await db.selectFrom('channels').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toChannel);
}

export async function findChannel(db: Executor, id: string): Promise<StoredChannel | null> {
  const row = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toChannel(row) : null;
}

/** Channels that belong to a team. */
export async function channelsOfTeam(db: Executor, teamId: string): Promise<StoredChannel[]> {
  const rows = await db.selectFrom('channels').selectAll().where('team_id', '=', teamId).orderBy('name').execute();
  return rows.map(toChannel);
}

export async function saveChannel(db: Executor, c: StoredChannel, isNew: boolean): Promise<void> {
  const row = {
    name: c.name,
    kind: c.kind,
    team_id: c.teamId,
    locale: c.locale,
    config_enc: c.configSealed,
    disabled: c.disabled ? 1 : 0,
    updated_at: c.updatedAt,
  };
  if (isNew)
    await db
      .insertInto('channels')
      .values({ id: c.id, created_at: c.createdAt, ...row })
      .execute();
  else await db.updateTable('channels').set(row).where('id', '=', c.id).execute();
  await bumpConfigVersion(db);
}

export async function deleteChannel(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('channels').where('id', '=', id).execute();
  await bumpConfigVersion(db);
}
