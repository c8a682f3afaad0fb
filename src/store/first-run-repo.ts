import type { Executor } from '../operations/context.js';

/** Up to `limit` ids of users who are not disabled. */
export async function activeUserIds(db: Executor, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('disabled', '=', 0).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The user created first: on a server started by `fenghuo serve`, the bootstrap admin. */
export async function firstUserId(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('users').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}
