import type { Selectable } from 'kysely';
import type { Integration, IntegrationSettings } from '../domain/signals/integration.js';
import { DEFAULT_INTEGRATION_SETTINGS } from '../domain/signals/integration.js';
import type { IntegrationKind } from '../domain/signals/signal.js';
import type { Executor } from '../operations/context.js';
import type { IntegrationsTable } from './schema.js';

export interface StoredIntegration extends Integration {
  secretSealed: string | null;
}

function toIntegration(row: Selectable<IntegrationsTable>): StoredIntegration {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as IntegrationKind,
    serviceId: row.service_id,
    settings: { ...DEFAULT_INTEGRATION_SETTINGS, ...(JSON.parse(row.config) as Partial<IntegrationSettings>) },
    hasSecret: row.secret_enc !== null,
    secretSealed: row.secret_enc,
    keyPrefix: row.key_prefix,
    disabled: row.disabled === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertIntegration(db: Executor, i: StoredIntegration, keyHash: string): Promise<void> {
  await db
    .insertInto('integrations')
    .values({
      id: i.id,
      name: i.name,
      kind: i.kind,
      key_hash: keyHash,
      key_prefix: i.keyPrefix,
      service_id: i.serviceId,
      config: JSON.stringify(i.settings),
      secret_enc: i.secretSealed,
      disabled: i.disabled ? 1 : 0,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
    })
    .execute();
}

export async function saveIntegration(db: Executor, i: StoredIntegration): Promise<void> {
  await db
    .updateTable('integrations')
    .set({
      name: i.name,
      service_id: i.serviceId,
      config: JSON.stringify(i.settings),
      secret_enc: i.secretSealed,
      disabled: i.disabled ? 1 : 0,
      updated_at: i.updatedAt,
    })
    .where('id', '=', i.id)
    .execute();
}

export async function replaceIntegrationKey(db: Executor, id: string, keyHash: string, prefix: string, at: number): Promise<void> {
  await db.updateTable('integrations').set({ key_hash: keyHash, key_prefix: prefix, updated_at: at }).where('id', '=', id).execute();
}

export async function findIntegration(db: Executor, id: string): Promise<StoredIntegration | null> {
  const row = await db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toIntegration(row) : null;
}

export async function findIntegrationByKeyHash(db: Executor, keyHash: string): Promise<StoredIntegration | null> {
  const row = await db.selectFrom('integrations').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  return row ? toIntegration(row) : null;
}

export async function listIntegrations(db: Executor): Promise<StoredIntegration[]> {
  const rows = await db.selectFrom('integrations').selectAll().orderBy('id').execute();
  return rows.map(toIntegration);
}

export async function deleteIntegration(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('heartbeats').where('integration_id', '=', id).execute();
  await db.deleteFrom('integrations').where('id', '=', id).execute();
}
