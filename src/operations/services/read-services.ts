import { FenghuoError } from '../../domain/errors.js';
import { findService, listServicesPage, type StoredService } from '../../store/services-repo.js';
import type { Context } from '../context.js';

export async function getService(ctx: Context, id: string): Promise<StoredService> {
  const service = await findService(ctx.store.db, id);
  if (!service) throw new FenghuoError('not_found', `service "${id}" not found`);
  return service;
}

export function listServices(
  ctx: Context,
  opts: { after: string | null; limit: number; kind?: string },
): Promise<{ items: StoredService[]; hasMore: boolean }> {
  return listServicesPage(ctx.store.db, opts);
}
