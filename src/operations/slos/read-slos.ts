import { findSlo, listSlos } from '../../store/slos-repo.js';
import type { Context } from '../context.js';
import { sloNotFound } from './manage-slos.js';
import { measureSlo, type SloStatus } from './measure-slo.js';

/** One SLO with its numbers now. */
export async function getSloStatus(ctx: Context, id: string): Promise<SloStatus> {
  const slo = await findSlo(ctx.store.db, id);
  if (!slo) throw sloNotFound(id);
  return measureSlo(ctx.store.db, slo, ctx.clock.now());
}

/** Every SLO (of one service, when given) with its numbers now, by service. */
export async function listSloStatuses(ctx: Context, serviceId?: string): Promise<SloStatus[]> {
  const now = ctx.clock.now();
  const out: SloStatus[] = [];
  for (const slo of await listSlos(ctx.store.db, serviceId)) out.push(await measureSlo(ctx.store.db, slo, now));
  return out;
}
