import type { Actor } from '../../domain/actor.js';
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

/** The caller, and whether the console should offer its first steps. */
export async function whoAmI(ctx: Context): Promise<Actor & { firstRun: boolean }> {
  return { ...ctx.actor, firstRun: await isFirstRun(ctx) };
}
