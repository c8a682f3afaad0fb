// A closed-loop GET load in a process of its own: wrk when it is installed (it spends less CPU per
// request than a Node load generator, which leaves more of a small machine to the server), else
// autocannon. N keep-alive connections, each with one request outstanding, for S seconds, the
// same path and headers on every request. Used by bench/status.ts.
//
// autocannon runs as `node dist/bench/get-load.js <spec as JSON>` (this file as a program), with
// exact latency percentiles over every request; wrk runs with a Lua `done` hook that prints its
// summary as JSON (its percentiles come from its own histogram, in microseconds).

import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ProcessSampler, ROOT, machineCpu, monotonicUs, percentile, sleep, track, type Usage } from './harness.js';

const SELF = fileURLToPath(import.meta.url);
export const WRK_BIN = '/usr/bin/wrk';

export type LoadTool = 'wrk' | 'autocannon';

export interface GetLoadSpec {
  /** `http://127.0.0.1:port` */
  base: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  tool: LoadTool;
  /** The wrk binary (tool `wrk` only). */
  wrk: string;
  /** A scratch directory for wrk's Lua script. */
  scratch: string;
}

export interface GetLoadResult {
  tool: LoadTool;
  seconds: number;
  /** Answers read. */
  requests: number;
  ok: number;
  /** Answers with a status outside 2xx (wrk: 4xx and 5xx only; it counts 3xx as success). */
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
  /** Bytes read per answer, headers included. */
  bytesPerAnswer: number;
  /** Answers in each second of the run (autocannon only; empty with wrk). */
  perSecond: number[];
  /**
   * Latency of the answers read after the first STEADY_AFTER_S seconds (autocannon only): without
   * the start, where N new connections arrive at once and their first requests queue.
   */
  steadyMs: { p50: number; p99: number; max: number } | null;
}

/** Seconds at the start of a run left out of `steadyMs`. */
export const STEADY_AFTER_S = 2;

export interface GetLoadRun {
  result: GetLoadResult;
  /** The process under load, the load generator, and the whole machine (cores, mean over the run). */
  target: Usage;
  /** Further processes of the server sampled over the same window (its status processes), in the order given. */
  extra: Usage[];
  loader: Usage;
  machineCores: number;
  /** When the load ran, in CLOCK_MONOTONIC microseconds (the clock of V8's CPU profiles). */
  window: { fromUs: number; toUs: number };
}

/** wrk if its binary is there and `preferred` does not say otherwise. */
export function pickTool(preferred: 'auto' | LoadTool, wrk: string): LoadTool {
  if (preferred === 'autocannon') return 'autocannon';
  if (preferred === 'wrk' && !existsSync(wrk)) throw new Error(`--loader wrk: ${wrk} does not exist (apt-get install wrk)`);
  return existsSync(wrk) ? 'wrk' : 'autocannon';
}

// ---------------------------------------------------------------------------
// autocannon, in the child process
// ---------------------------------------------------------------------------

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  requests: { total: number };
  throughput: { total: number };
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  opts: { url: string; connections: number; duration: number; timeout: number; headers: Record<string, string> },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

async function runAutocannon(spec: GetLoadSpec): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let latencies = new Float64Array(1 << 20);
  let readAt = new Float64Array(1 << 20);
  let count = 0;
  const perSecond: number[] = [];
  const startedAt = performance.now();
  process.stdout.write('START\n');
  const result = await new Promise<AutocannonResult>((done, fail) => {
    const instance = autocannon(
      { url: `${spec.base}${spec.path}`, connections: spec.connections, duration: spec.seconds, timeout: 10, headers: spec.headers },
      (err, res) => (err ? fail(err) : done(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      const second = Math.floor((performance.now() - startedAt) / 1000);
      while (perSecond.length <= second) perSecond.push(0);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
        const later = new Float64Array(readAt.length * 2);
        later.set(readAt);
        readAt = later;
      }
      readAt[count] = performance.now() - startedAt;
      latencies[count++] = ms;
    });
  });
  const sorted = latencies.slice(0, count).sort();
  const steady = latencies
    .slice(0, count)
    .filter((_, i) => (readAt[i] ?? 0) >= STEADY_AFTER_S * 1000)
    .sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const ok = Object.entries(statusCodes).reduce((n, [code, c]) => (code.startsWith('2') ? n + c : n), 0);
  const out: GetLoadResult = {
    tool: 'autocannon',
    seconds: result.duration,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: result.requests.total / result.duration,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: sorted[sorted.length - 1] ?? 0,
      mean: count ? sum / count : 0,
    },
    bytesPerAnswer: result.requests.total ? result.throughput.total / result.requests.total : 0,
    perSecond: perSecond.slice(0, Math.floor(result.duration)),
    steadyMs: steady.length ? { p50: percentile(steady, 50), p99: percentile(steady, 99), max: steady[steady.length - 1] ?? 0 } : null,
  };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------------------
// wrk
// ---------------------------------------------------------------------------

/** wrk's `done` hook: its summary and latency percentiles (µs) as one JSON line. */
const WRK_SCRIPT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"durationUs":%d,"requests":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"p50":%.1f,"p90":%.1f,"p99":%.1f,"p999":%.1f,"max":%.1f,"mean":%.1f}\\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
end
`;

interface WrkSummary {
  durationUs: number;
  requests: number;
  bytes: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

function fromWrk(s: WrkSummary): GetLoadResult {
  const seconds = s.durationUs / 1e6;
  const ms = (us: number) => us / 1000;
  return {
    tool: 'wrk',
    seconds,
    requests: s.requests,
    ok: s.requests - s.status,
    non2xx: s.status,
    statusCodes: s.status ? { '4xx/5xx': s.status } : {},
    errors: s.connect + s.read + s.write,
    timeouts: s.timeout,
    rps: s.requests / seconds,
    latencyMs: { p50: ms(s.p50), p90: ms(s.p90), p99: ms(s.p99), p999: ms(s.p999), max: ms(s.max), mean: ms(s.mean) },
    bytesPerAnswer: s.requests ? s.bytes / s.requests : 0,
    perSecond: [],
    steadyMs: null,
  };
}

function wrkArgs(spec: GetLoadSpec, script: string): string[] {
  const headers = Object.entries(spec.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  // One thread: wrk's event loop keeps 100 connections busy on one core, and the server needs the other.
  return ['-t1', `-c${spec.connections}`, `-d${spec.seconds}s`, '--timeout', '10s', '-s', script, ...headers, `${spec.base}${spec.path}`];
}

// ---------------------------------------------------------------------------
// Running one load (this process)
// ---------------------------------------------------------------------------

/** Runs one load in a child process while sampling `target` (the server) and `extra`, the loader and the machine. */
export async function runGetLoad(spec: GetLoadSpec, target: ProcessSampler, extra: readonly ProcessSampler[] = []): Promise<GetLoadRun> {
  let child;
  if (spec.tool === 'wrk') {
    const script = join(spec.scratch, 'wrk-done.lua');
    writeFileSync(script, WRK_SCRIPT);
    child = track(spawn(spec.wrk, wrkArgs(spec, script), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  } else {
    child = track(spawn(process.execPath, [SELF, JSON.stringify(spec)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  }
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-16_000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const killer = setTimeout(() => child.kill('SIGKILL'), (spec.seconds + 60) * 1000);
  const window = { fromUs: 0, toUs: 0 };
  const sampled: { loader: ProcessSampler | null } = { loader: null };
  let machineStart = machineCpu();
  const begin = () => {
    window.fromUs = monotonicUs();
    target.mark();
    for (const e of extra) e.mark();
    sampled.loader = new ProcessSampler(child.pid as number);
    machineStart = machineCpu();
  };
  let result: GetLoadResult | null = null;
  let targetUsage: Usage = { cores: null, peakRssMb: null };
  let extraUsage: Usage[] = extra.map(() => ({ cores: null, peakRssMb: null }));
  let loaderUsage: Usage = { cores: null, peakRssMb: null };
  let machineCores = 0;
  // wrk starts its load as soon as it runs; the autocannon worker says when it does.
  if (spec.tool === 'wrk') begin();
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    if (line === 'START') begin();
    else if (line.startsWith('RESULT ')) {
      window.toUs = monotonicUs();
      targetUsage = target.window();
      extraUsage = extra.map((e) => e.window());
      loaderUsage = sampled.loader?.window() ?? loaderUsage;
      const m = machineCpu();
      machineCores = ((m.busy - machineStart.busy) / (m.total - machineStart.total)) * cpus().length;
      const parsed = JSON.parse(line.slice(7)) as unknown;
      result = spec.tool === 'wrk' ? fromWrk(parsed as WrkSummary) : (parsed as GetLoadResult);
    }
  }
  await exited;
  clearTimeout(killer);
  sampled.loader?.stop();
  if (!result) throw new Error(`load generator (${spec.tool}) failed (exit ${child.exitCode ?? child.signalCode}):\n${stderr}`);
  // Let the last answers drain before anything else is measured.
  await sleep(300);
  return { result, target: targetUsage, extra: extraUsage, loader: loaderUsage, machineCores, window };
}

// Run as a program: the autocannon worker.
if (process.argv[1] === SELF) {
  runAutocannon(JSON.parse(process.argv[2] ?? '{}') as GetLoadSpec).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`load generator: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
