// `npm run bench:status` — the public status page under load, and how soon an update reaches readers.
//
// Starts the real server (`node bin/fenghuo.js serve`) on a temporary SQLite data dir — by default
// with FENGHUO_STATUS_PORT, so that its status processes serve the readers on a port of their
// own while ingest and the API stay on the main port (--status-port off: the main server serves
// both, as a single-process install does) — and sets up
// over the API a page of 50 components in five groups, each mapped to its own catalog service,
// with 90 days of history, an open public incident with updates and maintenance
// (bench/status-setup.ts). A paced sender in its own process (bench/background.ts) posts R
// PagerDuty events/s to a service that is not on the page. Then, each a closed-loop load of N
// keep-alive connections in a process of its own (bench/get-load.ts: wrk if installed, else
// autocannon):
//   html        GET /status/{slug} as a browser asks for it (Accept-Language zh-CN, gzip);
//   json        GET /status/{slug}/summary.json;
//   invalidate  the HTML load again, while the bench posts public updates one at a time and two
//               clients of its own poll the HTML and the JSON until the update's text shows;
//   variant     (short) the HTML load while the background events go to a service on the page;
//   calibrate   (--calibrate) the same loads against servers that send the same bytes and nothing
//               else (bench/bare-status.ts): node:http, Fastify, Fastify with hooks like ours.
// Server CPU (the main process, and each status process) from /proc/<pid>/stat, RSS from
// /proc/<pid>/status, as in bench/ingest.ts.
//
// Exit status: 0 when every request got a 2xx and every update showed up, 1 when a request failed
// or got another status or an update did not show within 5 s, 2 when the bench itself could not
// run. Missed targets are reported, not turned into a failure.

import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startBackground, type Background, type BackgroundResult } from './background.js';
import { BARE_KINDS, type CapturedResponse } from './bare-status.js';
import { formatProfileSummary, summariseProfileFile } from './cpuprofile.js';
import { WRK_BIN, pickTool, runGetLoad, type GetLoadRun, type GetLoadSpec, type LoadTool } from './get-load.js';
import {
  ProcessSampler,
  ROOT,
  api,
  childPids,
  collect,
  createToken,
  fmt,
  freePort,
  machineDescription,
  monotonicUs,
  ms,
  rng,
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
import { setUpStatusPage, type StatusSetup } from './status-setup.js';
import {
  sent,
  table,
  type Calibration,
  type InvalidationPhase,
  type Options,
  type Report,
  type Representation,
  type Served,
  type UpdateSample,
  type Variant,
} from './status-report.js';

const BARE_JS = fileURLToPath(new URL('./bare-status.js', import.meta.url));
/** How long the bench waits for an update to show before it counts as missing. */
const UPDATE_TIMEOUT_MS = 5_000;

/** What a browser sends for the page (Chrome's Accept, a Chinese reader). */
const HTML_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
};
const JSON_HEADERS = { accept: 'application/json', 'accept-encoding': 'gzip', 'user-agent': 'status-widget/1.0' };

const USAGE = `usage: node dist/bench/status.js [options]   (npm run bench:status -- [options])
  --duration S              seconds of each measured load, HTML and JSON (20)
  --connections N           keep-alive connections of the load generator (100)
  --background-rate R       PagerDuty events/s into ingest meanwhile, to a service not on the page (1000; 0: none)
  --background-connections N  most requests in flight of the background sender (128)
  --warmup S                seconds of HTML load (and background) before measuring (3)
  --updates N               public updates whose arrival is timed, under the HTML load (10)
  --variant-seconds S       HTML load with the background going to a service ON the page (10; 0: skip)
  --calibrate               also load servers that send the same bytes and nothing else
  --calibrate-seconds S     seconds of each calibration load (10)
  --loader auto|wrk|autocannon  load generator (auto: wrk if ${WRK_BIN} exists, else autocannon)
  --wrk PATH                the wrk binary (${WRK_BIN})
  --json FILE               also write the results as JSON
  --keep                    keep the temporary data dir
  --profile DIR             run the server under --cpu-prof and print where its CPU went during the
                            HTML and JSON loads (slows the server: numbers are not comparable)
  --status-port auto|on|off readers go to the server's status processes on a port of their own
                            (FENGHUO_STATUS_PORT; auto: when \`fenghuo help\` lists serve-status), or
                            to the main server (off)
  --status-processes N      FENGHUO_STATUS_PROCESSES (1)
  --status-fast-path on|off FENGHUO_STATUS_FAST_PATH of the status processes (on)`;

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '20' },
      connections: { type: 'string', default: '100' },
      'background-rate': { type: 'string', default: '1000' },
      'background-connections': { type: 'string', default: '128' },
      warmup: { type: 'string', default: '3' },
      updates: { type: 'string', default: '10' },
      'variant-seconds': { type: 'string', default: '10' },
      calibrate: { type: 'boolean', default: false },
      'calibrate-seconds': { type: 'string', default: '10' },
      loader: { type: 'string', default: 'auto' },
      wrk: { type: 'string', default: WRK_BIN },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'string' },
      'status-port': { type: 'string', default: 'auto' },
      'status-processes': { type: 'string', default: '1' },
      'status-fast-path': { type: 'string', default: 'on' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = numberOption;
  const loader = values.loader;
  if (loader !== 'auto' && loader !== 'wrk' && loader !== 'autocannon') throw new Error('--loader must be auto, wrk or autocannon');
  const statusPort = values['status-port'];
  if (statusPort !== 'auto' && statusPort !== 'on' && statusPort !== 'off') throw new Error('--status-port must be auto, on or off');
  const fastPath = values['status-fast-path'];
  if (fastPath !== 'on' && fastPath !== 'off') throw new Error('--status-fast-path must be on or off');
  return {
    duration: num('duration', values.duration, 1, 600),
    connections: Math.round(num('connections', values.connections, 1, 10_000)),
    backgroundRate: num('background-rate', values['background-rate'], 0, 100_000),
    backgroundConnections: Math.round(num('background-connections', values['background-connections'], 1, 1024)),
    warmup: num('warmup', values.warmup, 0, 120),
    updates: Math.round(num('updates', values.updates, 0, 1000)),
    variantSeconds: num('variant-seconds', values['variant-seconds'], 0, 600),
    calibrate: values.calibrate,
    calibrateSeconds: num('calibrate-seconds', values['calibrate-seconds'], 1, 600),
    loader,
    wrk: resolve(values.wrk),
    json: values.json ?? null,
    keep: values.keep,
    profile: values.profile ? resolve(values.profile) : null,
    statusPort,
    statusProcesses: numberOption('status-processes', values['status-processes'], 1, 64, true),
    fastPath: fastPath === 'on',
  };
}

// ---------------------------------------------------------------------------
// Plain HTTP from this process (setup checks, the update pollers)
// ---------------------------------------------------------------------------

/** Milliseconds on the monotonic clock. */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function rawGet(agent: http.Agent, base: string, path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = http.get(`${base}${path}`, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        done({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
      });
      res.on('error', fail);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path}: no answer within 10 s`)));
    req.on('error', fail);
  });
}

function textOf(r: Raw): string {
  const encoding = r.headers['content-encoding'];
  return (encoding === 'gzip' ? gunzipSync(r.body) : encoding === 'br' ? brotliDecompressSync(r.body) : r.body).toString('utf8');
}

/**
 * Polls `path` (If-None-Match with the last ETag, as a browser reloading does) until the body
 * holds `needle`; the monotonic time that answer was read, or null after `deadline`.
 */
async function pollUntil(
  agent: http.Agent,
  base: string,
  path: string,
  headers: Record<string, string>,
  needle: string,
  deadline: number,
): Promise<{ at: number; polls: number } | null> {
  let etag: string | undefined;
  let polls = 0;
  while (nowMs() < deadline) {
    const r = await rawGet(agent, base, path, etag ? { ...headers, 'if-none-match': etag } : headers);
    const at = nowMs();
    polls++;
    if (r.status === 200) {
      if (textOf(r).includes(needle)) return { at, polls };
      etag = r.headers.etag;
    } else if (r.status !== 304) throw new Error(`GET ${path} → ${r.status}`);
    await sleep(5);
  }
  return null;
}

// ---------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------

interface Bench {
  opts: Options;
  tool: LoadTool;
  /** The main server: the API, ingest. */
  base: string;
  /** Where readers go: the status port, or the main server. */
  readers: string;
  /** The status processes, sampled beside the main server during every load. */
  statusSamplers: ProcessSampler[];
  scratch: string;
  log: (s: string) => void;
}

/** Whether this build's server has status processes (`fenghuo help` lists the command). */
function serverHasStatusRole(): boolean {
  try {
    return execFileSync(process.execPath, [join(ROOT, 'bin', 'fenghuo.js'), 'help'], { encoding: 'utf8', timeout: 30_000 }).includes(
      'serve-status',
    );
  } catch {
    return false;
  }
}

function loadSpec(b: Bench, base: string, path: string, headers: Record<string, string>, seconds: number): GetLoadSpec {
  return { base, path, headers, connections: b.opts.connections, seconds, tool: b.tool, wrk: b.opts.wrk, scratch: b.scratch };
}

/** Posts `count` public updates one at a time while the HTML load runs; times each until both pollers see it. */
async function invalidationPhase(
  b: Bench,
  s: StatusSetup,
  token: string,
  server: ProcessSampler,
  failures: string[],
): Promise<InvalidationPhase> {
  const count = b.opts.updates;
  const random = rng(99);
  const self = new ProcessSampler(process.pid);
  // Long enough for every update (each takes up to the 500 ms poll, a rebuild and the pause after it).
  const seconds = Math.ceil(3 + count * 1.9);
  const loading =
    count > 0 ? runGetLoad(loadSpec(b, b.readers, `/status/${s.slug}`, HTML_HEADERS, seconds), server, b.statusSamplers) : null;
  let loadDone = false;
  void loading?.finally(() => (loadDone = true));
  if (loading) await sleep(2000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const samples: UpdateSample[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const needle = `bench-${i}-${randomBytes(4).toString('hex')}`;
      const t0 = nowMs();
      await api(b.base, token, 'POST', `/api/v1/status-pages/${s.pageId}/incidents/${s.openPostId}/updates`, {
        stage: 'monitoring',
        body: `第 ${i + 1} 次进展更新：支付成功率已恢复到 ${(99 + random()).toFixed(2)}%。[${needle}]`,
      });
      const tApi = nowMs();
      const deadline = tApi + UPDATE_TIMEOUT_MS;
      const [html, json] = await Promise.all([
        pollUntil(agent, b.readers, `/status/${s.slug}`, HTML_HEADERS, needle, deadline),
        pollUntil(agent, b.readers, `/status/${s.slug}/summary.json`, JSON_HEADERS, needle, deadline),
      ]);
      samples.push({
        apiMs: tApi - t0,
        htmlMs: html ? html.at - tApi : null,
        jsonMs: json ? json.at - tApi : null,
        polls: (html?.polls ?? 0) + (json?.polls ?? 0),
        underLoad: !loadDone,
      });
      if (!html || !json)
        failures.push(`update ${i + 1}: not seen in ${!html ? 'the HTML' : 'summary.json'} within ${UPDATE_TIMEOUT_MS / 1000} s`);
      // A pause spread evenly over two poll periods, so updates land at every phase of the 500 ms poll.
      await sleep(250 + random() * 1000);
    }
  } finally {
    agent.destroy();
  }
  const load = loading ? await loading : null;
  const bench = self.window();
  self.stop();
  return { samples, load, bench };
}

/** The HTML load while the background events go to a service on the page (its incident changes raise the page's version). */
async function variantPhase(b: Bench, s: StatusSetup, token: string, server: ProcessSampler): Promise<Variant> {
  const version = async () => (await api<{ version: number }>(b.base, token, 'GET', `/api/v1/status-pages/${s.pageId}`)).version;
  const initial = await version();
  const background = await startBackground({
    base: b.base,
    routingKey: s.onPageKey,
    rate: b.opts.backgroundRate,
    connections: b.opts.backgroundConnections,
    maxSeconds: b.opts.variantSeconds + 90,
    seed: 43,
  });
  try {
    await sleep(2000);
    background.mark();
    const markUs = monotonicUs();
    const before = await version();
    const load = await runGetLoad(
      loadSpec(b, b.readers, `/status/${s.slug}`, HTML_HEADERS, b.opts.variantSeconds),
      server,
      b.statusSamplers,
    );
    const after = await version();
    const sender = background.sampler.window();
    return { load, markUs, versions: { initial, before, after }, background: await background.stop(), sender };
  } finally {
    await stopChild(background.child, 5_000);
  }
}

/** The same loads against servers that send the captured bytes and nothing else; no background. */
async function calibrate(b: Bench, responsesFile: string, paths: { html: string; json: string }): Promise<Calibration[]> {
  const out: Calibration[] = [];
  for (const kind of BARE_KINDS) {
    const port = await freePort();
    const child = track(
      spawn(process.execPath, [BARE_JS, kind, String(port), responsesFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    const output = collect(child);
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitReady(`${base}/readyz`, child, output);
      const sampler = new ProcessSampler(child.pid as number);
      b.log(`bench: calibration, ${kind}: ${b.opts.calibrateSeconds} s HTML, ${b.opts.calibrateSeconds} s JSON`);
      await runGetLoad(loadSpec(b, base, paths.html, HTML_HEADERS, 2), sampler);
      const html = await runGetLoad(loadSpec(b, base, paths.html, HTML_HEADERS, b.opts.calibrateSeconds), sampler);
      const json = await runGetLoad(loadSpec(b, base, paths.json, JSON_HEADERS, b.opts.calibrateSeconds), sampler);
      sampler.stop();
      b.log(`  ${fmt(html.result.rps)} / ${fmt(json.result.rps)} requests/s`);
      out.push({ kind, html, json });
    } finally {
      await stopChild(child, 5_000);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The bench
// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = options(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const machine = machineDescription();
  const dir = join(tmpdir(), `fenghuo-status-bench-${process.pid}-${randomBytes(3).toString('hex')}`);
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(12).toString('hex');
  const failures: string[] = [];
  // Everything is bounded: the whole bench may take this long, then it stops, killing its children.
  const calibration = opts.calibrate ? BARE_KINDS.length * (4 + 2 * opts.calibrateSeconds) : 0;
  const budget = (300 + opts.warmup + 2 * opts.duration + 4 + opts.updates * 8 + opts.variantSeconds + 5 + calibration) * 1000;
  const watchdog = setTimeout(() => {
    log(`bench: gave up after ${Math.round(budget / 1000)} s`);
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    process.exit(2); // the exit handler kills the server, the load generator and the background sender
  }, budget);
  watchdog.unref();

  let server: Server | null = null;
  let background: Background | null = null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.json` first');
    const tool = pickTool(opts.loader, opts.wrk);
    log(`bench: ${machine.nproc} × ${machine.model}, Node ${machine.node}; load generator ${tool}; data in ${dir}`);
    const token = createToken(dataDir, password);
    const profileDir = opts.profile;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const profileStartedAt = Date.now();
    const statusRole = opts.statusPort === 'on' || (opts.statusPort === 'auto' && serverHasStatusRole());
    const statusPort = statusRole ? await freePort() : null;
    const served: Served = {
      by: statusRole ? 'status' : 'main',
      processes: statusRole ? opts.statusProcesses : 0,
      fastPath: opts.fastPath,
    };
    server = await startFenghuo(
      dataDir,
      password,
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      (base) => ({
        FENGHUO_PUBLIC_URL: base,
        ...(statusPort === null
          ? {}
          : {
              FENGHUO_STATUS_PORT: String(statusPort),
              FENGHUO_STATUS_PROCESSES: String(opts.statusProcesses),
              FENGHUO_STATUS_FAST_PATH: opts.fastPath ? 'on' : 'off',
            }),
      }),
      120,
    );
    const serverPid = server.child.pid as number;
    const base = server.base;
    const readers = statusPort === null ? base : `http://127.0.0.1:${statusPort}`;
    const statusPids = statusPort === null ? [] : childPids(serverPid);
    if (statusPids.length !== served.processes)
      throw new Error(`expected ${served.processes} status processes, found ${statusPids.join(', ')}`);
    log(
      statusPort === null
        ? 'bench: readers go to the main server'
        : `bench: readers go to ${statusPids.length} status process(es) on port ${statusPort} (pids ${statusPids.join(', ')}), fast path ${opts.fastPath ? 'on' : 'off'}`,
    );
    log('bench: setting up the status page over the API');
    const setup = await setUpStatusPage(base, token, dataDir, log);
    const sampler = new ProcessSampler(serverPid);
    const statusSamplers = statusPids.map((pid) => new ProcessSampler(pid));
    const b: Bench = { opts, tool, base, readers, statusSamplers, scratch: dir, log };

    // The first reads build the page; check what a reader gets, and keep it for --calibrate.
    const paths = { html: `/status/${setup.slug}`, json: `/status/${setup.slug}/summary.json` };
    const captured: CapturedResponse[] = [];
    const describe = async (path: string, headers: Record<string, string>): Promise<Representation> => {
      const gz = await rawGet(agent, readers, path, headers);
      if (gz.status !== 200) throw new Error(`GET ${path} → ${gz.status}: ${gz.body.toString('utf8').slice(0, 300)}`);
      captured.push({ path, headers: gz.headers, body: gz.body.toString('base64') });
      const plain = await rawGet(agent, readers, path, { ...headers, 'accept-encoding': 'identity' });
      const encoding = gz.headers['content-encoding'];
      return { path, bytes: plain.body.length, compressed: encoding ? { encoding, bytes: gz.body.length } : null };
    };
    const html = await describe(paths.html, HTML_HEADERS);
    const json = await describe(paths.json, JSON_HEADERS);
    const check = await rawGet(agent, readers, paths.html, HTML_HEADERS);
    const page = textOf(check);
    if (!page.includes('lang="zh-CN"') || !page.includes('部分地区微信支付延迟'))
      throw new Error('the page is not the Chinese page with the open incident');
    log(
      `bench: page ${setup.slug}: HTML ${fmt(html.bytes / 1024)} KB (${sent(html)}), summary.json ${fmt(json.bytes / 1024)} KB (${sent(json)})`,
    );

    if (opts.backgroundRate > 0) {
      log(`bench: background, ${fmt(opts.backgroundRate)} PagerDuty events/s to a service not on the page`);
      background = await startBackground({
        base,
        routingKey: setup.offPageKey,
        rate: opts.backgroundRate,
        connections: opts.backgroundConnections,
        maxSeconds: opts.warmup + 2 * opts.duration + opts.updates * 8 + 90,
        seed: 42,
      });
    }
    if (opts.warmup > 0) {
      log(`bench: warm-up, ${opts.warmup} s of the HTML load`);
      await runGetLoad(loadSpec(b, readers, paths.html, HTML_HEADERS, opts.warmup), sampler, statusSamplers);
    }
    background?.mark();
    const backgroundMarkUs = monotonicUs();
    log(`bench: HTML, ${opts.duration} s at ${opts.connections} connections`);
    const htmlRun = await runGetLoad(loadSpec(b, readers, paths.html, HTML_HEADERS, opts.duration), sampler, statusSamplers);
    noteFailures('HTML', htmlRun, failures);
    log(`  ${fmt(htmlRun.result.rps)} requests/s, p99 ${ms(htmlRun.result.latencyMs.p99)} ms`);
    log(`bench: summary.json, ${opts.duration} s at ${opts.connections} connections`);
    const jsonRun = await runGetLoad(loadSpec(b, readers, paths.json, JSON_HEADERS, opts.duration), sampler, statusSamplers);
    noteFailures('JSON', jsonRun, failures);
    log(`  ${fmt(jsonRun.result.rps)} requests/s, p99 ${ms(jsonRun.result.latencyMs.p99)} ms`);
    log(`bench: ${opts.updates} public updates under the HTML load`);
    const invalidation = await invalidationPhase(b, setup, token, sampler, failures);
    if (invalidation.load) noteFailures('HTML during updates', invalidation.load, failures);
    const seen = invalidation.samples.map((s) => Math.max(s.htmlMs ?? Infinity, s.jsonMs ?? Infinity));
    if (seen.length) log(`  update → readers: max ${ms(Math.max(...seen))} ms`);

    let bg: BackgroundResult | null = null;
    let bgUsage: Usage | null = null;
    if (background) {
      bgUsage = background.sampler.window();
      bg = await background.stop();
      background = null;
      if (bg.non2xx || bg.errors) failures.push(`background: ${bg.non2xx} non-2xx, ${bg.errors} errors of ${fmt(bg.totalSent)} events`);
      log(`  background ${fmt(bg.rate)} events/s`);
    }
    let variant: Variant | null = null;
    if (opts.variantSeconds > 0 && opts.backgroundRate > 0) {
      log(`bench: variant, ${opts.variantSeconds} s of the HTML load with the background going to a service on the page`);
      variant = await variantPhase(b, setup, token, sampler);
      noteFailures('variant', variant.load, failures);
      if (variant.background.non2xx || variant.background.errors)
        failures.push(`variant background: ${variant.background.non2xx} non-2xx, ${variant.background.errors} errors`);
      log(
        `  ${fmt(variant.load.result.rps)} requests/s; page version ${variant.versions.initial} → ${variant.versions.before} → ${variant.versions.after}`,
      );
    }

    const serverHwmMb = (statusKb(serverPid, 'VmHWM') ?? 0) / 1024 || null;
    sampler.stop();
    for (const s of statusSamplers) s.stop();
    agent.destroy();
    await stopChild(server.child, 30_000);
    server = null;

    let bare: Calibration[] = [];
    if (opts.calibrate) {
      const file = join(dir, 'responses.json');
      writeFileSync(file, JSON.stringify(captured));
      bare = await calibrate(b, file, paths);
    }

    const report: Report = {
      machine,
      options: opts,
      served,
      tool,
      setup: setup.counts,
      html,
      json,
      htmlRun,
      jsonRun,
      invalidation,
      background: bg,
      backgroundMarkUs,
      backgroundSender: bgUsage,
      variant,
      calibration: bare,
      serverHwmMb,
      failures,
    };
    process.stdout.write(`${table(report)}\n`);
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    // With status processes the readers' CPU is theirs: the first one's profile (written as it exits).
    if (profileDir) printProfile(profileDir, profileStartedAt, [htmlRun, jsonRun], statusPids[0] ?? serverPid);
    return failures.length ? 1 : 0;
  } catch (err) {
    log(`bench: ${(err as Error).stack ?? String(err)}`);
    if (server) log(`server output:\n${server.output().slice(-4000)}`);
    return 2;
  } finally {
    if (background) await stopChild(background.child, 5_000);
    if (server) await stopChild(server.child, 5_000);
    agent.destroy();
    clearTimeout(watchdog);
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else log(`bench: kept ${dir}`);
  }
}

function noteFailures(label: string, run: GetLoadRun, failures: string[]): void {
  const r = run.result;
  if (r.non2xx || r.errors || r.timeouts) {
    const codes = Object.entries(r.statusCodes)
      .filter(([c]) => !c.startsWith('2'))
      .map(([c, n]) => `${n}×${c}`)
      .join(', ');
    failures.push(`${label}: ${r.non2xx} non-2xx${codes ? ` (${codes})` : ''}, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
}

function printProfile(dir: string, since: number, runs: GetLoadRun[], pid: number): void {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(pid))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= since)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) throw new Error(`no .cpuprofile of process ${pid} written in ${dir}`);
  for (const [i, run] of runs.entries()) {
    const summary = summariseProfileFile(file, 30, run.window);
    process.stdout.write(
      `\n${formatProfileSummary(summary, `CPU profile of process ${pid}, ${i === 0 ? 'HTML' : 'JSON'} load (${file})`)}\n`,
    );
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
