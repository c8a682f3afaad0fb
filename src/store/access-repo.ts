import type { Selectable } from 'kysely';
import type { Role } from '../domain/actor.js';
import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';
import type { ApiTokensTable, UsersTable } from './schema.js';

export interface StoredUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  locale: string;
  timeZone: string;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export function toUser(row: Selectable<UsersTable>): StoredUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    locale: row.locale,
    timeZone: row.time_zone,
    disabled: row.disabled === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function userRow(u: StoredUser): Selectable<UsersTable> {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    password_hash: u.passwordHash,
    locale: u.locale,
    time_zone: u.timeZone,
    disabled: u.disabled ? 1 : 0,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

export async function findUsersByIds(db: Executor, ids: readonly string[]): Promise<StoredUser[]> {
  if (ids.length === 0) return [];
  return (
    await db
      .selectFrom('users')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute()
  ).map(toUser);
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUser(db: Executor, by: { id: string } | { email: string }): Promise<StoredUser | null> {
  const query = db.selectFrom('users').selectAll();
  const row = await ('id' in by ? query.where('id', '=', by.id) : query.where('email', '=', by.email.toLowerCase())).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsersPage(db: Executor, opts: { after: string | null; limit: number }) {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('id')
    .limit(opts.limit + 1);
  if (opts.after) query = query.where('id', '>', opts.after);
  const rows = await query.execute();
  return { items: rows.slice(0, opts.limit).map(toUser), hasMore: rows.length > opts.limit };
}

export async function insertUser(db: Executor, user: StoredUser): Promise<void> {
  await db.insertInto('users').values(userRow(user)).execute();
  await bumpConfigVersion(db);
}

export async function saveUser(db: Executor, user: StoredUser): Promise<void> {
  const { id: _id, created_at: _created, ...changes } = userRow(user);
  await db.updateTable('users').set(changes).where('id', '=', user.id).execute();
  await bumpConfigVersion(db);
}

export interface StoredToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

function toToken(row: Selectable<ApiTokensTable>): StoredToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export async function insertToken(db: Executor, token: StoredToken, tokenHash: string): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      name: token.name,
      role: token.role,
      token_hash: tokenHash,
      prefix: token.prefix,
      created_by: token.createdBy,
      created_at: token.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function findTokenByHash(db: Executor, tokenHash: string): Promise<StoredToken | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toToken(row) : null;
}

export async function findToken(db: Executor, id: string): Promise<StoredToken | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toToken(row) : null;
}

export async function listTokens(db: Executor): Promise<StoredToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
  return rows.map(toToken);
}

export async function markTokenRevoked(db: Executor, id: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function touchToken(db: Executor, id: string, at: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function insertSession(
  db: Executor,
  s: { idHash: string; userId: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt, last_seen_at: s.createdAt })
    .execute();
}

export async function findSessionUser(db: Executor, idHash: string, now: number) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.expires_at as session_expires_at', 'sessions.last_seen_at as session_last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  const { session_expires_at, session_last_seen_at, ...user } = row;
  return { user: toUser(user), expiresAt: Number(session_expires_at), lastSeenAt: Number(session_last_seen_at) };
}

export async function extendSession(db: Executor, idHash: string, at: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
