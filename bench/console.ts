// bench:console — how fast the operator console shows the first page of its two big lists, in a
// real Chromium, against the real server holding 100,000 incidents and 10,000 monitors.
//
//   npm run bench:console                      # seed (≈ 1–2 min), then measure
//   npm run bench:console -- --keep            # keep the data dir; its path is printed
//   npm run bench:console -- --reuse DIR       # measure a data dir seeded before (no seeding)
//   … --new-window | --cold-server | --timings | --trace FILE   (see parseOptions and docs/benchmarks.md)
//
// Seeding goes through the public API, as production data would arrive: incidents from
// Alertmanager webhooks (1,000 alerts a request, each its own incident, then resolved, except the
// last batch, which stays open), monitors one POST each (the scheduler is off: they never run).
// Measured per list: navigation start → the first row on screen (a MutationObserver inside the
// page notes performance.now() when the first row link appears), cold (the first visit, in a new
// browser context: empty cache, nothing compiled; the browser itself has already drawn a page, see
// warmBrowser) and warm (later visits, median/max of --runs), plus how many rows are in the DOM. A
// visit ends once its requests have finished, so each starts on an idle server.
//
// Each visit is typed into a tab that is already open (a new tab, settled on about:blank), as a
// person opens the console from a browser window they have. With --new-window the address is
// opened in a new window instead, and the figure then also holds Chromium starting that window:
// in this headless Chromium every new window starts its own address-bar renderer (the WebUI at
// chrome://omnibox-popup.top-chrome), which a trace showed busy ~670 ms of the first 700 ms of a
// visit on the 2-core machine, competing with the console for the cores (docs/benchmarks.md).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import {
  api,
  createToken,
  fmt,
  machineCpu,
  machineDescription,
  metricTable,
  ms,
  numberOption,
  sleep,
  startFenghuo,
  stopChild,
} from './harness.js';

interface Options {
  incidents: number;
  monitors: number;
  runs: number;
  keep: boolean;
  reuse: string | null;
  newWindow: boolean;
  /** Skip the server's warm-up requests (its first answers then include Node compiling its code). */
  coldServer: boolean;
  /** Print each cold visit's resource timing (when each file and API answer was asked for and arrived). */
  timings: boolean;
  /** Write a Chromium trace of the incident list's last visit here, and print where the cores went. */
  trace: string | null;
}

const PASSWORD = 'bench-console-password';
const SERVICES = 40;
const VIEWER = 'bench-responder@fenghuo.local';
const TARGET_MS = 1_000;

function parseOptions(argv: string[]): Options {
  const o: Options = {
    incidents: 100_000,
    monitors: 10_000,
    runs: 10,
    keep: false,
    reuse: null,
    newWindow: false,
    coldServer: false,
    timings: false,
    trace: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? '';
    if (arg === '--incidents') o.incidents = numberOption(arg, value(), 1_000, 1_000_000, true);
    else if (arg === '--monitors') o.monitors = numberOption(arg, value(), 10, 100_000, true);
    else if (arg === '--runs') o.runs = numberOption(arg, value(), 1, 100, true);
    else if (arg === '--keep') o.keep = true;
    else if (arg === '--reuse') o.reuse = value();
    else if (arg === '--new-window') o.newWindow = true;
    else if (arg === '--cold-server') o.coldServer = true;
    else if (arg === '--timings') o.timings = true;
    else if (arg === '--trace') o.trace = value();
    else {
      process.stdout.write(
        'options: --incidents N (100000) --monitors N (10000) --runs N (10) --keep --reuse DIR --new-window --cold-server --timings --trace FILE\n',
      );
      process.exit(arg === '--help' ? 0 : 2);
    }
  }
  return o;
}

/** Alertmanager webhooks of 1,000 alerts: each alert its own incident (grouping window 0), resolved unless `open`. */
async function seedIncidents(base: string, token: string, count: number): Promise<void> {
  const integration = await api<{ key: string }>(base, token, 'POST', '/api/v1/integrations', {
    name: 'bench-console',
    kind: 'alertmanager',
    settings: { groupingWindowMinutes: 0 },
  });
  const url = `${base}/api/v1/integrations/${integration.key}/alertmanager`;
  const severities = ['critical', 'warning', 'error', 'info'];
  const batch = 1_000;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const alerts = (status: 'firing' | 'resolved') =>
      Array.from({ length: n }, (_, j) => {
        const i = start + j;
        return {
          status,
          labels: {
            alertname: `BenchAlert${i % 97}`,
            service: `svc-${i % SERVICES}`,
            severity: severities[i % severities.length]!,
            n: String(i),
          },
          annotations: { summary: `bench alert ${i} on svc-${i % SERVICES}` },
          startsAt: new Date().toISOString(),
          endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : new Date().toISOString(),
          generatorURL: 'http://prometheus.bench/graph',
          fingerprint: `bench${i.toString(16).padStart(12, '0')}`,
        };
      });
    const post = async (status: 'firing' | 'resolved') => {
      const body = {
        version: '4',
        groupKey: `{}:{bench="${start}"}`,
        status,
        receiver: 'fenghuo',
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://am',
        truncatedAlerts: 0,
        alerts: alerts(status),
      };
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        await res.text();
        if (res.ok) return;
        if (res.status !== 503 || attempt > 50) throw new Error(`alertmanager webhook → ${res.status}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await post('firing');
    if (start + n < count) await post('resolved');
    if ((start / batch) % 10 === 9) process.stdout.write(`  ${fmt(start + n)} incidents\n`);
  }
}

async function seedMonitors(base: string, token: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      await api(base, token, 'POST', '/api/v1/monitors', {
        name: `bench monitor ${String(i).padStart(5, '0')}`,
        serviceId: `svc-${i % SERVICES}`,
        kind: 'http',
        config: { url: `http://127.0.0.1:9/m/${i}` },
        intervalSeconds: 60,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function seed(base: string, token: string, o: Options): Promise<void> {
  // A responder to sign in as (the bootstrap admin alone would be shown the first-run screen).
  await api(base, token, 'POST', '/api/v1/users', { email: VIEWER, name: 'Bench responder', role: 'responder', password: PASSWORD });
  for (let i = 0; i < SERVICES; i++) {
    await api(base, token, 'POST', '/api/v1/services', { id: `svc-${i}`, name: `Service ${i}`, kind: 'business', payment: i === 0 });
  }
  const t0 = Date.now();
  await seedIncidents(base, token, o.incidents);
  process.stdout.write(`seeded ${fmt(o.incidents)} incidents in ${fmt((Date.now() - t0) / 1000, 1)} s\n`);
  const t1 = Date.now();
  await seedMonitors(base, token, o.monitors);
  process.stdout.write(`seeded ${fmt(o.monitors)} monitors in ${fmt((Date.now() - t1) / 1000, 1)} s\n`);
}

interface Visit {
  firstRowMs: number;
  rowsInDom: number;
  /** Resource timing of the visit: path, asked and arrived (ms since navigation start). */
  resources: Array<[string, number, number]>;
}

interface VisitOptions {
  newWindow: boolean;
  /** Trace the visit into this file (Chromium's devtools.timeline and loading categories). */
  trace?: string;
}

/** Until the machine's cores are idle (under a quarter busy over 100 ms), at least 200 ms and at most 3 s. */
async function settle(): Promise<void> {
  await sleep(100);
  for (const deadline = Date.now() + 3_000; Date.now() < deadline;) {
    const start = machineCpu();
    await sleep(100);
    const end = machineCpu();
    if (end.total > start.total && (end.busy - start.busy) / (end.total - start.total) < 0.25) return;
  }
}

/**
 * Opens `pathname` in a tab (one already open and settled on about:blank, or with `newWindow` a
 * new window) and returns when its first row link appeared (performance.now(), i.e. since
 * navigation start).
 */
async function visit(context: BrowserContext, base: string, pathname: string, rowSelector: string, v: VisitOptions): Promise<Visit> {
  const page = await context.newPage();
  try {
    if (!v.newWindow) {
      await page.goto('about:blank');
      await settle();
    }
    // A string, not a function: this file is compiled without the DOM's types.
    await page.addInitScript({
      content: `(() => {
        let seen;
        window.__firstRowSeen = new Promise((resolve) => (seen = resolve));
        const observer = new MutationObserver(() => {
          if (window.__firstRow === undefined && document.querySelector(${JSON.stringify(rowSelector)})) {
            window.__firstRow = performance.now();
            observer.disconnect();
            seen(window.__firstRow);
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      })();`,
    });
    // Requests of this visit still running (the event stream aside, which never ends): the visit
    // ends when they have, so that the next visit starts on an idle server, as a person's next
    // click would (the monitor list's whole-list answer is megabytes, still in flight at the first row).
    const inFlight = new Set<unknown>();
    page.on('request', (r) => {
      if (!r.url().includes('/api/v1/events')) inFlight.add(r);
    });
    page.on('requestfinished', (r) => inFlight.delete(r));
    page.on('requestfailed', (r) => inFlight.delete(r));
    const browser = context.browser();
    if (v.trace && browser) await browser.startTracing(page, { path: v.trace, categories: ['devtools.timeline', 'loading'] });
    // Nothing of Playwright's runs in the page until the first row is there: its selector engine
    // (what waitForSelector injects) costs the page's main thread ~80 ms, which is not the console's.
    await page.goto(`${base}${pathname}`, { waitUntil: 'commit' });
    const firstRowMs = await Promise.race([
      page.evaluate<number>('window.__firstRowSeen'),
      sleep(30_000).then(() => Promise.reject(new Error(`${pathname}: no row within 30 s`))),
    ]);
    if (v.trace && browser) await browser.stopTracing();
    const rowsInDom = await page.locator(rowSelector).count();
    const resources = await page.evaluate<Array<[string, number, number]>>(
      `performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd)])`,
    );
    for (const deadline = Date.now() + 15_000; inFlight.size > 0 && Date.now() < deadline;) await sleep(20);
    return { firstRowMs, rowsInDom, resources };
  } finally {
    await page.close();
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string } };
}

/**
 * Where the cores went during a traced visit, from navigation (the console page's request) to its
 * first row: each thread's busy time (top-level trace events, so a thread waiting for a core is
 * counted as busy: on two cores the sum can exceed the wall time), and the browser's own pages
 * (chrome://) that were loading meanwhile.
 */
function summariseTrace(file: string, pathname: string, firstRowMs: number): string[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [key(e), e.args?.name ?? '?']));
  const sent = events.filter((e) => e.name === 'ResourceSendRequest');
  const start = sent.find((e) => new URL(e.args?.data?.url ?? 'about:blank').pathname === pathname)?.ts;
  if (start === undefined) return [`trace ${file}: the request for ${pathname} is not in it`];
  const end = start + firstRowMs * 1000;
  const busy = new Map<string, number>();
  const lastEnd = new Map<string, number>();
  for (const e of events.filter((x) => x.ph === 'X' && x.dur !== undefined).sort((a, b) => a.ts - b.ts)) {
    const k = key(e);
    const eventEnd = e.ts + (e.dur ?? 0);
    if (e.ts < (lastEnd.get(k) ?? -1)) continue; // nested in the thread's current top-level event
    lastEnd.set(k, eventEnd);
    const overlap = Math.min(eventEnd, end) - Math.max(e.ts, start);
    if (overlap > 0) busy.set(k, (busy.get(k) ?? 0) + overlap);
  }
  const webUi = new Set(
    sent
      .filter((e) => e.ts >= start && e.ts <= end && (e.args?.data?.url ?? '').startsWith('chrome://'))
      .map((e) => new URL(e.args?.data?.url ?? 'chrome://?').host),
  );
  return [
    `trace ${file}: navigation → first row ${ms(firstRowMs)} ms; busy per thread meanwhile (ms):`,
    ...[...busy]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, us]) => `  ${ms(us / 1000).padStart(6)}  ${names.get(k) ?? '?'} (${k})`),
    `  browser pages loading meanwhile: ${webUi.size > 0 ? [...webUi].join(', ') : 'none'}`,
  ];
}

/**
 * Has the browser draw one page of Chinese and English text in a context of its own, so that what
 * a browser does once per process (its first renderer, loading the CJK font) is not counted as
 * the console's: the cold visit that follows is a first visit (empty cache, nothing compiled) in a
 * browser that is already running, as a person's first visit is.
 */
async function warmBrowser(browser: Browser): Promise<void> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.setContent('<main><h1>烽火 Fenghuo</h1><p>一级 二级 三级 四级 — 事件 监控 值班</p></main>');
  // Two frames: the text has been laid out and painted.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  await context.close();
}

async function measure(browser: Browser, base: string, o: Options) {
  await warmBrowser(browser);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const login = await context.request.post(`${base}/api/v1/auth/login`, { data: { email: VIEWER, password: PASSWORD } });
  if (!login.ok()) throw new Error(`sign-in → ${login.status()}`);
  // The server (started by this bench) answers each kind of request once before the browser asks:
  // a server that has just started compiles its code on its first requests (see --cold-server
  // --timings), which is Node's start-up, not the console's first page. The browser stays cold:
  // these go through the context's API client, not a page.
  const warmUps = o.coldServer
    ? []
    : ['/incidents', '/api/v1/incidents?limit=50', '/api/v1/services?limit=200', '/api/v1/monitors?limit=200'];
  for (const warmUp of warmUps) {
    const answer = await context.request.get(`${base}${warmUp}`, {
      headers: { accept: warmUp.startsWith('/api') ? 'application/json' : 'text/html' },
    });
    if (!answer.ok()) throw new Error(`warm-up ${warmUp} → ${answer.status()}`);
  }
  const lists = [
    { name: 'incidents', pathname: '/incidents', row: 'main a[href^="/incidents/"]' },
    { name: 'monitors', pathname: '/monitors', row: 'main a[href^="/monitors/"]' },
  ] as const;
  const results = [];
  for (const list of lists) {
    const visits: Visit[] = [];
    for (let i = 0; i <= o.runs; i++) {
      const trace = o.trace !== null && list.name === 'incidents' && i === o.runs ? o.trace : undefined;
      visits.push(await visit(context, base, list.pathname, list.row, { newWindow: o.newWindow, ...(trace ? { trace } : {}) }));
    }
    const [cold, ...warm] = visits;
    if (o.trace !== null && list.name === 'incidents') {
      const traced = visits[visits.length - 1]!;
      process.stdout.write(`${summariseTrace(o.trace, list.pathname, traced.firstRowMs).join('\n')}\n`);
    }
    if (o.timings) {
      process.stdout.write(`${list.name}, cold visit: first row at ${ms(cold!.firstRowMs)} ms; resources (asked → arrived, ms):\n`);
      for (const [name, asked, arrived] of cold!.resources)
        process.stdout.write(`  ${String(asked).padStart(5)} → ${String(arrived).padStart(5)}  ${name}\n`);
    }
    const sorted = warm.map((v) => v.firstRowMs).sort((a, b) => a - b);
    results.push({
      ...list,
      cold: cold!,
      warmMedian: sorted[Math.floor(sorted.length / 2)]!,
      warmMax: sorted[sorted.length - 1]!,
      rows: cold!.rowsInDom,
    });
  }
  await context.close();
  return results;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const dataDir = o.reuse ?? mkdtempSync(path.join(tmpdir(), 'fenghuo-bench-console-'));
  const server = await startFenghuo(dataDir, PASSWORD, [], () => ({ FENGHUO_PAGING: 'off', FENGHUO_MONITORS: 'off' }));
  let browser: Browser | null = null;
  try {
    if (!o.reuse) await seed(server.base, createToken(dataDir, PASSWORD), o);
    browser = await launchChromium();
    const results = await measure(browser, server.base, o);
    const m = machineDescription();
    const rows = results.flatMap((r) => {
      const met = r.cold.firstRowMs < TARGET_MS && r.warmMax < TARGET_MS ? 'met' : 'MISSED';
      return [
        [
          `${r.name}: first row, cold visit (ms)`,
          ms(r.cold.firstRowMs),
          `< ${TARGET_MS}`,
          r.cold.firstRowMs < TARGET_MS ? 'met' : 'MISSED',
        ],
        [`${r.name}: first row, warm median / max of ${o.runs} (ms)`, `${ms(r.warmMedian)} / ${ms(r.warmMax)}`, `< ${TARGET_MS}`, met],
        [`${r.name}: row links in the DOM`, String(r.rows), '', ''],
      ] as const;
    });
    process.stdout.write(
      [
        '',
        `Fenghuo console bench — ${m.nproc} × ${m.model}, Node ${m.node}, Chromium (Debian), SQLite`,
        `Code: ${m.git}; ${fmt(o.incidents)} incidents, ${fmt(o.monitors)} monitors${o.reuse ? ` (reused ${o.reuse})` : ''}`,
        o.newWindow ? 'Each visit in a new window (its start-up counted)' : 'Each visit typed into an open tab',
        '',
        ...metricTable(rows),
        '',
      ].join('\n'),
    );
    if (o.keep && !o.reuse) process.stdout.write(`data dir kept: ${dataDir}\n`);
  } finally {
    await browser?.close();
    await stopChild(server.child);
    if (!o.keep && !o.reuse) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:console: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
