import type { Role } from '../../domain/actor.js';
import { FenghuoError } from '../../domain/errors.js';
import { findToken, insertToken, markTokenRevoked, type StoredToken } from '../../store/access-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { hashSecret, newSecret } from './secrets.js';

/** Creates an API token. The secret is returned once; only its hash is stored. */
export async function createToken(ctx: Context, input: { name: string; role: Role }): Promise<{ token: string; record: StoredToken }> {
  const secret = newSecret('fh_');
  const record: StoredToken = {
    id: ctx.ids.newId(),
    name: input.name.trim(),
    role: input.role,
    prefix: secret.slice(0, 8),
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertToken(trx, record, hashSecret(secret));
    await audit(ctx, trx, 'token.create', { type: 'token', id: record.id }, { after: record });
  });
  return { token: secret, record };
}

export async function revokeToken(ctx: Context, id: string): Promise<StoredToken> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findToken(trx, id);
    if (!before) throw new FenghuoError('not_found', `token "${id}" not found`);
    const now = ctx.clock.now();
    if (!(await markTokenRevoked(trx, id, now))) throw new FenghuoError('conflict', `token "${id}" is already revoked`);
    await audit(ctx, trx, 'token.revoke', { type: 'token', id }, { before });
    return { ...before, revokedAt: now };
  });
}
