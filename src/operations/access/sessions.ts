import type { Actor } from '../../domain/actor.js';
import { FenghuoError } from '../../domain/errors.js';
import {
  deleteSession,
  extendSession,
  findSessionUser,
  findTokenByHash,
  findUser,
  insertSession,
  touchToken,
  type StoredUser,
} from '../../store/access-repo.js';
import { audit } from '../audit.js';
import type { Context, Deps } from '../context.js';
import { DUMMY_PASSWORD_HASH, hashSecret, newSecret, verifyPassword } from './secrets.js';

const MINUTE = 60_000;

/** Checks e-mail and password and opens a session; the same error for every failure. */
export async function login(
  ctx: Context,
  input: { email: string; password: string },
  sessionHours: number,
): Promise<{ session: string; user: StoredUser; expiresAt: number }> {
  const user = await findUser(ctx.store.db, { email: input.email.trim().toLowerCase() });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_PASSWORD_HASH));
  if (!user || !user.passwordHash || !ok || user.disabled) {
    throw new FenghuoError('unauthenticated', 'wrong e-mail or password');
  }
  const session = newSecret('fhs_');
  const now = ctx.clock.now();
  const expiresAt = now + sessionHours * 60 * MINUTE;
  const actor: Actor = { type: 'user', id: user.id, name: user.email, role: user.role };
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertSession(trx, { idHash: hashSecret(session), userId: user.id, createdAt: now, expiresAt });
    await audit({ ...ctx, actor }, trx, 'session.create', { type: 'user', id: user.id });
  });
  return { session, user, expiresAt };
}

export async function logout(ctx: Context, session: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await deleteSession(trx, hashSecret(session));
    await audit(ctx, trx, 'session.delete', { type: 'user', id: ctx.actor.id });
  });
}

/** Resolves an API token to its actor, or null when unknown or revoked. */
export async function authenticateToken(deps: Deps, token: string): Promise<Actor | null> {
  const record = await findTokenByHash(deps.store.db, hashSecret(token));
  if (!record || record.revokedAt !== null) return null;
  const now = deps.clock.now();
  // Touch at most once a minute: keeps "last used" useful without a write per request.
  if (record.lastUsedAt === null || now - record.lastUsedAt > MINUTE) await touchToken(deps.store.db, record.id, now);
  return { type: 'token', id: record.id, name: `token:${record.name}`, role: record.role };
}

/** Resolves a session cookie to its user, sliding the expiry forward while it is used. */
export async function authenticateSession(
  deps: Deps,
  session: string,
  sessionHours: number,
): Promise<{ actor: Actor; user: StoredUser } | null> {
  const idHash = hashSecret(session);
  const now = deps.clock.now();
  const found = await findSessionUser(deps.store.db, idHash, now);
  if (!found || found.user.disabled) return null;
  if (now - found.lastSeenAt > MINUTE) await extendSession(deps.store.db, idHash, now, now + sessionHours * 60 * MINUTE);
  return { actor: { type: 'user', id: found.user.id, name: found.user.email, role: found.user.role }, user: found.user };
}
