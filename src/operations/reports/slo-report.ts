import { serviceOwners } from '../../store/reports-repo.js';
import type { Context } from '../context.js';
import { listSloStatuses } from '../slos/read-slos.js';
import type { SloStatus } from '../slos/measure-slo.js';

export interface SloReport {
  at: number;
  items: Array<{ status: SloStatus; serviceName: string }>;
}

/** Every SLO (of one service, when asked) with availability, budget left and burn rates now. */
export async function sloReport(ctx: Context, input: { service?: string }): Promise<SloReport> {
  const [statuses, services] = await Promise.all([listSloStatuses(ctx, input.service), serviceOwners(ctx.store.db)]);
  const names = new Map(services.map((s) => [s.id, s.name]));
  return {
    at: ctx.clock.now(),
    items: statuses.map((status) => ({ status, serviceName: names.get(status.slo.serviceId) ?? status.slo.serviceId })),
  };
}
