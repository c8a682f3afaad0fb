// The result table of bench/status.ts, and the shapes of what it measured.

import { existsSync } from 'node:fs';
import type { BackgroundResult } from './background.js';
import type { BareKind } from './bare-status.js';
import { STEADY_AFTER_S, type GetLoadRun, type LoadTool } from './get-load.js';
import { fmt, meanOf, metricTable, ms, percentile, type Usage, type machineDescription } from './harness.js';
import type { StatusSetup } from './status-setup.js';

export const TARGETS = { rps: 20_000, p99Ms: 20, updateMs: 1000 };

export interface Options {
  duration: number;
  connections: number;
  backgroundRate: number;
  backgroundConnections: number;
  warmup: number;
  updates: number;
  variantSeconds: number;
  calibrate: boolean;
  calibrateSeconds: number;
  loader: 'auto' | LoadTool;
  wrk: string;
  json: string | null;
  keep: boolean;
  profile: string | null;
  /** Serve the readers from the server's status processes (FENGHUO_STATUS_PORT): auto = when the server has them. */
  statusPort: 'auto' | 'on' | 'off';
  statusProcesses: number;
  /** FENGHUO_STATUS_FAST_PATH of those processes. */
  fastPath: boolean;
}

/** Who answered the readers: the main server, or its status processes on their own port. */
export interface Served {
  by: 'main' | 'status';
  processes: number;
  fastPath: boolean;
}

export interface UpdateSample {
  /** POST …/updates: request written → 201 read. */
  apiMs: number;
  /** 201 read → the first answer with the new text read; null: not within the timeout. */
  htmlMs: number | null;
  jsonMs: number | null;
  polls: number;
  /** The HTML load was still running when the update was read. */
  underLoad: boolean;
}

export interface InvalidationPhase {
  samples: UpdateSample[];
  load: GetLoadRun | null;
  bench: Usage;
}

export interface Variant {
  load: GetLoadRun;
  /** When the sender's measured window began (CLOCK_MONOTONIC µs). */
  markUs: number;
  /** The page's version before the sender started, when the load started, when it ended. */
  versions: { initial: number; before: number; after: number };
  background: BackgroundResult;
  sender: Usage;
}

export interface Calibration {
  kind: BareKind;
  html: GetLoadRun;
  json: GetLoadRun;
}

export interface Representation {
  path: string;
  bytes: number;
  /** What the bench's reader was sent: its Content-Encoding and size; null when it was the plain bytes. */
  compressed: { encoding: string; bytes: number } | null;
}

export interface Report {
  machine: ReturnType<typeof machineDescription>;
  options: Options;
  served: Served;
  tool: LoadTool;
  setup: StatusSetup['counts'];
  html: Representation;
  json: Representation;
  htmlRun: GetLoadRun;
  jsonRun: GetLoadRun;
  invalidation: InvalidationPhase;
  background: BackgroundResult | null;
  /** When the sender's measured window began (CLOCK_MONOTONIC µs). */
  backgroundMarkUs: number;
  backgroundSender: Usage | null;
  variant: Variant | null;
  calibration: Calibration[];
  serverHwmMb: number | null;
  failures: string[];
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

/** Background events answered 2xx per second during a load: the sender's whole seconds inside the load's window. */
function backgroundRateDuring(bg: BackgroundResult, markUs: number, window: { fromUs: number; toUs: number }): number {
  const from = Math.max(0, Math.ceil((window.fromUs - markUs) / 1e6));
  const to = Math.min(bg.perSecond.length, Math.floor((window.toUs - markUs) / 1e6));
  return meanOf(bg.perSecond.slice(from, to));
}

/** What a reader of `r` was sent, e.g. `br 6.0 KB`, or `sent plain`. */
export function sent(r: Representation): string {
  return r.compressed === null ? 'sent plain' : `${r.compressed.encoding} ${fmt(r.compressed.bytes / 1024, 1)} KB`;
}

export function table(r: Report): string {
  const rows: Array<[string, string, string, string]> = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const cores = (u: Usage | null) => fmt(u?.cores, 2);
  const bgCores = r.backgroundSender?.cores ?? 0;
  const statusCores = (run: GetLoadRun) => run.extra.reduce((sum, u) => sum + (u.cores ?? 0), 0);
  const others = (run: GetLoadRun, extra: number) =>
    run.machineCores - (run.target.cores ?? 0) - statusCores(run) - (run.loader.cores ?? 0) - extra;
  const serverCpuRow = (run: GetLoadRun): [string, string, string, string] =>
    r.served.by === 'status'
      ? [
          '  main server CPU / status processes CPU (cores, mean) / their peak RSS',
          `${cores(run.target)} / ${run.extra.map(cores).join(' + ')} / ${run.extra.map((u) => fmt(u.peakRssMb)).join(' + ')} MB`,
          '',
          '',
        ]
      : ['  server CPU (cores, mean) / peak RSS', `${cores(run.target)} / ${fmt(run.target.peakRssMb)} MB`, '', ''];
  const kb = (n: number | null) => (n === null ? 'n/a' : `${fmt(n / 1024, 1)} KB`);
  const loadRows = (
    run: GetLoadRun,
    title: string,
    extraCores: number,
    withTargets: boolean,
    bg: { result: BackgroundResult; markUs: number } | null,
  ) => {
    const x = run.result;
    rows.push([title, '', '', '']);
    rows.push([
      `  requests/s (${fmt(r.options.connections)} conns, ${fmt(x.seconds, 1)} s)`,
      fmt(x.rps),
      withTargets ? `≥ ${fmt(TARGETS.rps)}` : '',
      withTargets ? verdict(x.rps >= TARGETS.rps) : '',
    ]);
    if (x.perSecond.length >= 10)
      rows.push([
        '  first 5 s / last 5 s (requests/s)',
        `${fmt(meanOf(x.perSecond.slice(0, 5)))} / ${fmt(meanOf(x.perSecond.slice(-5)))}`,
        '',
        '',
      ]);
    rows.push([
      '  latency p50 / p99 / max (ms)',
      `${ms(x.latencyMs.p50)} / ${ms(x.latencyMs.p99)} / ${ms(x.latencyMs.max)}`,
      withTargets ? `p99 < ${TARGETS.p99Ms}` : '',
      withTargets ? verdict(x.latencyMs.p99 < TARGETS.p99Ms) : '',
    ]);
    if (x.steadyMs)
      rows.push([
        `  the same without the first ${STEADY_AFTER_S} s (new connections)`,
        `${ms(x.steadyMs.p50)} / ${ms(x.steadyMs.p99)} / ${ms(x.steadyMs.max)}`,
        withTargets ? `p99 < ${TARGETS.p99Ms}` : '',
        withTargets ? verdict(x.steadyMs.p99 < TARGETS.p99Ms) : '',
      ]);
    rows.push([
      '  non-2xx / errors / timeouts',
      `${fmt(x.non2xx)} / ${fmt(x.errors)} / ${fmt(x.timeouts)}`,
      '0',
      verdict(!x.non2xx && !x.errors && !x.timeouts),
    ]);
    rows.push(['  bytes read per answer (headers included)', fmt(x.bytesPerAnswer), '', '']);
    if (bg) {
      const rate = backgroundRateDuring(bg.result, bg.markUs, run.window);
      rows.push([
        '  background events/s meanwhile (2xx, whole seconds)',
        fmt(rate),
        `≥ ${fmt(r.options.backgroundRate * 0.98)}`,
        rate >= r.options.backgroundRate * 0.98 ? 'met' : 'LOW',
      ]);
    }
    rows.push(serverCpuRow(run));
    rows.push([
      `  load generator CPU${extraCores ? ' / background sender' : ''} / rest of machine (cores)`,
      `${cores(run.loader)}${extraCores ? ` / ${fmt(extraCores, 2)}` : ''} / ${fmt(others(run, extraCores), 2)}`,
      '',
      '',
    ]);
  };
  const bgNote = r.background ? `, ${fmt(r.options.backgroundRate)} events/s into ingest (not on the page)` : ', no background load';
  const bg = r.background ? { result: r.background, markUs: r.backgroundMarkUs } : null;
  loadRows(r.htmlRun, `HTML: GET ${r.html.path} (zh-CN, gzip)${bgNote}`, bgCores, true, bg);
  loadRows(r.jsonRun, `JSON: GET ${r.json.path} (gzip)${bgNote}`, bgCores, true, bg);

  const inv = r.invalidation;
  if (inv.samples.length) {
    rows.push([`Update → readers: ${fmt(inv.samples.length)} public updates, each polled until its text shows`, '', '', '']);
    const statsOf = (xs: Array<number | null>) => {
      const seen = xs.filter((x): x is number => x !== null);
      const sorted = Float64Array.from(seen).sort();
      return {
        min: sorted[0] ?? NaN,
        p50: percentile(sorted, 50),
        max: sorted[sorted.length - 1] ?? NaN,
        missing: xs.length - seen.length,
      };
    };
    for (const [label, values] of [
      ['HTML', inv.samples.map((s) => s.htmlMs)],
      ['summary.json', inv.samples.map((s) => s.jsonMs)],
    ] as const) {
      const st = statsOf(values);
      rows.push([
        `  ${label}: API 201 → new text read, min / p50 / max (ms)`,
        `${ms(st.min)} / ${ms(st.p50)} / ${ms(st.max)}${st.missing ? ` (${st.missing} not seen)` : ''}`,
        `≤ ${fmt(TARGETS.updateMs)}`,
        verdict(!st.missing && st.max <= TARGETS.updateMs),
      ]);
    }
    const api = statsOf(inv.samples.map((s) => s.apiMs));
    rows.push(['  POST …/updates itself p50 / max (ms)', `${ms(api.p50)} / ${ms(api.max)}`, '', '']);
    rows.push([
      '  updates read while the load ran / polls per update',
      `${inv.samples.filter((s) => s.underLoad).length} / ${fmt(meanOf(inv.samples.map((s) => s.polls)), 1)}`,
      '',
      '',
    ]);
    if (inv.load) {
      const x = inv.load.result;
      rows.push(['  HTML meanwhile: requests/s; p50 / p99 (ms)', `${fmt(x.rps)}; ${ms(x.latencyMs.p50)} / ${ms(x.latencyMs.p99)}`, '', '']);
      if (r.background)
        rows.push([
          '  background events/s meanwhile (2xx, whole seconds)',
          fmt(backgroundRateDuring(r.background, r.backgroundMarkUs, inv.load.window)),
          '',
          '',
        ]);
      rows.push([
        '  HTML meanwhile: non-2xx / errors / timeouts',
        `${fmt(x.non2xx)} / ${fmt(x.errors)} / ${fmt(x.timeouts)}`,
        '0',
        verdict(!x.non2xx && !x.errors && !x.timeouts),
      ]);
      const status = r.served.by === 'status' ? ` / ${inv.load.extra.map(cores).join(' + ')}` : '';
      rows.push([
        `  server CPU${status ? ' / status processes CPU' : ''} / bench process CPU (cores)`,
        `${cores(inv.load.target)}${status} / ${cores(inv.bench)}`,
        '',
        '',
      ]);
    }
  }

  if (r.background) {
    const b = r.background;
    rows.push(['Background ingest (PagerDuty, a service not on the page), over the three loads', '', '', '']);
    rows.push([
      '  events/s (2xx, measured window)',
      `${fmt(b.rate)} (${fmt(b.ok)} in ${fmt(b.seconds, 1)} s)`,
      `≥ ${fmt(r.options.backgroundRate * 0.98)}`,
      b.rate >= r.options.backgroundRate * 0.98 ? 'met' : 'LOW',
    ]);
    rows.push(['  latency p50 / p99 / max (ms)', `${ms(b.latencyMs.p50)} / ${ms(b.latencyMs.p99)} / ${ms(b.latencyMs.max)}`, '', '']);
    rows.push([
      '  non-2xx / errors (whole run)',
      `${fmt(b.non2xx)} / ${fmt(b.errors)} of ${fmt(b.totalSent)}`,
      '0',
      verdict(!b.non2xx && !b.errors),
    ]);
    rows.push(['  sender CPU (cores) / most behind schedule', `${fmt(bgCores, 2)} / ${fmt(b.maxBacklog)} events`, '', '']);
  }
  if (r.variant) {
    const v = r.variant;
    loadRows(
      v.load,
      `Variant: HTML while the ${fmt(r.options.backgroundRate)} events/s go to a service ON the page`,
      v.sender.cores ?? 0,
      false,
      { result: v.background, markUs: v.markUs },
    );
    rows.push([
      '  page version: before the sender / load start / load end',
      `${v.versions.initial} / ${v.versions.before} / ${v.versions.after}`,
      '',
      '',
    ]);
    rows.push([
      '  background non-2xx / errors',
      `${fmt(v.background.non2xx)} / ${fmt(v.background.errors)}`,
      '0',
      verdict(!v.background.non2xx && !v.background.errors),
    ]);
  }
  if (r.calibration.length) {
    rows.push(['Calibration: the same bytes from a server that does nothing else; no background', '', '', '']);
    const name: Record<BareKind, string> = { node: 'node:http', fastify: 'Fastify', 'fastify-hooks': 'Fastify + hooks like ours' };
    for (const c of r.calibration) {
      const line = (run: GetLoadRun) =>
        `${fmt(run.result.rps)}; ${ms(run.result.latencyMs.p99)} ms; ${cores(run.target)} / ${cores(run.loader)} / ${fmt(others(run, 0), 2)}`;
      rows.push([`  ${name[c.kind]}: HTML req/s; p99; CPU server / loader / rest`, line(c.html), '', '']);
      rows.push([`  ${name[c.kind]}: JSON req/s; p99; CPU server / loader / rest`, line(c.json), '', '']);
    }
  }
  rows.push(['Server', '', '', '']);
  rows.push(['  peak RSS (VmHWM, whole run)', `${fmt(r.serverHwmMb)} MB`, '', '']);

  const busy =
    [r.htmlRun, r.jsonRun].some((run) => others(run, bgCores) > 0.3) ||
    r.calibration.some((c) => others(c.html, 0) > 0.3 || others(c.json, 0) > 0.3);
  const s = r.setup;
  return [
    `Fenghuo status page bench — ${r.machine.nproc} × ${r.machine.model}, Node ${r.machine.node}, Linux ${r.machine.kernel}`,
    `Code: ${r.machine.git}`,
    `Page: ${s.components} components in 5 groups (one service each), ${s.internalIncidents} internal incidents and ${s.pastPosts} public posts in 90 days, ` +
      `1 open post, ${s.maintenances} maintenances. HTML ${kb(r.html.bytes)} (${sent(r.html)}), summary.json ${kb(r.json.bytes)} (${sent(r.json)}).`,
    r.served.by === 'status'
      ? `Readers served by: ${r.served.processes} status process(es) of the server on their own port (FENGHUO_STATUS_PORT), fast path ${r.served.fastPath ? 'on' : 'off'}; ingest and the API on the main port.`
      : 'Readers served by: the main server (/status/* on its API port), which also takes the ingest.',
    `Load generator: ${r.tool === 'wrk' ? `wrk (${r.options.wrk}, 1 thread)` : `autocannon (${existsSync(r.options.wrk) ? 'chosen' : `${r.options.wrk} not installed`})`}, in its own process.`,
    ...(busy
      ? ['WARNING: other processes used more than 0.3 cores during a measured load: the numbers are low; rerun on a quiet machine.']
      : []),
    ...(r.options.profile ? ['NOTE: the server ran under --cpu-prof: the numbers are lower than without it.'] : []),
    '',
    ...metricTable(rows),
    '',
    r.failures.length ? `FAILED:\n${r.failures.map((f) => `  - ${f}`).join('\n')}` : 'Every request answered 2xx; every update showed up.',
  ].join('\n');
}
