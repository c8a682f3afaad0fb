import { FenghuoError } from '../../domain/errors.js';
import { deleteService as removeService, directDependents, findService } from '../../store/services-repo.js';
import { bumpCatalogVersion } from '../../store/config-version.js';
import { countMonitorsOfService } from '../../store/monitors-repo.js';
import { countSlosOfService } from '../../store/slos-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';

/** Removes a service nothing depends on, no monitor watches and no SLO measures; incidents keep the id they recorded. */
export async function deleteService(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findService(trx, id);
    if (!before) throw new FenghuoError('not_found', `service "${id}" not found`);
    const dependents = await directDependents(trx, id);
    if (dependents.length > 0) {
      throw new FenghuoError('conflict', `service "${id}" is a dependency of: ${dependents.join(', ')}`);
    }
    const monitors = await countMonitorsOfService(trx, id);
    if (monitors > 0) throw new FenghuoError('conflict', `service "${id}" still has ${monitors} monitor(s); delete or move them first`);
    const slos = await countSlosOfService(trx, id);
    if (slos > 0) throw new FenghuoError('conflict', `service "${id}" still has ${slos} SLO(s); delete them first`);
    await removeService(trx, id);
    await bumpCatalogVersion(trx);
    await audit(ctx, trx, 'service.delete', { type: 'service', id }, { before });
  });
}
