import { FenghuoError } from '../../domain/errors.js';
import type { IntegrationKind } from '../../domain/signals/signal.js';
import { upsertHeartbeat } from '../../store/heartbeats-repo.js';
import {
  deleteIntegration as removeIntegration,
  findIntegration,
  insertIntegration,
  listIntegrations as queryIntegrations,
  replaceIntegrationKey,
  saveIntegration,
  type StoredIntegration,
} from '../../store/integrations-repo.js';
import { findService } from '../../store/services-repo.js';
import { hashSecret, newSecret } from '../access/secrets.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { invalidateIntegrationCache } from './resolve-integration.js';
import { defaultSettings, mergeSettings, type IntegrationInput } from './integration-input.js';

/** Never returned to clients: the sealed secret. */
export type PublicIntegration = Omit<StoredIntegration, 'secretSealed'>;

export function publicIntegration(i: StoredIntegration): PublicIntegration {
  const { secretSealed: _hidden, ...rest } = i;
  return rest;
}

async function checkService(db: Executor, serviceId: string | null | undefined): Promise<void> {
  if (serviceId && !(await findService(db, serviceId))) {
    throw new FenghuoError('unknown_service', `unknown service "${serviceId}"`, [{ field: 'serviceId', message: 'unknown service' }]);
  }
}

/** Creates (or re-times) the heartbeats an integration's settings declare. */
async function syncHeartbeats(ctx: Context, db: Executor, integration: StoredIntegration): Promise<void> {
  const { heartbeat, heartbeats } = integration.settings;
  const wanted =
    integration.kind === 'heartbeat' && heartbeat ? [{ name: 'default', ...heartbeat }] : integration.kind === 'opsgenie' ? heartbeats : [];
  for (const hb of wanted) {
    await upsertHeartbeat(db, {
      id: ctx.ids.newId(),
      integrationId: integration.id,
      name: hb.name,
      intervalSeconds: hb.intervalSeconds,
      graceSeconds: hb.graceSeconds,
      createdAt: ctx.clock.now(),
    });
  }
}

/** Creates an integration; its key is returned once and stored only as a hash. */
export async function createIntegration(
  ctx: Context,
  input: IntegrationInput & { name: string; kind: IntegrationKind },
): Promise<{ key: string; integration: PublicIntegration }> {
  const key = newSecret('fhi_');
  const now = ctx.clock.now();
  const integration: StoredIntegration = {
    id: ctx.ids.newId(),
    name: input.name.trim(),
    kind: input.kind,
    serviceId: input.serviceId ?? null,
    settings: mergeSettings(input.kind, defaultSettings(), input.settings),
    hasSecret: Boolean(input.signingSecret),
    secretSealed: input.signingSecret ? ctx.secrets.seal(input.signingSecret) : null,
    keyPrefix: key.slice(0, 8),
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.store.db.transaction().execute(async (trx) => {
    await checkService(trx, integration.serviceId);
    await insertIntegration(trx, integration, hashSecret(key));
    await syncHeartbeats(ctx, trx, integration);
    await audit(ctx, trx, 'integration.create', { type: 'integration', id: integration.id }, { after: publicIntegration(integration) });
  });
  return { key, integration: publicIntegration(integration) };
}

export async function updateIntegration(
  ctx: Context,
  id: string,
  input: IntegrationInput & { disabled?: boolean },
): Promise<PublicIntegration> {
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIntegration(trx, id);
    await checkService(trx, input.serviceId);
    const next: StoredIntegration = {
      ...before,
      name: input.name?.trim() ?? before.name,
      serviceId: input.serviceId !== undefined ? input.serviceId : before.serviceId,
      settings: mergeSettings(before.kind, before.settings, input.settings),
      disabled: input.disabled ?? before.disabled,
      updatedAt: ctx.clock.now(),
    };
    if (input.signingSecret !== undefined) {
      next.secretSealed = input.signingSecret ? ctx.secrets.seal(input.signingSecret) : null;
      next.hasSecret = next.secretSealed !== null;
    }
    await saveIntegration(trx, next);
    await syncHeartbeats(ctx, trx, next);
    await audit(
      ctx,
      trx,
      'integration.update',
      { type: 'integration', id },
      {
        before: publicIntegration(before),
        after: { ...publicIntegration(next), secretChanged: input.signingSecret !== undefined },
      },
    );
    return publicIntegration(next);
  });
  invalidateIntegrationCache();
  return result;
}

/** Issues a new key; the old one stops working at once. */
export async function rotateIntegrationKey(ctx: Context, id: string): Promise<{ key: string; integration: PublicIntegration }> {
  const key = newSecret('fhi_');
  const integration = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIntegration(trx, id);
    await replaceIntegrationKey(trx, id, hashSecret(key), key.slice(0, 8), ctx.clock.now());
    await audit(ctx, trx, 'integration.rotate-key', { type: 'integration', id });
    return { ...publicIntegration(before), keyPrefix: key.slice(0, 8) };
  });
  invalidateIntegrationCache();
  return { key, integration };
}

export async function deleteIntegration(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIntegration(trx, id);
    await removeIntegration(trx, id);
    await audit(ctx, trx, 'integration.delete', { type: 'integration', id }, { before: publicIntegration(before) });
  });
  invalidateIntegrationCache();
}

export async function getIntegration(ctx: Context, id: string): Promise<PublicIntegration> {
  return publicIntegration(await requireIntegration(ctx.store.db, id));
}

export async function listIntegrations(ctx: Context): Promise<PublicIntegration[]> {
  return (await queryIntegrations(ctx.store.db)).map(publicIntegration);
}

async function requireIntegration(db: Executor, id: string): Promise<StoredIntegration> {
  const integration = await findIntegration(db, id);
  if (!integration) throw new FenghuoError('not_found', `integration "${id}" not found`);
  return integration;
}
