import { contactIssues, newService, validateCatalog } from '../../domain/catalog/service.js';
import { FenghuoError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../store/database.js';
import { findService, insertService, loadCatalog, type StoredService } from '../../store/services-repo.js';
import { bumpCatalogVersion } from '../../store/config-version.js';
import { audit } from '../audit.js';
import { checkServiceReferences, rejectIssues } from '../oncall/references.js';
import type { Context } from '../context.js';
import { applyServiceInput, type ServiceInput } from './service-input.js';

/** Adds a service to the catalog; its dependencies must exist and must not close a cycle. */
export async function createService(ctx: Context, input: ServiceInput & { id: string; name: string }): Promise<StoredService> {
  const now = ctx.clock.now();
  const service = applyServiceInput(newService(input.id, input.name), input);
  try {
    return await ctx.store.db.transaction().execute(async (trx) => {
      if (await findService(trx, service.id)) throw alreadyExists(service.id);
      const catalog = await loadCatalog(trx);
      validateCatalog([...catalog, service]);
      rejectIssues(contactIssues(service.contacts), 'invalid service');
      await checkServiceReferences(trx, service);
      const stored = { ...service, createdAt: now, updatedAt: now };
      await insertService(trx, stored);
      await bumpCatalogVersion(trx);
      await audit(ctx, trx, 'service.create', { type: 'service', id: service.id }, { after: service });
      return stored;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyExists(service.id);
    throw err;
  }
}

function alreadyExists(id: string): FenghuoError {
  return new FenghuoError('conflict', `service "${id}" already exists`, [{ field: 'id', message: 'already exists' }]);
}
