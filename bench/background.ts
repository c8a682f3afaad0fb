// A paced background load of PagerDuty events, in a process of its own: shared by the benches
// that measure something else while ingest is busy (bench/paging.ts, bench/status.ts).
//
// `startBackground(spec)` spawns `node dist/bench/background.js <spec as JSON>`, which sends
// `rate` events/s to `/v2/enqueue` on a steady schedule (open loop, at most `connections`
// keep-alive requests in flight; 80 % new dedup keys, 20 % repeats of recent ones, mixed
// severities). `mark()` starts the measured window, `stop()` ends the load and returns the result.

import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ProcessSampler, ROOT, percentile, rng, sleep, track } from './harness.js';

const SELF = fileURLToPath(import.meta.url);

export interface BackgroundSpec {
  base: string;
  routingKey: string;
  rate: number;
  connections: number;
  maxSeconds: number;
  seed: number;
}

export interface BackgroundResult {
  /** From MARK to STOP. */
  seconds: number;
  /** Answers (any status) in the window, and 2xx among them. */
  answered: number;
  ok: number;
  /** events/s answered 2xx in the window. */
  rate: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Whole run, warm-up included: any of these is a failed request. */
  totalSent: number;
  totalOk: number;
  non2xx: number;
  errors: number;
  /** Most events the sender was behind its schedule (all connections busy), in the window. */
  maxBacklog: number;
  perSecond: number[];
}

/** 80 % new dedup keys, 20 % repeats of the last 4,096; severities mixed. Nothing on that service pages. */
function backgroundBodies(routingKey: string, seed: number): () => string {
  const random = rng(seed);
  const severities = ['critical', 'error', 'warning', 'warning', 'info'];
  const recent: string[] = [];
  let n = 0;
  return () => {
    let key = recent.length > 0 && random() < 0.2 ? recent[Math.floor(random() * recent.length)] : undefined;
    if (!key) {
      n += 1;
      key = `bg-${n.toString(36)}`;
      if (recent.length < 4096) recent.push(key);
      else recent[n % 4096] = key;
    }
    return JSON.stringify({
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: key,
      payload: {
        summary: `background: queue depth above threshold (${key})`,
        source: `host-${n % 200}.bench.internal`,
        severity: severities[Math.floor(random() * severities.length)],
        custom_details: { region: 'bench-1' },
      },
    });
  };
}

/**
 * Child-process side: sends `rate` events/s on a steady schedule (not autocannon's `overallRate`,
 * which sends each second's quota in a burst at the top of the second). Prints START, counts from
 * MARK on stdin, stops at STOP (or when stdin closes) and prints `RESULT <json>`.
 */
async function runBackgroundWorker(spec: BackgroundSpec): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const url = new URL('/v2/enqueue', spec.base);
  const next = backgroundBodies(spec.routingKey, spec.seed);
  const start = performance.now();
  let sent = 0;
  let inFlight = 0;
  let stopping = false;
  const total = { ok: 0, non2xx: 0, errors: 0 };
  let win = { at: start, answered: 0, ok: 0, maxBacklog: 0, latencies: [] as number[], perSecond: [] as number[] };
  let stoppedAt = 0;
  const answered = (status: number, t0: number) => {
    inFlight--;
    const ok = status >= 200 && status < 300;
    if (ok) total.ok++;
    else if (status) total.non2xx++;
    else total.errors++;
    if (stoppedAt) return;
    const now = performance.now();
    win.answered++;
    if (ok) {
      win.ok++;
      const second = Math.floor((now - win.at) / 1000);
      while (win.perSecond.length <= second) win.perSecond.push(0);
      win.perSecond[second] = (win.perSecond[second] ?? 0) + 1;
    }
    win.latencies.push(now - t0);
  };
  const send = () => {
    sent++;
    inFlight++;
    const body = next();
    const t0 = performance.now();
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => answered(res.statusCode ?? 0, t0));
      },
    );
    req.on('error', () => answered(0, t0));
    req.end(body);
  };
  const finished = new Promise<void>((done) => {
    const tick = () => {
      if (stopping) return done();
      const due = Math.floor(((performance.now() - start) / 1000) * spec.rate);
      while (sent < due && inFlight < spec.connections) send();
      win.maxBacklog = Math.max(win.maxBacklog, due - sent);
      if (performance.now() - start > spec.maxSeconds * 1000) stopping = true;
      setTimeout(tick, 1);
    };
    tick();
  });
  process.stdout.write('START\n');
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line === 'MARK') win = { at: performance.now(), answered: 0, ok: 0, maxBacklog: 0, latencies: [], perSecond: [] };
    if (line === 'STOP') stopping = true;
  });
  input.on('close', () => (stopping = true));
  await finished;
  stoppedAt = performance.now();
  const deadline = stoppedAt + 5_000;
  while (inFlight > 0 && performance.now() < deadline) await sleep(10);
  const seconds = (stoppedAt - win.at) / 1000;
  const sorted = Float64Array.from(win.latencies).sort();
  const out: BackgroundResult = {
    seconds,
    answered: win.answered,
    ok: win.ok,
    rate: win.ok / seconds,
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 },
    totalSent: sent,
    totalOk: total.ok,
    non2xx: total.non2xx,
    errors: total.errors + inFlight,
    maxBacklog: win.maxBacklog,
    perSecond: win.perSecond.slice(0, Math.floor(seconds)),
  };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
  input.close();
  agent.destroy();
}

export interface Background {
  child: ChildProcess;
  sampler: ProcessSampler;
  mark(): void;
  stop(): Promise<BackgroundResult>;
}

export async function startBackground(spec: BackgroundSpec): Promise<Background> {
  const child = track(spawn(process.execPath, [SELF, JSON.stringify(spec)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-16_000)));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let result: BackgroundResult | null = null;
  const started = new Promise<void>((done, fail) => {
    lines.on('line', (line) => {
      if (line === 'START') done();
      else if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as BackgroundResult;
    });
    child.once('exit', (code) => fail(new Error(`background sender exited (${code}) before it started:\n${stderr}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await started;
  const sampler = new ProcessSampler(child.pid as number);
  return {
    child,
    sampler,
    mark: () => {
      child.stdin?.write('MARK\n');
      sampler.mark();
    },
    stop: async () => {
      child.stdin?.end('STOP\n');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
      sampler.stop();
      if (!result) throw new Error(`background sender gave no result (exit ${child.exitCode ?? child.signalCode}):\n${stderr}`);
      return result;
    },
  };
}

// Run as a program: the sender itself.
if (process.argv[1] === SELF) {
  runBackgroundWorker(JSON.parse(process.argv[2] ?? '{}') as BackgroundSpec).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`background sender: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
