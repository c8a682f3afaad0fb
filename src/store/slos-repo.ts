import { sql, type Selectable } from 'kysely';
import type { CheckCounts, MinuteCounts } from '../domain/slo/error-budget.js';
import type { Slo, SloWindowKind } from '../domain/slo/slo.js';
import type { Executor } from '../operations/context.js';
import { GRAIN } from './monitor-results-repo.js';
import type { SlosTable } from './schema.js';

function toSlo(r: Selectable<SlosTable>): Slo {
  const kind = r.window_kind as SloWindowKind;
  return {
    id: r.id,
    serviceId: r.service_id,
    name: r.name,
    targetPct: Number(r.target_pct),
    window: kind === 'rolling' ? { kind, days: Number(r.window_days) } : { kind },
    monitorIds: r.monitor_ids === null ? null : (JSON.parse(r.monitor_ids) as string[]),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toRow(s: Slo): Selectable<SlosTable> {
  return {
    id: s.id,
    service_id: s.serviceId,
    name: s.name,
    target_pct: s.targetPct,
    window_kind: s.window.kind,
    window_days: s.window.kind === 'rolling' ? s.window.days : null,
    monitor_ids: s.monitorIds === null ? null : JSON.stringify(s.monitorIds),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export async function insertSlo(db: Executor, s: Slo): Promise<void> {
  await db.insertInto('slos').values(toRow(s)).execute();
}

export async function saveSlo(db: Executor, s: Slo): Promise<void> {
  const { id: _id, created_at: _created, ...changes } = toRow(s);
  await db.updateTable('slos').set(changes).where('id', '=', s.id).execute();
}

export async function deleteSloRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('slos').where('id', '=', id).execute();
}

export async function findSlo(db: Executor, id: string): Promise<Slo | null> {
  const row = await db.selectFrom('slos').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSlo(row) : null;
}

/** SLOs by service, then creation (ids are time-ordered); one service's only when given. */
export async function listSlos(db: Executor, serviceId?: string): Promise<Slo[]> {
  let query = db.selectFrom('slos').selectAll().orderBy('service_id').orderBy('id');
  if (serviceId !== undefined) query = query.where('service_id', '=', serviceId);
  return (await query.execute()).map(toSlo);
}

export async function countSlosOfService(db: Executor, serviceId: string): Promise<number> {
  const row = await db
    .selectFrom('slos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface MonitorKey {
  id: string;
  seq: number;
  serviceId: string;
  kind: string;
  config: Record<string, unknown>;
}

/** The id, sequence number, service and kind of some monitors, or of every monitor of some services. */
export async function monitorKeysOf(db: Executor, by: { ids?: readonly string[]; serviceIds?: readonly string[] }): Promise<MonitorKey[]> {
  let query = db.selectFrom('monitors').select(['id', 'seq', 'service_id', 'kind', 'config']);
  if (by.ids) {
    if (by.ids.length === 0) return [];
    query = query.where('id', 'in', [...by.ids]);
  }
  if (by.serviceIds) {
    if (by.serviceIds.length === 0) return [];
    query = query.where('service_id', 'in', [...by.serviceIds]);
  }
  const rows = await query.orderBy('seq').execute();
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    serviceId: r.service_id,
    kind: r.kind,
    config: JSON.parse(r.config) as Record<string, unknown>,
  }));
}

const GOOD = sql<number>`coalesce(sum(up + degraded), 0)`;
const TOTAL = sql<number>`coalesce(sum(up + degraded + down), 0)`;

/** Good (up or degraded) and all checks of some monitors in rollup rows of `grain` starting in [from, to]. */
export async function sumChecks(db: Executor, seqs: readonly number[], grain: number, from: number, to: number): Promise<CheckCounts> {
  if (seqs.length === 0) return { good: 0, total: 0 };
  const row = await db
    .selectFrom('monitor_rollups')
    .select([GOOD.as('good'), TOTAL.as('total')])
    .where('monitor_seq', 'in', [...seqs])
    .where('grain', '=', grain)
    .where('start', '>=', from)
    .where('start', '<=', to)
    .executeTakeFirst();
  return { good: Number(row?.good ?? 0), total: Number(row?.total ?? 0) };
}

/** Per-minute checks of some monitors, added across monitors and locations, for minutes starting in [from, to]. */
export async function minuteChecks(db: Executor, seqs: readonly number[], from: number, to: number): Promise<MinuteCounts[]> {
  if (seqs.length === 0) return [];
  const rows = await db
    .selectFrom('monitor_rollups')
    .select(['start', GOOD.as('good'), TOTAL.as('total')])
    .where('monitor_seq', 'in', [...seqs])
    .where('grain', '=', GRAIN.minute)
    .where('start', '>=', from)
    .where('start', '<=', to)
    .groupBy('start')
    .execute();
  return rows.map((r) => ({ start: Number(r.start), good: Number(r.good), total: Number(r.total) }));
}
