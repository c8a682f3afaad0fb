import { contactIssues, validateCatalog } from '../../domain/catalog/service.js';
import { FenghuoError } from '../../domain/errors.js';
import { findService, loadCatalog, updateService as saveService, type StoredService } from '../../store/services-repo.js';
import { bumpCatalogVersion } from '../../store/config-version.js';
import { audit } from '../audit.js';
import { checkServiceReferences, rejectIssues } from '../oncall/references.js';
import type { Context } from '../context.js';
import { applyServiceInput, type ServiceInput } from './service-input.js';

/** Changes a service; a new dependency list is checked against the whole catalog for cycles. */
export async function updateService(ctx: Context, id: string, input: ServiceInput): Promise<StoredService> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findService(trx, id);
    if (!before) throw new FenghuoError('not_found', `service "${id}" not found`);
    const next = applyServiceInput(before, input);
    if (input.dependsOn) {
      const catalog = await loadCatalog(trx);
      validateCatalog(catalog.map((s) => (s.id === id ? next : s)));
    }
    rejectIssues(contactIssues(next.contacts), 'invalid service');
    await checkServiceReferences(trx, { teamId: input.teamId, escalationPolicyId: input.escalationPolicyId });
    const stored = { ...next, createdAt: before.createdAt, updatedAt: ctx.clock.now() };
    await saveService(trx, stored);
    await bumpCatalogVersion(trx);
    await audit(ctx, trx, 'service.update', { type: 'service', id }, { before, after: stored });
    return stored;
  });
}
