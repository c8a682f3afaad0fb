import { FenghuoError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../store/database.js';
import { deleteTeam as removeTeam, findTeam, listTeams as queryTeams, saveTeam, type StoredTeam } from '../../store/teams-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { refuseIfReferenced, rejectIssues, unknownUsers } from './references.js';

export interface TeamInput {
  name?: string;
  description?: string | null;
  members?: string[];
}

export const MAX_TEAM_MEMBERS = 500;

function nameTaken(name: string): FenghuoError {
  return new FenghuoError('conflict', `a team named "${name}" already exists`, [{ field: 'name', message: 'already exists' }]);
}

/** `members` as sent, so that an issue names the index the client used. */
async function checkTeam(db: Executor, team: StoredTeam, members: readonly string[]): Promise<void> {
  const issues = team.name === '' ? [{ field: 'name', message: 'must not be blank' }] : [];
  issues.push(
    ...(await unknownUsers(
      db,
      members.map((id, i) => ({ id, field: `members[${i}]` })),
    )),
  );
  rejectIssues(issues, 'invalid team');
}

/** Runs a team write, turning a duplicate name (which the database refuses) into a 409. */
async function writeTeam(ctx: Context, name: string | undefined, change: (trx: Executor) => Promise<StoredTeam>): Promise<StoredTeam> {
  try {
    return await ctx.store.db.transaction().execute(change);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name ?? '');
    throw err;
  }
}

/** A team: a name, a description and its members (users), e.g. the one a service pages. */
export async function createTeam(ctx: Context, input: TeamInput & { name: string }): Promise<StoredTeam> {
  const now = ctx.clock.now();
  const team: StoredTeam = {
    id: ctx.ids.newId(),
    name: input.name.trim(),
    description: input.description ?? null,
    members: [...new Set(input.members ?? [])],
    createdAt: now,
    updatedAt: now,
  };
  return writeTeam(ctx, team.name, async (trx) => {
    await checkTeam(trx, team, input.members ?? []);
    await saveTeam(trx, team, true);
    await audit(ctx, trx, 'team.create', { type: 'team', id: team.id }, { after: team });
    return team;
  });
}

/** Changes a team's name, description or members (the list given replaces the old one). */
export async function updateTeam(ctx: Context, id: string, input: TeamInput): Promise<StoredTeam> {
  return writeTeam(ctx, input.name?.trim(), async (trx) => {
    const before = await findTeam(trx, id);
    if (!before) throw notFound(id);
    const team: StoredTeam = {
      ...before,
      name: input.name?.trim() ?? before.name,
      description: input.description !== undefined ? input.description : before.description,
      members: input.members ? [...new Set(input.members)] : before.members,
      updatedAt: ctx.clock.now(),
    };
    await checkTeam(trx, team, input.members ?? []);
    await saveTeam(trx, team, false);
    await audit(ctx, trx, 'team.update', { type: 'team', id }, { before, after: team });
    return team;
  });
}

/** Removes a team nothing refers to any more (services, schedules, policies, channels, paging settings). */
export async function deleteTeam(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findTeam(trx, id);
    if (!before) throw notFound(id);
    await refuseIfReferenced(trx, { kind: 'team', id }, `team "${before.name}"`);
    await removeTeam(trx, id);
    await audit(ctx, trx, 'team.delete', { type: 'team', id }, { before });
  });
}

export function listTeams(ctx: Context): Promise<StoredTeam[]> {
  return queryTeams(ctx.store.db);
}

export async function getTeam(ctx: Context, id: string): Promise<StoredTeam> {
  const team = await findTeam(ctx.store.db, id);
  if (!team) throw notFound(id);
  return team;
}

function notFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `team "${id}" not found`);
}
