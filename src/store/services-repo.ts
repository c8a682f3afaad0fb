import type { Selectable } from 'kysely';
import type { Service, ServiceKind, VendorContact } from '../domain/catalog/service.js';
import type { Executor } from '../operations/context.js';
import type { ServicesTable } from './schema.js';

export interface StoredService extends Service {
  createdAt: number;
  updatedAt: number;
}

function toService(row: Selectable<ServicesTable>, dependsOn: string[]): StoredService {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ServiceKind,
    critical: row.critical === 1,
    payment: row.payment === 1,
    userFacing: row.user_facing === 1,
    dependsOn,
    ownerTeam: row.owner_team,
    teamId: row.team_id,
    escalationPolicyId: row.escalation_policy_id,
    runbook: row.runbook,
    rtoMinutes: row.rto_minutes,
    rpoMinutes: row.rpo_minutes,
    contacts: JSON.parse(row.contacts) as VendorContact[],
    contractedSlaPct: row.contracted_sla_pct === null ? null : Number(row.contracted_sla_pct),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

async function dependencyMap(db: Executor, ids?: string[]): Promise<Map<string, string[]>> {
  let query = db.selectFrom('service_dependencies').selectAll().orderBy('service_id').orderBy('depends_on_id');
  if (ids) {
    if (ids.length === 0) return new Map();
    query = query.where('service_id', 'in', ids);
  }
  const map = new Map<string, string[]>();
  for (const row of await query.execute()) {
    const list = map.get(row.service_id) ?? [];
    list.push(row.depends_on_id);
    map.set(row.service_id, list);
  }
  return map;
}

/** The whole catalog, for grading and cycle checks. */
export async function loadCatalog(db: Executor): Promise<StoredService[]> {
  const rows = await db.selectFrom('services').selectAll().orderBy('id').execute();
  const deps = await dependencyMap(db);
  return rows.map((r) => toService(r, deps.get(r.id) ?? []));
}

export async function listServicesPage(db: Executor, opts: { after: string | null; limit: number; kind?: string }) {
  let query = db
    .selectFrom('services')
    .selectAll()
    .orderBy('id')
    .limit(opts.limit + 1);
  if (opts.after) query = query.where('id', '>', opts.after);
  if (opts.kind) query = query.where('kind', '=', opts.kind);
  const rows = await query.execute();
  const page = rows.slice(0, opts.limit);
  const deps = await dependencyMap(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toService(r, deps.get(r.id) ?? [])),
    hasMore: rows.length > opts.limit,
  };
}

export async function findService(db: Executor, id: string): Promise<StoredService | null> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const deps = await dependencyMap(db, [id]);
  return toService(row, deps.get(id) ?? []);
}

function toRow(s: StoredService): Selectable<ServicesTable> {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    critical: s.critical ? 1 : 0,
    payment: s.payment ? 1 : 0,
    user_facing: s.userFacing ? 1 : 0,
    owner_team: s.ownerTeam,
    team_id: s.teamId,
    escalation_policy_id: s.escalationPolicyId,
    runbook: s.runbook,
    rto_minutes: s.rtoMinutes,
    rpo_minutes: s.rpoMinutes,
    contacts: JSON.stringify(s.contacts),
    contracted_sla_pct: s.contractedSlaPct,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export async function insertService(db: Executor, s: StoredService): Promise<void> {
  await db.insertInto('services').values(toRow(s)).execute();
  await replaceDependencies(db, s.id, s.dependsOn);
}

export async function updateService(db: Executor, s: StoredService): Promise<void> {
  const { id: _id, created_at: _created, ...changes } = toRow(s);
  await db.updateTable('services').set(changes).where('id', '=', s.id).execute();
  await replaceDependencies(db, s.id, s.dependsOn);
}

async function replaceDependencies(db: Executor, id: string, dependsOn: string[]): Promise<void> {
  await db.deleteFrom('service_dependencies').where('service_id', '=', id).execute();
  if (dependsOn.length === 0) return;
  await db
    .insertInto('service_dependencies')
    .values(dependsOn.map((dep) => ({ service_id: id, depends_on_id: dep })))
    .execute();
}

/** Ids of services that depend directly on `id`. */
export async function directDependents(db: Executor, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('service_dependencies')
    .select('service_id')
    .where('depends_on_id', '=', id)
    .orderBy('service_id')
    .execute();
  return rows.map((r) => r.service_id);
}

export async function deleteService(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('service_dependencies').where('service_id', '=', id).execute();
  await db.deleteFrom('services').where('id', '=', id).execute();
}
