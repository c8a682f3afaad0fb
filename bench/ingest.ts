// `npm run bench:ingest` — the ingest load benchmark (issue 3, "Fast and never lost").
//
// Starts the real server (`node bin/fenghuo.js serve`) on a temporary SQLite data dir, sets up a
// catalog of 50 services with dependencies, a PagerDuty and an Alertmanager integration, then:
//   warm-up  PagerDuty events, results discarded;
//   phase A  PagerDuty Events API v2, one event per request, keep-alive, 64 connections; each
//            event a new dedup key routed to one of the 50 services, plus a share of repeats of
//            recent keys (dedup);
//   phase B  Alertmanager webhooks (version 4) of 100 alerts with distinct fingerprints, one
//            Alertmanager group (alertname + service) per webhook, at the concurrency that gave
//            the most alerts/s in short probes;
//   memory   RSS 3 s and 10 s after phase B (idle), with every alert of phase B still open;
//   compare  if /usr/bin/prometheus-alertmanager exists: a real Alertmanager on loopback (empty,
//            group_interval 1s, a receiver that sends nothing), driven through /api/v2/alerts with
//            the same alert batches as phase B's measured run, at the same concurrency, for as long;
//            and the Fenghuo/Alertmanager ratio of alerts/s.
// The load generator (autocannon) runs in a child process of its own, never in the server's.
// The server's (and Alertmanager's) CPU comes from /proc/<pid>/stat, RSS from /proc/<pid>/status.
//
// Exit status: 0 when every request got a 2xx, 1 when some did not (or failed), 2 when the bench
// itself could not run. Missed targets are reported, not turned into a failure.
//
// Options: see USAGE below. `--calibrate` first measures a bare Fastify route with the same load,
// then Fenghuo's own routes with nothing stored (bench/no-store.ts): the ceilings of HTTP and of
// the request path;
// `--profile DIR` runs the server under `--cpu-prof` for one phase only and prints where its CPU
// went (samples outside the loaded window are left out).

import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatProfileSummary, summariseProfileFile } from './cpuprofile.js';
import { SERVICE_IDS, alertmanagerApiBodies, catalog, pagerDutyBodies, webhookBodies } from './ingest-workload.js';
import {
  ProcessSampler,
  ROOT,
  api,
  collect,
  createToken,
  fmt,
  freePort,
  machineCpu,
  machineDescription,
  meanOf,
  metricTable,
  monotonicUs,
  ms,
  percentile,
  sleep,
  startFenghuo,
  statusKb,
  stopChild,
  track,
  waitReady,
  type Server,
  type Usage,
  numberOption,
} from './harness.js';

const SELF = fileURLToPath(import.meta.url);
const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

const TARGETS = {
  pdEventsPerSec: 22_000,
  pdP99Ms: 20,
  amAlertsPerSec: 80_000,
  rssMb: 250,
  openAlerts: 100_000,
};

const USAGE = `usage: node dist/bench/ingest.js [options]   (npm run bench:ingest -- [options])
  --duration S         seconds of each measured phase (20)
  --warmup S           seconds of warm-up before phase A (3)
  --connections N      phase A connections (64)
  --repeat-share F     share of phase A events that repeat a recent dedup key (0.2)
  --batch-concurrency L  phase B concurrencies to probe, comma-separated; one value: no probing (8,12,16)
  --probe S            seconds of each concurrency probe (3)
  --no-alertmanager    skip the Alertmanager comparison
  --calibrate          first run phase A's load against a bare Fastify route, then phase A's and
                       B's loads against Fenghuo with nothing stored (bench/no-store.ts)
  --json FILE          also write the results as JSON
  --keep               keep the temporary data dir
  --profile DIR        instead of the full bench: run the server with --cpu-prof (profile in DIR)
                       during one phase and print the top functions
  --profile-phase A|B  which phase to profile (A)
  --profile-seconds S  how long to profile (8)`;

// ---------------------------------------------------------------------------
// Load generator: a child process running autocannon
// ---------------------------------------------------------------------------

type Workload =
  | { kind: 'pagerduty'; routingKey: string; tag: string; repeatShare: number; seed: number }
  | { kind: 'webhook'; seqStart: number; batchSize: number }
  | { kind: 'alertmanager-api'; seqStart: number; batchSize: number };

interface LoadSpec {
  url: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  workload: Workload;
}

interface LoadResult {
  seconds: number;
  requests: number;
  ok: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Completed requests per second over the run. */
  rps: number;
  /** Per-second request counts: lowest and highest second. */
  rpsMin: number;
  rpsMax: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
  /** 2xx answers in each second of the run (shows whether throughput holds as the store grows). */
  perSecond: number[];
  /** Requests still in flight when the run stopped (sent, no answer counted). */
  inFlightAtStop: number;
  sampleBody: string;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  requests: { total: number; sent: number; min: number; max: number };
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  opts: { url: string; connections: number; duration: number; timeout: number; requests: AutocannonRequest[] },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

function bodyFactory(w: Workload): () => string {
  switch (w.kind) {
    case 'pagerduty':
      return pagerDutyBodies(w.routingKey, w.tag, w.repeatShare, w.seed);
    case 'webhook':
      return webhookBodies(w.seqStart, w.batchSize);
    case 'alertmanager-api':
      return alertmanagerApiBodies(w.seqStart, w.batchSize);
  }
}

/** Child-process side: runs one autocannon load and prints `RESULT <json>`. */
async function runLoadWorker(spec: LoadSpec): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const next = bodyFactory(spec.workload);
  const sampleBody = next();
  let latencies = new Float64Array(1 << 18);
  let count = 0;
  const perSecond: number[] = [];
  const startedAt = performance.now();
  process.stdout.write('START\n');
  const result = await new Promise<AutocannonResult>((resolveRun, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: spec.path,
            headers: { 'content-type': 'application/json', ...spec.headers },
            setupRequest: (req) => ({ ...req, body: next() }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolveRun(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) {
        const second = Math.floor((performance.now() - startedAt) / 1000);
        while (perSecond.length <= second) perSecond.push(0);
        perSecond[second] = (perSecond[second] ?? 0) + 1;
      }
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = ms;
    });
  });
  const sorted = latencies.slice(0, count).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const ok = Object.entries(statusCodes).reduce((n, [code, c]) => (code.startsWith('2') ? n + c : n), 0);
  const out: LoadResult = {
    seconds: result.duration,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: result.requests.total / result.duration,
    rpsMin: result.requests.min,
    rpsMax: result.requests.max,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: sorted[sorted.length - 1] ?? 0,
      mean: count ? sum / count : 0,
    },
    perSecond: perSecond.slice(0, Math.floor(result.duration)),
    inFlightAtStop: Math.max(0, result.requests.sent - result.requests.total),
    sampleBody: sampleBody.length > 400 ? `${sampleBody.slice(0, 400)}… (${sampleBody.length} bytes)` : sampleBody,
  };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

/**
 * Child-process side of `--calibrate`: a bare Fastify route with no storage that answers like
 * /v2/enqueue, to show what HTTP alone costs with this load generator on this machine.
 */
async function runBareServer(): Promise<number> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.post('/v2/enqueue', async (request, reply) => {
    const body = request.body as { dedup_key?: unknown } | null;
    return reply
      .status(202)
      .send({ status: 'success', message: 'Event processed', dedup_key: typeof body?.dedup_key === 'string' ? body.dedup_key : '' });
  });
  app.get('/readyz', async () => ({ status: 'ready' }));
  const port = Number(process.env.BENCH_PORT);
  await app.listen({ port, host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  return -1;
}

async function setUp(server: Server, token: string): Promise<{ pagerDutyKey: string; alertmanagerKey: string }> {
  for (const s of catalog()) await api(server.base, token, 'POST', '/api/v1/services', s);
  const pd = await api<{ key: string }>(server.base, token, 'POST', '/api/v1/integrations', { name: 'bench-pagerduty', kind: 'pagerduty' });
  const am = await api<{ key: string }>(server.base, token, 'POST', '/api/v1/integrations', {
    name: 'bench-alertmanager',
    kind: 'alertmanager',
  });
  return { pagerDutyKey: pd.key, alertmanagerKey: am.key };
}

interface LoadRun {
  result: LoadResult;
  target: Usage;
  loader: Usage;
  machineCores: number;
  /** Signal events stored by the server before and after the run, when counted. */
  stored: { before: number; after: number } | null;
  /** When the load ran, in CLOCK_MONOTONIC microseconds (the clock of V8's CPU profiles). */
  window: { fromUs: number; toUs: number };
}

/** Runs one load in a child process while sampling the target process and the loader. */
async function runLoad(spec: LoadSpec, target: ProcessSampler, count?: () => number | null): Promise<LoadRun> {
  const before = count?.() ?? null;
  const child = track(spawn(process.execPath, [SELF, '--worker', JSON.stringify(spec)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-16_000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const killer = setTimeout(() => child.kill('SIGKILL'), (spec.seconds + 60) * 1000);
  let loader: ProcessSampler | null = null;
  let machineStart = machineCpu();
  let result: LoadResult | null = null;
  let targetUsage: Usage = { cores: null, peakRssMb: null };
  let loaderUsage: Usage = { cores: null, peakRssMb: null };
  let machineCores = 0;
  const window = { fromUs: 0, toUs: 0 };
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    if (line === 'START') {
      window.fromUs = monotonicUs();
      target.mark();
      loader = new ProcessSampler(child.pid as number);
      machineStart = machineCpu();
    } else if (line.startsWith('RESULT ')) {
      window.toUs = monotonicUs();
      targetUsage = target.window();
      loaderUsage = loader?.window() ?? loaderUsage;
      const m = machineCpu();
      machineCores = ((m.busy - machineStart.busy) / (m.total - machineStart.total)) * cpus().length;
      result = JSON.parse(line.slice(7)) as LoadResult;
    }
  }
  await exited;
  clearTimeout(killer);
  loader?.stop();
  if (!result) throw new Error(`load generator failed (exit ${child.exitCode ?? child.signalCode}):\n${stderr}`);
  // Let requests cut off by the end of the run finish (and commit) before anything else runs.
  await sleep(500);
  let stored: LoadRun['stored'] = null;
  if (count && before !== null) {
    const after = count();
    if (after !== null) stored = { before, after };
  }
  return { result, target: targetUsage, loader: loaderUsage, machineCores, stored, window };
}

// ---------------------------------------------------------------------------
// Alertmanager
// ---------------------------------------------------------------------------

async function startAlertmanager(dir: string): Promise<Server> {
  const configFile = join(dir, 'alertmanager.yml');
  // A receiver with no integrations: Alertmanager still groups, dedups and flushes every group
  // each group_interval, but sends nothing anywhere.
  const config = {
    route: { receiver: 'blackhole', group_by: ['alertname', 'service'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
    receivers: [{ name: 'blackhole' }],
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const port = await freePort();
  const child = track(
    spawn(
      ALERTMANAGER_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.path=${join(dir, 'alertmanager-data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const output = collect(child);
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/-/ready`, child, output);
  return { base, child, output };
}

function alertmanagerVersion(): string {
  try {
    return (
      /version (\S+)/.exec(execFileSync(ALERTMANAGER_BIN, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))?.[1] ??
      '?'
    );
  } catch (err) {
    const out = (err as { stderr?: string }).stderr ?? '';
    return /version (\S+)/.exec(out)?.[1] ?? '?';
  }
}

// ---------------------------------------------------------------------------
// The bench
// ---------------------------------------------------------------------------

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  repeatShare: number;
  batchConcurrency: number[];
  probe: number;
  alertmanager: boolean;
  calibrate: boolean;
  json: string | null;
  keep: boolean;
  profile: string | null;
  profilePhase: 'A' | 'B';
  profileSeconds: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '64' },
      'repeat-share': { type: 'string', default: '0.2' },
      'batch-concurrency': { type: 'string', default: '8,12,16' },
      probe: { type: 'string', default: '3' },
      'no-alertmanager': { type: 'boolean', default: false },
      calibrate: { type: 'boolean', default: false },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'string' },
      'profile-phase': { type: 'string', default: 'A' },
      'profile-seconds': { type: 'string', default: '8' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = numberOption;
  const phase = values['profile-phase'].toUpperCase();
  if (phase !== 'A' && phase !== 'B') throw new Error('--profile-phase must be A or B');
  return {
    duration: num('duration', values.duration, 1, 600),
    warmup: num('warmup', values.warmup, 0, 120),
    connections: num('connections', values.connections, 1, 1024),
    repeatShare: num('repeat-share', values['repeat-share'], 0, 0.95),
    batchConcurrency: values['batch-concurrency'].split(',').map((v) => num('batch-concurrency', v.trim(), 1, 256)),
    probe: num('probe', values.probe, 1, 60),
    alertmanager: !values['no-alertmanager'],
    calibrate: values.calibrate,
    json: values.json ?? null,
    keep: values.keep,
    profile: values.profile ? resolve(values.profile) : null,
    profilePhase: phase,
    profileSeconds: num('profile-seconds', values['profile-seconds'], 1, 120),
  };
}

const BATCH = 100;
/** Alert sequence ranges: each run (probe or measured) draws fresh alerts; Alertmanager gets the same ranges. */
const seqOf = (run: number) => run * 100_000_000;

interface ServerMemory {
  heapHeldMb: number;
  heapUsedMb: number;
  idleCollections: number;
  idleCollectionMs: number;
}

/** V8's heap and the idle collections (src/cli/idle-gc.ts), as the server's /metrics reports them. */
async function serverMemory(base: string): Promise<ServerMemory | null> {
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    return {
      heapHeldMb: value('fenghuo_nodejs_heap_size_total_bytes') / 1024 / 1024,
      heapUsedMb: value('fenghuo_nodejs_heap_size_used_bytes') / 1024 / 1024,
      idleCollections: value('fenghuo_idle_gc_total'),
      idleCollectionMs: value('fenghuo_idle_gc_seconds_total') * 1000,
    };
  } catch {
    return null;
  }
}

/** Phase A's load against `base`: one PagerDuty event per request, keep-alive, `opts.connections`. */
function pagerDutyLoad(opts: Options, base: string, routingKey: string, seconds: number, tag: string, seed: number): LoadSpec {
  return {
    url: base,
    path: '/v2/enqueue',
    headers: {},
    connections: opts.connections,
    seconds,
    workload: { kind: 'pagerduty', routingKey, tag, repeatShare: opts.repeatShare, seed },
  };
}

/** Phase B's load against `base`: Alertmanager webhooks of BATCH alerts; each `run` sends alerts of its own. */
function webhookLoad(base: string, key: string, connections: number, seconds: number, run: number): LoadSpec {
  return {
    url: base,
    path: `/api/v1/integrations/${key}/alertmanager`,
    headers: {},
    connections,
    seconds,
    workload: { kind: 'webhook', seqStart: seqOf(run), batchSize: BATCH },
  };
}

interface BatchPhase {
  concurrency: number;
  probes: Array<{ concurrency: number; alertsPerSec: number }>;
  run: LoadRun;
  alertsPerSec: number;
}

/** Probes each concurrency briefly (when there are several), then runs the best one for the full duration. */
async function batchPhase(
  opts: Options,
  concurrencies: number[],
  sampler: ProcessSampler,
  spec: (connections: number, seconds: number, run: number) => LoadSpec,
  log: (s: string) => void,
  failures: string[],
  label: string,
  count?: () => number | null,
): Promise<BatchPhase> {
  const probes: BatchPhase['probes'] = [];
  let best = concurrencies[0] ?? 8;
  if (concurrencies.length > 1) {
    let bestRate = -1;
    for (const [i, c] of concurrencies.entries()) {
      const r = await runLoad(spec(c, opts.probe, i + 1), sampler);
      noteFailures(`${label} probe c=${c}`, r.result, failures);
      const alertsPerSec = (r.result.ok * BATCH) / r.result.seconds;
      probes.push({ concurrency: c, alertsPerSec });
      log(`  probe concurrency ${c}: ${fmt(alertsPerSec)} alerts/s`);
      if (alertsPerSec > bestRate) {
        bestRate = alertsPerSec;
        best = c;
      }
    }
  }
  const run = await runLoad(spec(best, opts.duration, 0), sampler, count);
  noteFailures(label, run.result, failures);
  return { concurrency: best, probes, run, alertsPerSec: (run.result.ok * BATCH) / run.result.seconds };
}

function noteFailures(label: string, r: LoadResult, failures: string[]): void {
  if (r.non2xx || r.errors || r.timeouts) {
    const codes = Object.entries(r.statusCodes)
      .filter(([c]) => !c.startsWith('2'))
      .map(([c, n]) => `${n}×${c}`)
      .join(', ');
    failures.push(`${label}: ${r.non2xx} non-2xx${codes ? ` (${codes})` : ''}, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
}

interface Store {
  signalEvents: number;
  alerts: number;
  openAlerts: number;
  incidents: number;
  openIncidents: number;
  dbMb: number;
}

/** Counts what the server stored, read-only, straight from its SQLite file (WAL allows a concurrent reader). */
function storeCounts(dataDir: string, eventsOnly = false): Store | null {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (
      file: string,
      o: { readonly: boolean; fileMustExist: boolean },
    ) => {
      prepare(sql: string): { get(): Record<string, number> };
      close(): void;
    };
    const file = join(dataDir, 'fenghuo.db');
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const one = (sql: string) => Number(Object.values(db.prepare(sql).get())[0] ?? 0);
      const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
      if (eventsOnly)
        return {
          signalEvents: one('select count(*) from signal_events'),
          alerts: 0,
          openAlerts: 0,
          incidents: 0,
          openIncidents: 0,
          dbMb: 0,
        };
      return {
        signalEvents: one('select count(*) from signal_events'),
        alerts: one('select count(*) from alerts'),
        openAlerts: one('select count(*) from alerts where resolved_at is null'),
        incidents: one('select count(*) from incidents'),
        openIncidents: one("select count(*) from incidents where status <> 'resolved'"),
        dbMb: (size(file) + size(`${file}-wal`)) / 1024 / 1024,
      };
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** `--calibrate`: phase A's load (after the same warm-up) against a bare Fastify route. */
async function calibrate(opts: Options, log: (s: string) => void): Promise<LoadRun> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_PORT: String(port) };
  delete env.NODE_OPTIONS;
  const child = track(spawn(process.execPath, [SELF, '--bare-server'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const output = collect(child);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/readyz`, child, output);
    const sampler = new ProcessSampler(child.pid as number);
    const spec = (seconds: number): LoadSpec => pagerDutyLoad(opts, base, 'calibration', seconds, 'cal', 42);
    log(`bench: calibration, bare Fastify route: ${opts.warmup} s warm-up, ${opts.duration} s measured`);
    if (opts.warmup > 0) await runLoad(spec(opts.warmup), sampler);
    const run = await runLoad(spec(opts.duration), sampler);
    sampler.stop();
    log(`  ${fmt(run.result.rps)} requests/s, p99 ${ms(run.result.latencyMs.p99)} ms`);
    return run;
  } finally {
    await stopChild(child, 5_000);
  }
}

/**
 * `--calibrate`, second run: the real server with bench/no-store.ts loaded, so requests go through
 * everything but storage and the pipeline (answered once their signals are cleaned); phase A's and
 * phase B's loads, the same warm-up and probes. The ceiling of the request path itself.
 */
async function calibrateWithoutStorage(
  opts: Options,
  log: (s: string) => void,
  dir: string,
  password: string,
  failures: string[],
): Promise<{ a: LoadRun; b: BatchPhase }> {
  const dataDir = join(dir, 'no-store');
  mkdirSync(dataDir, { recursive: true });
  const token = createToken(dataDir, password);
  const hook = new URL('./no-store.js', import.meta.url).href;
  const server = await startFenghuo(dataDir, password, ['--import', hook], () => ({ FENGHUO_BENCH_NO_STORE: '1' }));
  try {
    const { pagerDutyKey, alertmanagerKey } = await setUp(server, token);
    const sampler = new ProcessSampler(server.child.pid as number);
    const pd = (seconds: number): LoadSpec => pagerDutyLoad(opts, server.base, pagerDutyKey, seconds, 'nostore', 42);
    const webhook = (connections: number, seconds: number, run: number): LoadSpec =>
      webhookLoad(server.base, alertmanagerKey, connections, seconds, run);
    log(
      `bench: calibration, Fenghuo's routes with nothing stored (bench/no-store.ts): ${opts.warmup} s warm-up, ${opts.duration} s each phase`,
    );
    if (opts.warmup > 0) await runLoad(pd(opts.warmup), sampler);
    const a = await runLoad(pd(opts.duration), sampler);
    noteFailures('calibration without storage, phase A', a.result, failures);
    log(`  phase A's load: ${fmt(a.result.rps)} events/s, server CPU ${fmt(a.target.cores, 2)} cores`);
    const b = await batchPhase(opts, opts.batchConcurrency, sampler, webhook, log, failures, 'calibration without storage, phase B');
    log(
      `  phase B's load: ${fmt(b.alertsPerSec)} alerts/s at concurrency ${b.concurrency}, server CPU ${fmt(b.run.target.cores, 2)} cores`,
    );
    sampler.stop();
    return { a, b };
  } finally {
    await stopChild(server.child, 10_000);
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--worker') {
    await runLoadWorker(JSON.parse(argv[1] ?? '{}') as LoadSpec);
    return 0;
  }
  if (argv[0] === '--bare-server') return runBareServer();
  let opts: Options;
  try {
    opts = options(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const machine = machineDescription();
  const dir = join(tmpdir(), `fenghuo-bench-${process.pid}-${randomBytes(3).toString('hex')}`);
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(12).toString('hex');
  const failures: string[] = [];
  // Everything is bounded: the whole bench may take this long, then it stops, killing its children.
  const budget = (opts.warmup * 3 + opts.duration * 6 + opts.probe * opts.batchConcurrency.length * 3 + 240) * 1000;
  const watchdog = setTimeout(() => {
    log(`bench: gave up after ${budget / 1000} s`);
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    process.exit(2); // the exit handler kills the server, Alertmanager and the load generator
  }, budget);
  watchdog.unref();

  let server: Server | null = null;
  let alertmanager: Server | null = null;
  try {
    if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.json` first');
    log(`bench: ${machine.nproc} × ${machine.model}, Node ${machine.node}; data in ${dir}`);
    let bare: LoadRun | null = null;
    let noStore: { a: LoadRun; b: BatchPhase } | null = null;
    if (opts.calibrate && !opts.profile) {
      bare = await calibrate(opts, log);
      noStore = await calibrateWithoutStorage(opts, log, dir, password, failures);
    }
    const token = createToken(dataDir, password);
    const profileDir = opts.profile;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const profileStartedAt = Date.now();
    server = await startFenghuo(dataDir, password, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    const serverPid = server.child.pid as number;
    const { pagerDutyKey, alertmanagerKey } = await setUp(server, token);
    const sampler = new ProcessSampler(serverPid);
    const base = server.base;
    log(`bench: server pid ${serverPid} on ${base}; ${SERVICE_IDS.length} services, integrations ready`);

    const pdSpec = (seconds: number, tag: string, seed: number): LoadSpec => pagerDutyLoad(opts, base, pagerDutyKey, seconds, tag, seed);
    const webhookSpec = (connections: number, seconds: number, run: number): LoadSpec =>
      webhookLoad(base, alertmanagerKey, connections, seconds, run);

    if (opts.warmup > 0) {
      log(`bench: warm-up, ${opts.warmup} s of PagerDuty events`);
      const w = await runLoad(pdSpec(opts.warmup, 'warm', 7), sampler);
      noteFailures('warm-up', w.result, failures);
    }

    if (profileDir) {
      log(`bench: profiling phase ${opts.profilePhase} for ${opts.profileSeconds} s (server under --cpu-prof)`);
      const r =
        opts.profilePhase === 'A'
          ? await runLoad(pdSpec(opts.profileSeconds, 'prof', 11), sampler)
          : await runLoad(webhookSpec(opts.batchConcurrency[opts.batchConcurrency.length - 1] ?? 16, opts.profileSeconds, 9), sampler);
      noteFailures(`profile ${opts.profilePhase}`, r.result, failures);
      const perReq = opts.profilePhase === 'A' ? 1 : BATCH;
      log(
        `bench: ${fmt((r.result.ok * perReq) / r.result.seconds)} ${opts.profilePhase === 'A' ? 'events' : 'alerts'}/s under the profiler, server CPU ${fmt(r.target.cores, 2)} cores`,
      );
      sampler.stop();
      await stopChild(server.child, 30_000);
      server = null;
      const profiles = readdirSync(profileDir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(profileDir, f))
        .filter((f) => statSync(f).mtimeMs >= profileStartedAt)
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
      const file = profiles[0];
      if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
      // Only the samples taken while the load ran (the profile also covers start-up and setup).
      const summary = summariseProfileFile(file, 30, r.window);
      process.stdout.write(`${formatProfileSummary(summary, `Server CPU profile, phase ${opts.profilePhase} (${file})`)}\n`);
      return failures.length ? 1 : 0;
    }

    log(`bench: phase A, ${opts.duration} s of PagerDuty events at ${opts.connections} connections`);
    const countEvents = () => storeCounts(dataDir, true)?.signalEvents ?? null;
    const a = await runLoad(pdSpec(opts.duration, 'a', 42), sampler, countEvents);
    noteFailures('phase A', a.result, failures);
    log(`  ${fmt(a.result.rps)} events/s, p99 ${ms(a.result.latencyMs.p99)} ms`);

    log(`bench: phase B, Alertmanager webhooks of ${BATCH} alerts`);
    const b = await batchPhase(opts, opts.batchConcurrency, sampler, webhookSpec, log, failures, 'phase B', countEvents);
    log(`  ${fmt(b.alertsPerSec)} alerts/s at concurrency ${b.concurrency}, p99 ${ms(b.run.result.latencyMs.p99)} ms`);

    // Idle memory with everything still open: 3 s after the load, and once settled (10 s after; the
    // server gives back what the burst left within a few quiet seconds, src/cli/idle-gc.ts).
    await sleep(3000);
    const earlyRssMb = (statusKb(serverPid, 'VmRSS') ?? 0) / 1024;
    await sleep(7000);
    const idleRssMb = (statusKb(serverPid, 'VmRSS') ?? 0) / 1024;
    const idleMemory = await serverMemory(server.base);
    const hwmMb = (statusKb(serverPid, 'VmHWM') ?? 0) / 1024;
    const stored = storeCounts(dataDir);
    sampler.stop();
    await stopChild(server.child, 30_000);
    server = null;

    // Alertmanager, same alerts.
    let am: { version: string; phase: BatchPhase; idleRssMb: number } | null = null;
    let amSkipped: string | null = null;
    if (!opts.alertmanager) amSkipped = 'skipped (--no-alertmanager)';
    else if (!existsSync(ALERTMANAGER_BIN)) amSkipped = `${ALERTMANAGER_BIN} not installed (apt-get install prometheus-alertmanager)`;
    else {
      const version = alertmanagerVersion();
      log(`bench: Alertmanager ${version}, /api/v2/alerts with the same batches of ${BATCH} at concurrency ${b.concurrency}`);
      alertmanager = await startAlertmanager(dir);
      const amSampler = new ProcessSampler(alertmanager.child.pid as number);
      const amBase = alertmanager.base;
      const amSpec = (connections: number, seconds: number, run: number): LoadSpec => ({
        url: amBase,
        path: '/api/v2/alerts',
        headers: {},
        connections,
        seconds,
        workload: { kind: 'alertmanager-api', seqStart: seqOf(run), batchSize: BATCH },
      });
      // The measured run's batches (from the start of the sequence), at the concurrency Fenghuo
      // got its best from, for as long, into an Alertmanager that starts empty.
      const phase = await batchPhase(opts, [b.concurrency], amSampler, amSpec, log, failures, 'Alertmanager');
      log(`  ${fmt(phase.alertsPerSec)} alerts/s at concurrency ${phase.concurrency}`);
      await sleep(3000);
      const amIdle = (statusKb(alertmanager.child.pid as number, 'VmRSS') ?? 0) / 1024;
      amSampler.stop();
      await stopChild(alertmanager.child);
      alertmanager = null;
      am = { version, phase, idleRssMb: amIdle };
    }

    const report = {
      machine,
      options: opts,
      bare,
      noStore,
      phaseA: a,
      phaseB: b,
      stored,
      earlyRssMb,
      idleRssMb,
      idleMemory,
      hwmMb,
      alertmanager: am,
      alertmanagerSkipped: amSkipped,
      failures,
    };
    process.stdout.write(`${table(report)}\n`);
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    return failures.length ? 1 : 0;
  } catch (err) {
    log(`bench: ${(err as Error).stack ?? String(err)}`);
    if (server) log(`server output:\n${server.output().slice(-4000)}`);
    return 2;
  } finally {
    if (server) await stopChild(server.child, 5_000);
    if (alertmanager) await stopChild(alertmanager.child, 5_000);
    clearTimeout(watchdog);
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else log(`bench: kept ${dir}`);
  }
}

interface Report {
  machine: ReturnType<typeof machineDescription>;
  options: Options;
  bare: LoadRun | null;
  /** The second calibration: Fenghuo's request path without storage. */
  noStore: { a: LoadRun; b: BatchPhase } | null;
  phaseA: LoadRun;
  phaseB: BatchPhase;
  stored: Store | null;
  /** 3 s after phase B. */
  earlyRssMb: number;
  /** 10 s after phase B: the idle figure the target is about. */
  idleRssMb: number;
  /** The server's own figures (/metrics) at the same moment; null if it did not answer. */
  idleMemory: ServerMemory | null;
  hwmMb: number;
  alertmanager: { version: string; phase: BatchPhase; idleRssMb: number } | null;
  alertmanagerSkipped: string | null;
  failures: string[];
}

function table(r: Report): string {
  const rows: Array<[string, string, string, string]> = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const A = r.phaseA.result;
  const B = r.phaseB.run.result;
  const aCodes = (x: LoadResult) => `${fmt(x.non2xx)} / ${fmt(x.errors)} / ${fmt(x.timeouts)}`;
  const lat = (x: LoadResult) => `${ms(x.latencyMs.p50)} / ${ms(x.latencyMs.p99)} / ${ms(x.latencyMs.max)}`;
  const cores = (u: Usage) => fmt(u.cores, 2);
  /** CPU used by everything but the server and the load generator (the kernel's network stack, the bench, other processes). */
  const othersOf = (run: LoadRun) => run.machineCores - (run.target.cores ?? 0) - (run.loader.cores ?? 0);
  const others = (run: LoadRun) => fmt(othersOf(run), 2);

  if (r.bare) {
    const C = r.bare.result;
    rows.push(['Calibration: bare Fastify route, no storage', '', '', '']);
    rows.push([`  requests/s (${r.options.connections} conns, ${fmt(C.seconds, 1)} s)`, fmt(C.rps), '', '']);
    rows.push(['  latency p50 / p99 / max (ms)', lat(C), '', '']);
    rows.push(['  server CPU / load generator CPU (cores)', `${cores(r.bare.target)} / ${cores(r.bare.loader)}`, '', '']);
  }
  if (r.noStore) {
    const { a: NA, b: NB } = r.noStore;
    rows.push(["Calibration: Fenghuo's routes, nothing stored", '', '', '']);
    rows.push([`  phase A's load: events/s (${fmt(NA.result.seconds, 1)} s)`, fmt(NA.result.rps), '', '']);
    rows.push(['  server CPU / load generator CPU (cores)', `${cores(NA.target)} / ${cores(NA.loader)}`, '', '']);
    rows.push([`  phase B's load: alerts/s (concurrency ${NB.concurrency})`, fmt(NB.alertsPerSec), '', '']);
    rows.push(['  server CPU / load generator CPU (cores)', `${cores(NB.run.target)} / ${cores(NB.run.loader)}`, '', '']);
  }
  rows.push(['Phase A: PagerDuty /v2/enqueue, 1 event/request', '', '', '']);
  rows.push([
    `  events/s (${r.options.connections} conns, ${fmt(A.seconds, 1)} s)`,
    fmt(A.rps),
    `≥ ${fmt(TARGETS.pdEventsPerSec)}`,
    verdict(A.rps >= TARGETS.pdEventsPerSec),
  ]);
  rows.push([
    '  first 5 s / last 5 s (events/s)',
    `${fmt(meanOf(A.perSecond.slice(0, 5)))} / ${fmt(meanOf(A.perSecond.slice(-5)))}`,
    '',
    '',
  ]);
  rows.push(['  latency p50 / p99 / max (ms)', lat(A), `p99 < ${TARGETS.pdP99Ms}`, verdict(A.latencyMs.p99 < TARGETS.pdP99Ms)]);
  rows.push(['  requests 2xx', fmt(A.ok), '', '']);
  rows.push(['  non-2xx / errors / timeouts', aCodes(A), '0', verdict(!A.non2xx && !A.errors && !A.timeouts)]);
  rows.push(['  server CPU (cores, mean) / peak RSS', `${cores(r.phaseA.target)} / ${fmt(r.phaseA.target.peakRssMb)} MB`, '', '']);
  rows.push(['  load generator CPU / rest of machine (cores)', `${cores(r.phaseA.loader)} / ${others(r.phaseA)}`, '', '']);

  rows.push([`Phase B: Alertmanager webhook, ${BATCH} alerts/request`, '', '', '']);
  const probes = r.phaseB.probes.map((p) => `${p.concurrency}: ${fmt(p.alertsPerSec)}`).join(', ');
  if (probes) rows.push(['  probes (concurrency: alerts/s, 3 s)', probes, '', '']);
  rows.push([
    `  alerts/s (concurrency ${r.phaseB.concurrency}, ${fmt(B.seconds, 1)} s)`,
    fmt(r.phaseB.alertsPerSec),
    `≥ ${fmt(TARGETS.amAlertsPerSec)}`,
    verdict(r.phaseB.alertsPerSec >= TARGETS.amAlertsPerSec),
  ]);
  rows.push([
    '  first 5 s / last 5 s (alerts/s)',
    `${fmt(meanOf(B.perSecond.slice(0, 5)) * BATCH)} / ${fmt(meanOf(B.perSecond.slice(-5)) * BATCH)}`,
    '',
    '',
  ]);
  rows.push(['  webhooks/s; latency p50 / p99 / max (ms)', `${fmt(B.rps)}; ${lat(B)}`, '', '']);
  rows.push(['  non-2xx / errors / timeouts', aCodes(B), '0', verdict(!B.non2xx && !B.errors && !B.timeouts)]);
  rows.push(['  server CPU (cores, mean) / peak RSS', `${cores(r.phaseB.run.target)} / ${fmt(r.phaseB.run.target.peakRssMb)} MB`, '', '']);
  rows.push(['  load generator CPU / rest of machine (cores)', `${cores(r.phaseB.run.loader)} / ${others(r.phaseB.run)}`, '', '']);

  rows.push(['Memory and store', '', '', '']);
  const open = r.stored?.openAlerts ?? null;
  rows.push(['  server RSS 3 s after the load', `${fmt(r.earlyRssMb)} MB`, '', '']);
  rows.push([
    `  server RSS idle (10 s after) with ${fmt(open)} open alerts`,
    `${fmt(r.idleRssMb)} MB`,
    `< ${TARGETS.rssMb} MB at ≥ ${fmt(TARGETS.openAlerts)}`,
    open !== null && open >= TARGETS.openAlerts ? verdict(r.idleRssMb < TARGETS.rssMb) : 'n/a (too few alerts)',
  ]);
  if (r.idleMemory) {
    const m = r.idleMemory;
    rows.push(['  V8 heap held / in use then (MB)', `${fmt(m.heapHeldMb)} / ${fmt(m.heapUsedMb)}`, '', '']);
    rows.push(['  idle collections so far (count, ms in all)', `${fmt(m.idleCollections)}, ${fmt(m.idleCollectionMs)} ms`, '', '']);
  }
  rows.push(['  server peak RSS (VmHWM, whole run)', `${fmt(r.hwmMb)} MB`, '', '']);
  if (r.stored) {
    rows.push([
      '  stored: signal events / alerts / incidents',
      `${fmt(r.stored.signalEvents)} / ${fmt(r.stored.alerts)} / ${fmt(r.stored.incidents)}`,
      '',
      '',
    ]);
    rows.push(['  open incidents; SQLite file + WAL', `${fmt(r.stored.openIncidents)}; ${fmt(r.stored.dbMb)} MB`, '', '']);
  }
  // Never lost: every answered event must be in the store (one signal event row per PD event,
  // one per alert). Requests cut off by the end of a run may be stored without an answer counted.
  const stored = (label: string, run: LoadRun, perRequest: number) => {
    if (!run.stored) return;
    const delta = run.stored.after - run.stored.before;
    const acked = run.result.ok * perRequest;
    const most = (run.result.ok + run.result.inFlightAtStop) * perRequest;
    rows.push([
      `  ${label}: events stored / answered 2xx`,
      `${fmt(delta)} / ${fmt(acked)}`,
      `≥ answered, ≤ ${fmt(most)}`,
      verdict(delta >= acked && delta <= most),
    ]);
  };
  stored('phase A', r.phaseA, 1);
  stored('phase B', r.phaseB.run, BATCH);

  if (r.alertmanager) {
    const P = r.alertmanager.phase;
    rows.push([`Alertmanager ${r.alertmanager.version}: /api/v2/alerts, same batches`, '', '', '']);
    const amProbes = P.probes.map((p) => `${p.concurrency}: ${fmt(p.alertsPerSec)}`).join(', ');
    if (amProbes) rows.push(['  probes (concurrency: alerts/s, 3 s)', amProbes, '', '']);
    rows.push([`  alerts/s (concurrency ${P.concurrency}, ${fmt(P.run.result.seconds, 1)} s)`, fmt(P.alertsPerSec), '', '']);
    rows.push([
      '  first 5 s / last 5 s (alerts/s)',
      `${fmt(meanOf(P.run.result.perSecond.slice(0, 5)) * BATCH)} / ${fmt(meanOf(P.run.result.perSecond.slice(-5)) * BATCH)}`,
      '',
      '',
    ]);
    rows.push(['  posts/s; latency p50 / p99 / max (ms)', `${fmt(P.run.result.rps)}; ${lat(P.run.result)}`, '', '']);
    rows.push(['  non-2xx / errors / timeouts', aCodes(P.run.result), '', '']);
    rows.push(['  Alertmanager CPU (cores, mean) / peak RSS', `${cores(P.run.target)} / ${fmt(P.run.target.peakRssMb)} MB`, '', '']);
    rows.push(['  Alertmanager RSS idle after the run', `${fmt(r.alertmanager.idleRssMb)} MB`, '', '']);
    rows.push(['  ratio Fenghuo / Alertmanager (alerts/s)', `${(r.phaseB.alertsPerSec / P.alertsPerSec).toFixed(2)}×`, '', '']);
  } else {
    rows.push(['Alertmanager comparison', r.alertmanagerSkipped ?? 'skipped', '', '']);
  }

  const busy = [r.bare, r.noStore?.a, r.noStore?.b.run, r.phaseA, r.phaseB.run, r.alertmanager?.phase.run].filter(
    (x): x is LoadRun => !!x && othersOf(x) > 0.3,
  );
  const out = [
    `Fenghuo ingest bench — ${r.machine.nproc} × ${r.machine.model}, Node ${r.machine.node}, Linux ${r.machine.kernel}, SQLite (WAL, synchronous=FULL)`,
    `Code: ${r.machine.git}`,
    ...(busy.length
      ? ['WARNING: other processes used more than 0.3 cores during a measured run: the numbers are low; rerun on a quiet machine.']
      : []),
    '',
    ...metricTable(rows),
    '',
    r.failures.length ? `FAILED REQUESTS:\n${r.failures.map((f) => `  - ${f}`).join('\n')}` : 'All requests answered 2xx.',
  ];
  return out.join('\n');
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
