import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';

export interface StoredTeam {
  id: string;
  name: string;
  description: string | null;
  members: string[];
  createdAt: number;
  updatedAt: number;
}

async function membersOf(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('team_members').selectAll().where('team_id', 'in', ids).orderBy('user_id').execute();
  for (const r of rows) map.set(r.team_id, [...(map.get(r.team_id) ?? []), r.user_id]);
  return map;
}

export async function listTeams(db: Executor): Promise<StoredTeam[]> {
  const rows = await db.selectFrom('teams').selectAll().orderBy('name').execute();
  const members = await membersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    members: members.get(r.id) ?? [],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  }));
}

export async function findTeam(db: Executor, id: string): Promise<StoredTeam | null> {
  const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const members = await membersOf(db, [id]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    members: members.get(id) ?? [],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function saveTeam(db: Executor, team: StoredTeam, isNew: boolean): Promise<void> {
  const row = { name: team.name, description: team.description, updated_at: team.updatedAt };
  if (isNew)
    await db
      .insertInto('teams')
      .values({ id: team.id, created_at: team.createdAt, ...row })
      .execute();
  else await db.updateTable('teams').set(row).where('id', '=', team.id).execute();
  await db.deleteFrom('team_members').where('team_id', '=', team.id).execute();
  if (team.members.length > 0) {
    await db
      .insertInto('team_members')
      .values(team.members.map((user_id) => ({ team_id: team.id, user_id })))
      .execute();
  }
  await bumpConfigVersion(db);
}

export async function deleteTeam(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('team_members').where('team_id', '=', id).execute();
  await db.deleteFrom('teams').where('id', '=', id).execute();
  await bumpConfigVersion(db);
}

/** Members of several teams at once (for expanding escalation targets). */
export async function teamMembers(db: Executor, teamIds: string[]): Promise<Map<string, string[]>> {
  return membersOf(db, teamIds);
}
