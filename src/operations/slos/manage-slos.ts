import { FenghuoError } from '../../domain/errors.js';
import type { Slo } from '../../domain/slo/slo.js';
import { deleteSloRow, findSlo, insertSlo, saveSlo } from '../../store/slos-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { rejectIssues } from '../oncall/references.js';
import { defaultSloName, sloIssues, windowOf, type SloInput } from './slo-input.js';

export function sloNotFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `no SLO "${id}"`);
}

/** A new availability objective for a service. */
export async function createSlo(ctx: Context, input: SloInput & { serviceId: string; targetPct: number }): Promise<Slo> {
  const now = ctx.clock.now();
  const slo: Slo = {
    id: ctx.ids.newId(),
    serviceId: input.serviceId,
    name: input.name?.trim() ?? defaultSloName(input.targetPct),
    targetPct: input.targetPct,
    window: windowOf(input, null),
    monitorIds: input.monitorIds ?? null,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.store.db.transaction().execute(async (trx) => {
    rejectIssues(await sloIssues(trx, slo, input), 'invalid SLO');
    await insertSlo(trx, slo);
    await audit(ctx, trx, 'slo.create', { type: 'slo', id: slo.id }, { after: slo });
    return slo;
  });
}

/** Changes an SLO; its numbers are computed at each read, so nothing else needs redoing. */
export async function updateSlo(ctx: Context, id: string, input: SloInput): Promise<Slo> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findSlo(trx, id);
    if (!before) throw sloNotFound(id);
    const slo: Slo = {
      ...before,
      serviceId: input.serviceId ?? before.serviceId,
      name: input.name?.trim() ?? before.name,
      targetPct: input.targetPct ?? before.targetPct,
      window: windowOf(input, before.window),
      monitorIds: input.monitorIds !== undefined ? input.monitorIds : before.monitorIds,
      updatedAt: ctx.clock.now(),
    };
    rejectIssues(await sloIssues(trx, slo, input), 'invalid SLO');
    await saveSlo(trx, slo);
    await audit(ctx, trx, 'slo.update', { type: 'slo', id }, { before, after: slo });
    return slo;
  });
}

export async function deleteSlo(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findSlo(trx, id);
    if (!before) throw sloNotFound(id);
    await deleteSloRow(trx, id);
    await audit(ctx, trx, 'slo.delete', { type: 'slo', id }, { before });
  });
}
