import type { Actor } from '../../domain/actor.js';
import { findUser } from '../../store/access-repo.js';
import { activeUserIds, firstUserId } from '../../store/first-run-repo.js';
import type { Context } from '../context.js';

/**
 * Whether this is a fresh installation as an administrator sees it: the only active user is the
 * admin `fenghuo serve` created on first start (the first user there ever was). The console then
 * shows its first steps. Other roles never see it: they cannot act on it.
 */
export async function isFirstRun(ctx: Context): Promise<boolean> {
  if (ctx.actor.role !== 'admin') return false;
  const active = await activeUserIds(ctx.store.db, 2);
  if (active.length !== 1) return false;
  return active[0] === (await firstUserId(ctx.store.db));
}

export interface Me extends Actor {
  firstRun: boolean;
  /** A user's own time zone and locale (the console shows times and words in them); null for a token. */
  timeZone: string | null;
  locale: string | null;
}

/** The caller, with their own settings, and whether the console should offer its first steps. */
export async function whoAmI(ctx: Context): Promise<Me> {
  const user = ctx.actor.type === 'user' && ctx.actor.id ? await findUser(ctx.store.db, { id: ctx.actor.id }) : null;
  return { ...ctx.actor, firstRun: await isFirstRun(ctx), timeZone: user?.timeZone ?? null, locale: user?.locale ?? null };
}
