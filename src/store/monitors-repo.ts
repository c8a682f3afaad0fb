import type { Selectable } from 'kysely';
import type { ListedMonitorState, Monitor, MonitorKind } from '../domain/monitors/monitor.js';
import type { MonitorState } from '../domain/monitors/verdict.js';
import type { Executor } from '../operations/context.js';
import type { MonitorsTable } from './schema.js';

function toMonitor(r: Selectable<MonitorsTable>): Monitor {
  return {
    id: r.id,
    seq: Number(r.seq),
    name: r.name,
    serviceId: r.service_id,
    kind: r.kind as MonitorKind,
    config: JSON.parse(r.config) as Record<string, unknown>,
    intervalSeconds: Number(r.interval_seconds),
    timeoutMs: Number(r.timeout_ms),
    failureThreshold: Number(r.failure_threshold),
    recoveryThreshold: Number(r.recovery_threshold),
    locations: JSON.parse(r.locations) as string[],
    quorum: r.quorum === null ? null : Number(r.quorum),
    paused: Number(r.paused) === 1,
    state: r.state as MonitorState,
    stateSince: Number(r.state_since),
    graceSeconds: Number(r.grace_seconds),
    lastBeatAt: r.last_beat_at === null ? null : Number(r.last_beat_at),
    bars: JSON.parse(r.bars) as Array<number | null>,
    barsDay: Number(r.bars_day),
    version: Number(r.version),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function columns(m: Monitor): Omit<Selectable<MonitorsTable>, 'id' | 'seq' | 'created_at' | 'push_token_hash'> {
  return {
    name: m.name,
    service_id: m.serviceId,
    kind: m.kind,
    config: JSON.stringify(m.config),
    interval_seconds: m.intervalSeconds,
    timeout_ms: m.timeoutMs,
    failure_threshold: m.failureThreshold,
    recovery_threshold: m.recoveryThreshold,
    locations: JSON.stringify(m.locations),
    quorum: m.quorum,
    paused: m.paused ? 1 : 0,
    state: m.state,
    state_since: m.stateSince,
    grace_seconds: m.graceSeconds,
    last_beat_at: m.lastBeatAt,
    bars: JSON.stringify(m.bars),
    bars_day: m.barsDay,
    version: m.version,
    updated_at: m.updatedAt,
  };
}

export async function insertMonitor(db: Executor, m: Monitor, pushTokenHash: string | null): Promise<void> {
  await db
    .insertInto('monitors')
    .values({ id: m.id, seq: m.seq, created_at: m.createdAt, push_token_hash: pushTokenHash, ...columns(m) })
    .execute();
}

/** What a person changes; state, beats and bars are written by the checks alone. */
function settingColumns(m: Monitor) {
  const { state: _s, state_since: _ss, last_beat_at: _b, bars: _bars, bars_day: _bd, ...rest } = columns(m);
  return rest;
}

/** Writes a changed monitor's settings if nobody changed them since it was read (`version` is the old one + 1). */
export async function saveMonitor(db: Executor, m: Monitor): Promise<boolean> {
  const result = await db
    .updateTable('monitors')
    .set(settingColumns(m))
    .where('id', '=', m.id)
    .where('version', '=', m.version - 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPushTokenHash(db: Executor, id: string, hash: string): Promise<void> {
  await db.updateTable('monitors').set({ push_token_hash: hash }).where('id', '=', id).execute();
}

export async function findMonitor(db: Executor, id: string): Promise<Monitor | null> {
  const row = await db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMonitor(row) : null;
}

export async function findMonitorByPushToken(db: Executor, hash: string): Promise<Monitor | null> {
  const row = await db.selectFrom('monitors').selectAll().where('push_token_hash', '=', hash).executeTakeFirst();
  return row ? toMonitor(row) : null;
}

export async function findMonitorsByIds(db: Executor, ids: readonly string[]): Promise<Monitor[]> {
  const out: Monitor[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('monitors')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.push(toMonitor(r));
  }
  return out;
}

/** Every monitor a location runs (the caller filters by location; the list is small per node). */
export async function allMonitors(db: Executor): Promise<Monitor[]> {
  return (await db.selectFrom('monitors').selectAll().orderBy('seq').execute()).map(toMonitor);
}

export async function deleteMonitorRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('monitor_location_states').where('monitor_id', '=', id).execute();
  await db.deleteFrom('monitors').where('id', '=', id).execute();
}

export async function countMonitorsOfService(db: Executor, serviceId: string): Promise<number> {
  const row = await db
    .selectFrom('monitors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('service_id', '=', serviceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves the monitor's quorum state, if it still is `from`. */
export async function setMonitorState(db: Executor, id: string, from: string, to: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('monitors')
    .set({ state: to, state_since: at })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordMonitorBeat(db: Executor, id: string, at: number): Promise<void> {
  await db.updateTable('monitors').set({ last_beat_at: at }).where('id', '=', id).execute();
}

export async function saveBars(db: Executor, id: string, bars: Array<number | null>, day: number): Promise<void> {
  await db
    .updateTable('monitors')
    .set({ bars: JSON.stringify(bars), bars_day: day })
    .where('id', '=', id)
    .execute();
}

/**
 * What changes about the monitors of one list page, in one query: state, settings version, one
 * row per location with its last check, and today's counts (a row per monitor and location, in id
 * order; the page is `limit` monitors).
 */
export interface MonitorPulseRow {
  id: string;
  seq: number;
  version: number;
  bars_day: number;
  state: string;
  state_since: number;
  last_at: number | null;
  last_status: string | null;
  last_latency_ms: number | null;
  last_error: string | null;
  up: number | null;
  degraded: number | null;
  down: number | null;
}

export async function monitorPulse(
  db: Executor,
  q: { after: string | null; limit: number; serviceId: string | null; today: number; states?: readonly ListedMonitorState[] | null },
): Promise<MonitorPulseRow[]> {
  let page = db.selectFrom('monitors').select('id').orderBy('id').limit(q.limit);
  if (q.after) page = page.where('id', '>', q.after);
  if (q.serviceId) page = page.where('service_id', '=', q.serviceId);
  if (q.states?.length) {
    const wanted = q.states;
    const checked = wanted.filter((s) => s !== 'paused');
    page = page.where((eb) =>
      eb.or([
        ...(checked.length > 0 ? [eb.and([eb('paused', '=', 0), eb('state', 'in', checked)])] : []),
        ...(wanted.includes('paused') ? [eb('paused', '=', 1)] : []),
      ]),
    );
  }
  const rows = await db
    .selectFrom('monitors as m')
    .leftJoin('monitor_location_states as s', 's.monitor_id', 'm.id')
    .leftJoin('monitor_rollups as r', (join) => join.onRef('r.monitor_seq', '=', 'm.seq').on('r.grain', '=', 3).on('r.start', '=', q.today))
    .select([
      'm.id',
      'm.seq',
      'm.version',
      'm.bars_day',
      'm.state',
      'm.state_since',
      's.last_at',
      's.last_status',
      's.last_latency_ms',
      's.last_error',
      'r.up',
      'r.degraded',
      'r.down',
    ])
    .where('m.id', 'in', page)
    .orderBy('m.id')
    .execute();
  return rows as MonitorPulseRow[];
}

/** The columns a list shows that change only with the settings (or once a day, the bars). */
export interface MonitorFaceRow {
  id: string;
  name: string;
  service_id: string;
  kind: string;
  paused: number;
  interval_seconds: number;
  /** JSON text, passed through. */
  locations: string;
  bars: string;
}

export async function monitorFaces(db: Executor, ids: readonly string[]): Promise<MonitorFaceRow[]> {
  const out: MonitorFaceRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('monitors')
        .select(['id', 'name', 'service_id', 'kind', 'paused', 'interval_seconds', 'locations', 'bars'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** What a location needs to run a monitor, for every monitor: no history, no bars. */
export interface MonitorRunRow {
  id: string;
  seq: number;
  kind: MonitorKind;
  config: Record<string, unknown>;
  intervalSeconds: number;
  timeoutMs: number;
  graceSeconds: number;
  locations: string[];
  paused: boolean;
}

export async function monitorRunRows(db: Executor): Promise<MonitorRunRow[]> {
  const rows = await db
    .selectFrom('monitors')
    .select(['id', 'seq', 'kind', 'config', 'interval_seconds', 'timeout_ms', 'grace_seconds', 'locations', 'paused'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    kind: r.kind as MonitorKind,
    config: JSON.parse(r.config) as Record<string, unknown>,
    intervalSeconds: Number(r.interval_seconds),
    timeoutMs: Number(r.timeout_ms),
    graceSeconds: Number(r.grace_seconds),
    locations: JSON.parse(r.locations) as string[],
    paused: Number(r.paused) === 1,
  }));
}

/** Every monitor's id and result key, for the periodic rollup work. */
export async function monitorKeys(db: Executor): Promise<Array<{ id: string; seq: number }>> {
  return (await db.selectFrom('monitors').select(['id', 'seq']).orderBy('seq').execute()).map((r) => ({ id: r.id, seq: Number(r.seq) }));
}
