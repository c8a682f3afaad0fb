// Shared by the benches (ingest, paging): the machine and the code measured, the server as a
// child process on a temporary data dir, /proc sampling of CPU and memory, and the result table.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'fenghuo.js');

/** A deterministic generator (xorshift32) so the same seed gives the same workload. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** A numeric command-line option in [min, max] (integers only when `integer`), or an error naming it. */
export function numberOption(name: string, value: string, min: number, max: number, integer = false): number {
  const n = Number(value);
  if (!(integer ? Number.isInteger(n) : Number.isFinite(n)) || n < min || n > max) {
    throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got "${value}"`);
  }
  return n;
}

export const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
export const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || !Number.isFinite(n)
    ? 'n/a'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));

export function machineDescription(): { nproc: number; model: string; node: string; kernel: string; git: string } {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  let kernel = 'unknown';
  try {
    kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  } catch {
    // not Linux
  }
  let git = 'unknown';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean).length;
    git = `commit ${head}${dirty ? `, ${dirty} uncommitted file(s) under src/` : ', src/ clean'}`;
  } catch {
    // not a git checkout
  }
  return { nproc: availableParallelism(), model, node: process.version, kernel, git };
}

// ---------------------------------------------------------------------------
// /proc sampling
// ---------------------------------------------------------------------------

let clockTicks: number | null = null;
/** Kernel clock ticks per second (the unit of /proc/<pid>/stat times), asked once. */
function clkTck(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100; // Linux's usual value
    }
  }
  return clockTicks;
}

/** utime + stime of a process, in seconds (all its threads). */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 (state) is index 0: utime is field 14 → index 11, stime 15 → 12.
    return (Number(fields[11]) + Number(fields[12])) / clkTck();
  } catch {
    return null;
  }
}

export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Busy and total CPU seconds of the whole machine (from /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / clkTck(), total: total / clkTck() };
}

export interface Usage {
  /** Mean CPU cores used over the phase. */
  cores: number | null;
  /** Highest VmRSS seen by the 1 s sampler, MB. */
  peakRssMb: number | null;
}

/** Samples one process every second; `window()` gives CPU over [mark, now] and the peak RSS seen meanwhile. */
export class ProcessSampler {
  private timer: NodeJS.Timeout;
  private peakKb = 0;
  private startCpu: number | null = null;
  private startAt = 0;
  readonly series: Array<{ t: number; cores: number; rssMb: number }> = [];
  private last: { t: number; cpu: number } | null = null;

  constructor(readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
    this.mark();
  }

  private sample(): void {
    const cpu = cpuSeconds(this.pid);
    const rss = statusKb(this.pid, 'VmRSS');
    const t = performance.now();
    if (rss !== null) this.peakKb = Math.max(this.peakKb, rss);
    if (cpu !== null && rss !== null) {
      if (this.last) this.series.push({ t, cores: (cpu - this.last.cpu) / ((t - this.last.t) / 1000), rssMb: rss / 1024 });
      this.last = { t, cpu };
    }
  }

  mark(): void {
    this.sample();
    this.peakKb = statusKb(this.pid, 'VmRSS') ?? 0;
    this.startCpu = cpuSeconds(this.pid);
    this.startAt = performance.now();
  }

  window(): Usage {
    this.sample();
    const cpu = cpuSeconds(this.pid);
    const seconds = (performance.now() - this.startAt) / 1000;
    return {
      cores: cpu !== null && this.startCpu !== null && seconds > 0 ? (cpu - this.startCpu) / seconds : null,
      peakRssMb: this.peakKb ? this.peakKb / 1024 : null,
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => done(port));
    });
  });
}

/** Live processes whose parent is `pid` (from /proc), e.g. the server's status processes. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => a - b);
}

export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitReady(url: string, child: ChildProcess, output: () => string, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`process exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${seconds} s:\n${output()}`);
    await sleep(100);
  }
}

export function collect(child: ChildProcess, limit = 64 * 1024): () => string {
  let out = '';
  const add = (d: Buffer) => {
    out += d.toString();
    if (out.length > limit) out = out.slice(-limit);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => out;
}

export interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
}

/**
 * Starts `fenghuo serve` on 127.0.0.1 and a free port, logging at warn; `extraEnv` gets the base
 * URL (e.g. for FENGHUO_PUBLIC_URL) and may add or override variables.
 */
export async function startFenghuo(
  dataDir: string,
  password: string,
  nodeArgs: string[],
  extraEnv: (base: string) => NodeJS.ProcessEnv = () => ({}),
  readySeconds = 30,
): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FENGHUO_PORT: String(port),
    FENGHUO_HOST: '127.0.0.1',
    FENGHUO_DATA_DIR: dataDir,
    FENGHUO_LOG_LEVEL: 'warn',
    FENGHUO_ADMIN_PASSWORD: password,
    ...extraEnv(base),
  };
  delete env.NODE_OPTIONS;
  const child = track(spawn(process.execPath, [...nodeArgs, BIN, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const output = collect(child);
  await waitReady(`${base}/readyz`, child, output, readySeconds);
  return { base, child, output };
}

export function createToken(dataDir: string, password: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, FENGHUO_DATA_DIR: dataDir, FENGHUO_LOG_LEVEL: 'warn', FENGHUO_ADMIN_PASSWORD: password };
  delete env.NODE_OPTIONS;
  return execFileSync(process.execPath, [BIN, 'token', 'create', '--name', 'bench', '--role', 'admin'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  }).trim();
}

export async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Rows of [metric, result, target, verdict] as a Markdown table, columns padded to line up. */
export function metricTable(rows: ReadonlyArray<readonly [string, string, string, string]>): string[] {
  const header = ['metric', 'result', 'target', ''] as const;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((row) => line(row))];
}
