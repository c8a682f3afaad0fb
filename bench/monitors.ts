// `npm run bench:monitors` — N HTTP monitors at a 20 s interval against a local target, for a while.
//
// Starts the real server (`node bin/fenghuo.js serve`) on a temporary SQLite data dir and a
// target HTTP server in its own process (bench/monitor-target.ts), both on 127.0.0.1. Creates one
// service and N HTTP monitors over the API (each `GET http://127.0.0.1:<port>/m/<i>`, interval 20 s,
// location `local`), waits one interval so every monitor has started, then measures for the
// given duration:
//   - schedule lag (actual start − planned start) from the server's own histogram
//     `fenghuo_monitor_schedule_lag_seconds` (/metrics), as the share of checks within each bound;
//   - checks per second (the histogram's count);
//   - the server's CPU (mean cores) and RSS (peak) from /proc;
//   - storage: growth of the database files over the window, per monitor-hour;
// and then times `GET /api/v1/monitors?limit=N` (all monitors, with current state and 90-day bars).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  api,
  collect,
  createToken,
  fmt,
  machineDescription,
  metricTable,
  ProcessSampler,
  ROOT,
  sleep,
  startFenghuo,
  stopChild,
  track,
  numberOption,
} from './harness.js';

const USAGE = `usage: node dist/bench/monitors.js [options]   (npm run bench:monitors -- [options])
  --monitors N      HTTP monitors (10000)
  --interval S      check interval in seconds (20)
  --duration S      measured seconds after one interval of warm-up (180)
  --concurrency N   FENGHUO_MONITOR_CONCURRENCY of the server (256)
  --keep            keep the temporary data dir
  --reuse DIR       run on a data dir kept by --keep (its monitors are not created again)
  --node-args "…"   extra node flags for the server process (e.g. "--max-semi-space-size=32")`;

interface Options {
  monitors: number;
  interval: number;
  duration: number;
  concurrency: number;
  keep: boolean;
  reuse: string | null;
  nodeArgs: string[];
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      monitors: { type: 'string', default: '10000' },
      interval: { type: 'string', default: '20' },
      duration: { type: 'string', default: '180' },
      concurrency: { type: 'string', default: '256' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      'node-args': { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = (name: string, v: string, min: number, max: number) => numberOption(name, v, min, max, true);
  return {
    monitors: num('monitors', values.monitors, 1, 100_000),
    interval: num('interval', values.interval, 10, 3600),
    duration: num('duration', values.duration, 10, 3600),
    concurrency: num('concurrency', values.concurrency, 1, 10_000),
    keep: values.keep || values.reuse !== undefined,
    reuse: values.reuse ?? null,
    nodeArgs: values['node-args'].split(' ').filter((a) => a !== ''),
  };
}

/** The lag histogram's cumulative bucket counts (by upper bound, seconds) and total. */
async function lagHistogram(base: string): Promise<{ buckets: Map<number, number>; count: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const buckets = new Map<number, number>();
  let count = 0;
  for (const line of text.split('\n')) {
    const b = /^fenghuo_monitor_schedule_lag_seconds_bucket\{le="([^"]+)"\} (\d+)/.exec(line);
    if (b) buckets.set(b[1] === '+Inf' ? Infinity : Number(b[1]), Number(b[2]));
    const c = /^fenghuo_monitor_schedule_lag_seconds_count (\d+)/.exec(line);
    if (c) count = Number(c[1]);
  }
  return { buckets, count };
}

/** The server's own memory figures from /metrics, MB. */
async function memoryMetrics(base: string): Promise<{ heapUsed: number; heapTotal: number; external: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^fenghuo_${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 1024 / 1024;
  return {
    heapUsed: read('nodejs_heap_size_used_bytes'),
    heapTotal: read('nodejs_heap_size_total_bytes'),
    external: read('nodejs_external_memory_bytes'),
  };
}

/** The smallest bucket bound under which at least `q` of the window's checks started. */
function quantileBound(start: Awaited<ReturnType<typeof lagHistogram>>, end: Awaited<ReturnType<typeof lagHistogram>>, q: number): number {
  const total = end.count - start.count;
  for (const [le, n] of [...end.buckets].sort((a, b) => a[0] - b[0])) {
    if ((n - (start.buckets.get(le) ?? 0)) / total >= q) return le;
  }
  return Infinity;
}

const fileBytes = (dir: string) =>
  ['fenghuo.db', 'fenghuo.db-wal'].reduce(
    (n, f) =>
      n +
      ((): number => {
        try {
          return statSync(join(dir, f)).size;
        } catch {
          return 0;
        }
      })(),
    0,
  );

/** The target port the monitors of a kept data dir point at. */
function keptTargetPort(dir: string): number {
  const db = new Database(join(dir, 'fenghuo.db'), { readonly: true });
  try {
    const row = db.prepare('select config from monitors limit 1').get() as { config: string } | undefined;
    return row ? Number(new URL((JSON.parse(row.config) as { url: string }).url).port) : 0;
  } finally {
    db.close();
  }
}

/**
 * Bytes per row of the results and rollups tables, pages included (SQLite's dbstat over the
 * server's file, read-only: WAL readers do not disturb the writer).
 */
function tableBytes(dir: string): { resultRow: number; rollupRow: number } {
  const db = new Database(join(dir, 'fenghuo.db'), { readonly: true });
  try {
    const size = (name: string) =>
      Number((db.prepare('select coalesce(sum(pgsize), 0) as n from dbstat where name = ?').get(name) as { n: number }).n);
    const rows = (name: string) => Number((db.prepare(`select count(*) as n from ${name}`).get() as { n: number }).n);
    return {
      resultRow: size('monitor_results') / Math.max(rows('monitor_results'), 1),
      rollupRow: size('monitor_rollups') / Math.max(rows('monitor_rollups'), 1),
    };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const o = options();
  const machine = machineDescription();
  const dataDir = o.reuse ?? mkdtempSync(join(tmpdir(), 'fenghuo-bench-monitors-'));
  const password = 'bench-password-1';
  const target = track(
    spawn(process.execPath, [join(ROOT, 'dist', 'bench', 'monitor-target.js'), ...(o.reuse ? [String(keptTargetPort(dataDir))] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const targetOut = collect(target);
  const watchdog = setTimeout(
    () => {
      process.stderr.write('bench:monitors: watchdog expired\n');
      process.exit(2);
    },
    (o.duration + o.interval * 2 + 900) * 1000,
  );
  watchdog.unref();
  try {
    while (!/\d+\n/.test(targetOut())) await sleep(20);
    const targetPort = Number(targetOut().trim());
    const server = await startFenghuo(dataDir, password, o.nodeArgs, () => ({
      FENGHUO_MONITOR_CONCURRENCY: String(o.concurrency),
      FENGHUO_PAGING: 'off',
    }));
    const token = createToken(dataDir, password);
    if (!o.reuse) await api(server.base, token, 'POST', '/api/v1/services', { id: 'bench-target', name: 'Bench target', kind: 'business' });
    const created = Date.now();
    let next = o.reuse ? o.monitors : 0;
    const create = async () => {
      for (let i = next++; i < o.monitors; i = next++) {
        await api(server.base, token, 'POST', '/api/v1/monitors', {
          name: `target ${i}`,
          serviceId: 'bench-target',
          kind: 'http',
          config: { url: `http://127.0.0.1:${targetPort}/m/${i}` },
          intervalSeconds: o.interval,
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, create));
    const createSeconds = (Date.now() - created) / 1000;
    process.stdout.write(`created ${o.monitors} monitors in ${fmt(createSeconds, 1)} s; warming up for ${o.interval} s\n`);
    await sleep(o.interval * 1000);

    const sampler = new ProcessSampler(server.child.pid as number);
    const lag0 = await lagHistogram(server.base);
    const bytes0 = fileBytes(dataDir);
    sampler.mark();
    const t0 = performance.now();
    await sleep(o.duration * 1000);
    const usage = sampler.window();
    const seconds = (performance.now() - t0) / 1000;
    const lag1 = await lagHistogram(server.base);
    const memory = await memoryMetrics(server.base);
    const bytes1 = fileBytes(dataDir);
    const tables = tableBytes(dataDir);
    sampler.stop();
    const checks = lag1.count - lag0.count;
    const rate = checks / seconds;
    const bytesPerMonitorHour = (bytes1 - bytes0) / (o.monitors * (seconds / 3600));

    const listTimes: number[] = [];
    let listBytes = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const res = await fetch(`${server.base}/api/v1/monitors?limit=${Math.min(o.monitors, 10_000)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.text();
      listTimes.push(performance.now() - t);
      listBytes = body.length;
      if (!res.ok || (JSON.parse(body) as { items: unknown[] }).items.length !== Math.min(o.monitors, 10_000))
        throw new Error(`list failed: ${res.status}`);
    }
    listTimes.sort((a, b) => a - b);
    const p50 = quantileBound(lag0, lag1, 0.5);
    const p99 = quantileBound(lag0, lag1, 0.99);
    const within1s = ((lag1.buckets.get(1) ?? 0) - (lag0.buckets.get(1) ?? 0)) / checks;
    const cores = usage.cores ?? NaN;
    const steady = tables.resultRow * ((24 * 3600) / o.interval) + tables.rollupRow * (48 * 60 + 90 * 24 + 730);
    const perCore = Math.floor(o.monitors / cores / 100) * 100;

    const lines = [
      `bench:monitors — ${o.monitors} HTTP monitors every ${o.interval} s, ${fmt(seconds, 0)} s measured; ${machine.nproc} cores, ${machine.model}, node ${machine.node}, ${machine.git}`,
      '',
      ...metricTable([
        [
          'checks/s',
          fmt(rate, 0),
          `${fmt(o.monitors / o.interval, 0)} planned`,
          rate >= 0.98 * (o.monitors / o.interval) ? 'met' : 'MISSED',
        ],
        ['schedule lag p50 (bucket bound)', `≤ ${p50 * 1000} ms`, '', ''],
        ['schedule lag p99 (bucket bound)', `≤ ${p99 * 1000} ms`, '< 1 s', p99 <= 1 ? 'met' : 'MISSED'],
        ['checks started within 1 s', `${fmt(within1s * 100, 2)} %`, '≥ 99 %', within1s >= 0.99 ? 'met' : 'MISSED'],
        ['server CPU (mean)', `${fmt(cores, 2)} cores`, '< 0.5', cores < 0.5 ? 'met' : 'MISSED'],
        ['server RSS (peak)', `${fmt(usage.peakRssMb ?? NaN, 0)} MB`, '< 300 MB', (usage.peakRssMb ?? Infinity) < 300 ? 'met' : 'MISSED'],
        [
          'V8 heap used / total, external (at the end)',
          `${fmt(memory.heapUsed, 0)} / ${fmt(memory.heapTotal, 0)} MB, ${fmt(memory.external, 0)} MB`,
          '',
          '',
        ],
        ['database file growth per monitor-hour (incl. WAL)', `${fmt(bytesPerMonitorHour / 1024, 1)} KB`, '', ''],
        ['bytes per raw result / per rollup row', `${fmt(tables.resultRow, 1)} / ${fmt(tables.rollupRow, 1)}`, '', ''],
        ['storage per monitor-hour (raw results)', `${fmt((tables.resultRow * 3600) / o.interval / 1024, 1)} KB`, '', ''],
        [
          'steady state per monitor (24 h raw, 48 h minutes, 90 d hours, 2 y days)',
          `${fmt(steady / 1024 / 1024, 3)} MB`,
          '≤ 0.5 MB',
          steady <= 0.5 * 1024 * 1024 ? 'met' : 'MISSED',
        ],
        [
          `GET /api/v1/monitors?limit=${Math.min(o.monitors, 10_000)}`,
          `${fmt(listTimes[2] ?? NaN, 0)} ms median (min ${fmt(listTimes[0] ?? NaN, 0)}, ${fmt(listBytes / 1024 / 1024, 1)} MB)`,
          '< 300 ms',
          (listTimes[2] ?? Infinity) < 300 ? 'met' : 'MISSED',
        ],
        [
          'monitors one core holds at this interval (extrapolated)',
          `≈ ${perCore}`,
          '≥ 25,000 (goal)',
          perCore >= 25_000 ? 'met' : 'MISSED',
        ],
      ]),
      '',
      `created the monitors over the API in ${fmt(createSeconds, 1)} s`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    await stopChild(server.child);
  } finally {
    await stopChild(target);
    if (!o.keep) rmSync(dataDir, { recursive: true, force: true });
    else process.stdout.write(`data kept in ${dataDir}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:monitors failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
