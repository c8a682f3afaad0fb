import { DAY_MS, periodStart, uptimePercent } from '../../domain/monitors/stats.js';
import { monitorSummaryRows, type MonitorSummaryRow } from '../../store/monitors-repo.js';
import type { Context } from '../context.js';

const isoOrNull = (ms: number | null) => (ms === null ? 'null' : `"${new Date(Number(ms)).toISOString()}"`);
const numOrNull = (n: number | null) => (n === null ? 'null' : String(Number(n)));

/** The 90 bars as JSON: the saved 89 (shifted when saved on an earlier day) and today's. */
function barsJson(row: MonitorSummaryRow, today: number): string {
  const todayBar = row.up === null ? null : uptimePercent({ up: Number(row.up), degraded: Number(row.degraded), down: Number(row.down) });
  const shift = Math.round((today - Number(row.bars_day)) / DAY_MS);
  // The saved bars are JSON text already: spliced in as they are unless a day has passed since.
  if (shift <= 0) return `${row.bars.slice(0, -1)},${todayBar ?? 'null'}]`;
  const past = JSON.parse(row.bars) as Array<number | null>;
  const n = Math.min(shift, past.length);
  return JSON.stringify([...past.slice(n), ...Array.from({ length: n }, () => null), todayBar]);
}

function itemJson(rows: MonitorSummaryRow[], today: number): string {
  const m = rows[0] as MonitorSummaryRow;
  const last = rows.reduce((a, r) => (r.last_at !== null && (a.last_at === null || Number(r.last_at) > Number(a.last_at)) ? r : a), m);
  return (
    `{"id":${JSON.stringify(m.id)},"name":${JSON.stringify(m.name)},"serviceId":${JSON.stringify(m.service_id)},"kind":"${m.kind}",` +
    `"state":"${m.state}","stateSince":${isoOrNull(m.state_since)},"paused":${Number(m.paused) === 1},"intervalSeconds":${Number(m.interval_seconds)},` +
    `"locations":${m.locations},"lastCheckAt":${isoOrNull(last.last_at)},"lastStatus":${last.last_status === null ? 'null' : `"${last.last_status}"`},` +
    `"lastLatencyMs":${numOrNull(last.last_latency_ms)},"lastError":${last.last_error === null ? 'null' : JSON.stringify(last.last_error)},` +
    `"uptime90d":${barsJson(m, today)}}`
  );
}

/**
 * The monitor list as a JSON text: what a list shows of each monitor (state, last check, 90 daily
 * bars), built straight from one query's rows. Settings and each location's verdict are in
 * `GET /api/v1/monitors/{id}`. 10,000 monitors fit one page.
 */
export async function listMonitorsJson(
  ctx: Context,
  q: { after: string | null; limit: number; serviceId: string | null },
): Promise<string> {
  const today = periodStart(ctx.clock.now(), DAY_MS);
  const rows = await monitorSummaryRows(ctx.store.db, { ...q, limit: q.limit + 1, today });
  const items: string[] = [];
  let lastId: string | null = null;
  let more = false;
  for (let i = 0; i < rows.length;) {
    const id = (rows[i] as MonitorSummaryRow).id;
    let j = i;
    while (j < rows.length && (rows[j] as MonitorSummaryRow).id === id) j++;
    if (items.length === q.limit) {
      more = true;
      break;
    }
    items.push(itemJson(rows.slice(i, j), today));
    lastId = id;
    i = j;
  }
  return `{"items":[${items.join(',')}],"nextCursor":${more && lastId !== null ? JSON.stringify(lastId) : 'null'}}`;
}
