import { FenghuoError } from '../../domain/errors.js';
import { findUser, listTokens as queryTokens, listUsersPage, type StoredToken } from '../../store/access-repo.js';
import { listAudit as queryAudit } from '../../store/audit-repo.js';
import type { Context } from '../context.js';
import { publicUser, type PublicUser } from './users.js';

export async function listUsers(ctx: Context, opts: { after: string | null; limit: number }) {
  const page = await listUsersPage(ctx.store.db, opts);
  return { items: page.items.map(publicUser), hasMore: page.hasMore };
}

export async function getUser(ctx: Context, id: string): Promise<PublicUser> {
  const user = await findUser(ctx.store.db, { id });
  if (!user) throw new FenghuoError('not_found', `user "${id}" not found`);
  return publicUser(user);
}

export function listTokens(ctx: Context): Promise<StoredToken[]> {
  return queryTokens(ctx.store.db);
}

export async function listAudit(ctx: Context, filter: { targetType?: string; targetId?: string; limit: number }) {
  const rows = await queryAudit(ctx.store.db, filter);
  return rows.map((r) => ({
    id: r.id,
    at: Number(r.at),
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    requestId: r.request_id,
  }));
}
