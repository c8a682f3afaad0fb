// `npm run bench:paging` — how fast a page reaches the on-call person (the paging-latency issue).
//
// Starts the real server (`node bin/fenghuo.js serve`) on a temporary SQLite data dir, with a
// webhook receiver of its own on 127.0.0.1, and sets up over the API: one responder whose only
// contact method is that webhook (rule at 0 minutes), on call 24/7 in a schedule, an escalation
// policy whose first step is the schedule, a service with that policy and a PagerDuty integration
// bound to it with `groupingWindowMinutes: 0` (every new alert opens its own incident); and a
// second service without a policy, with its own integration, for the background load.
//   warm-up  a few measured-style events, results discarded;
//   idle     N events, one at a time: send a trigger, wait for its 202 and for its page, resolve
//            the incident over the API (so the paged service never piles up open incidents), wait
//            a short random gap, next;
//   load     the same while a paced sender in its own process (bench/background.ts) posts R
//            PagerDuty events/s to the second integration (new dedup keys, a share of repeats;
//            nothing there pages).
// Per event: t0 just before the trigger is written (keep-alive socket), t_acc when its 202 has
// been read, t1 when the receiver has read the page; all on this process's monotonic clock.
// Server CPU from /proc/<pid>/stat, RSS from /proc/<pid>/status, as in bench/ingest.ts.
//
// Exit status: 0 when every event was answered 202 and paged exactly as expected, 1 when a page
// is missing or a request failed, 2 when the bench itself could not run. Missed latency targets
// are reported, not turned into a failure.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyWebhookSignature } from '../src/notify/channels/webhook/signature.js';
import { startBackground, type Background, type BackgroundResult } from './background.js';
import { formatProfileSummary, summariseProfileFile } from './cpuprofile.js';
import type { TracedRequest } from './server-trace.js';
import {
  ProcessSampler,
  ROOT,
  api,
  createToken,
  fmt,
  machineCpu,
  machineDescription,
  metricTable,
  monotonicUs,
  ms,
  percentile,
  rng,
  sleep,
  startFenghuo,
  statusKb,
  stopChild,
  type Server,
  type Usage,
  numberOption,
} from './harness.js';

const TARGETS = { p50Ms: 5, p99Ms: 30 };
const SECRET = 'paging-bench-secret';
const PAGED_SERVICE = 'bench-paged';
const BACKGROUND_SERVICE = 'bench-background';
/** How long one event may wait for its page before it counts as missing (and the next one goes). */
const PAGE_TIMEOUT_MS = 5_000;
/** This many missing pages in a row: paging is broken, stop the phase. */
const GIVE_UP_AFTER = 10;

const USAGE = `usage: node dist/bench/paging.js [options]   (npm run bench:paging -- [options])
  --events N             measured events per phase (300)
  --background-rate R    background PagerDuty events/s during the load phase (1000)
  --background-connections N  keep-alive connections of the background sender (32)
  --gap MS               mean pause between measured events, ±50 % at random (20)
  --warmup S             seconds of background load before the load phase is measured (3)
  --warmup-events N      unmeasured events before the idle phase (20)
  --json FILE            also write the results (with every sample) as JSON
  --keep                 keep the temporary data dir
  --profile DIR          run the server under --cpu-prof and print where its CPU went during each
                         measured phase (slows the server: latencies are not comparable)
  --trace                time each idle event inside the server (request, every SQLite statement,
                         answer, page request; bench/server-trace.ts) and print the medians`;

// ---------------------------------------------------------------------------
// The webhook receiver and the measured sender (this process)
// ---------------------------------------------------------------------------

/** Milliseconds on the monotonic clock. */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

interface Page {
  t1: number;
  incidentId: string;
  incidentNumber: number;
  level: number;
  idempotencyKey: string;
}

interface WebhookBody {
  idempotencyKey: string;
  messages: Array<{ incidentId: string; incidentNumber: number; level: number; title: string }>;
}

/** Every measured event's summary carries `[pb:<token>]`; the page's title is that summary. */
const TOKEN = /\[pb:([a-z0-9-]+)\]/;

/** Records when each page arrived (before parsing it), checks its signature, answers 200. */
class PageReceiver {
  readonly pages = new Map<string, Page>();
  readonly stray: string[] = [];
  readonly badSignatures: string[] = [];
  readonly keys = new Map<string, number>();
  private waiters = new Map<string, (page: Page) => void>();
  private server: http.Server;
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const t1 = nowMs();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        this.record(t1, req.headers, Buffer.concat(chunks));
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/page`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  /** Resolves with the page for `token`, or null after `timeoutMs`. */
  waitFor(token: string, timeoutMs: number): Promise<Page | null> {
    const known = this.pages.get(token);
    if (known) return Promise.resolve(known);
    return new Promise((done) => {
      const timer = setTimeout(() => {
        this.waiters.delete(token);
        done(null);
      }, timeoutMs);
      this.waiters.set(token, (page) => {
        clearTimeout(timer);
        done(page);
      });
    });
  }

  private record(t1: number, headers: http.IncomingHttpHeaders, body: Buffer): void {
    const check = verifyWebhookSignature({
      secret: SECRET,
      timestamp: headers['x-fenghuo-timestamp'] as string | undefined,
      signature: headers['x-fenghuo-signature'] as string | undefined,
      body,
      nowMs: Date.now(),
    });
    if (!check.ok) this.badSignatures.push(check.reason);
    let parsed: WebhookBody;
    try {
      parsed = JSON.parse(body.toString('utf8')) as WebhookBody;
    } catch {
      this.stray.push(`unparsable body: ${body.toString('utf8').slice(0, 200)}`);
      return;
    }
    const key = String(headers['idempotency-key'] ?? parsed.idempotencyKey);
    this.keys.set(key, (this.keys.get(key) ?? 0) + 1);
    if ((this.keys.get(key) ?? 0) > 1) return; // a repeat of a page already counted
    const messages = Array.isArray(parsed.messages) ? parsed.messages : [];
    const message = messages[0];
    const token = message ? TOKEN.exec(message.title)?.[1] : undefined;
    // One page per measured event, about that event alone: anything else is counted, not matched.
    if (!message || !token || messages.length !== 1 || this.pages.has(token)) {
      this.stray.push(`${messages.length} message(s): ${messages.map((m) => m.title).join(' | ')}`);
      return;
    }
    const page = { t1, incidentId: message.incidentId, incidentNumber: message.incidentNumber, level: message.level, idempotencyKey: key };
    this.pages.set(token, page);
    this.waiters.get(token)?.(page);
    this.waiters.delete(token);
  }

  get duplicates(): number {
    let n = 0;
    for (const count of this.keys.values()) n += count - 1;
    return n;
  }
}

/** POSTs one trigger on a keep-alive socket; t0 just before the request is written, tAcc once the answer is read. */
function trigger(
  agent: http.Agent,
  base: string,
  body: string,
  traced: boolean,
): Promise<{ t0: number; tAcc: number; status: number; text: string }> {
  return new Promise((done) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    if (traced) headers['x-bench-trace'] = '1';
    const t0 = nowMs();
    const req = http.request(`${base}/v2/enqueue`, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ t0, tAcc: nowMs(), status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', (err) => done({ t0, tAcc: nowMs(), status: 0, text: err.message }));
    req.end(body);
  });
}

// ---------------------------------------------------------------------------
// Setup and phases
// ---------------------------------------------------------------------------

async function setUp(base: string, token: string, webhookUrl: string): Promise<{ pagedKey: string; backgroundKey: string }> {
  type Created = { id: string; key: string };
  const call = (method: string, path: string, body?: unknown) => api<Created>(base, token, method, path, body);
  const user = await call('POST', '/api/v1/users', { email: 'oncall@bench.test', name: 'On-call', role: 'responder', locale: 'en' });
  const hook = await call('POST', `/api/v1/users/${user.id}/contact-methods`, {
    kind: 'im',
    label: 'bench receiver',
    channel: 'webhook',
    address: webhookUrl,
    secret: SECRET,
  });
  await call('PUT', `/api/v1/users/${user.id}/notification-rules`, [{ contactMethodId: hook.id, delayMinutes: 0 }]);
  const schedule = await call('POST', '/api/v1/schedules', {
    name: 'bench 24/7',
    timeZone: 'UTC',
    layers: [
      {
        name: 'always',
        start: '2026-01-01T00:00:00Z',
        rotation: { kind: 'weekly', handoffTime: '09:00' },
        participants: [user.id],
        restrictions: [],
      },
    ],
  });
  // One step, no repeat: the first page is all this bench waits for.
  const policy = await call('POST', '/api/v1/escalation-policies', {
    name: 'bench',
    steps: [{ delayMinutes: 60, targets: [{ kind: 'schedule', id: schedule.id }] }],
    repeat: 0,
  });
  await call('POST', '/api/v1/services', { id: PAGED_SERVICE, name: 'Bench paged service', escalationPolicyId: policy.id });
  await call('POST', '/api/v1/services', { id: BACKGROUND_SERVICE, name: 'Bench background service' });
  const paged = await call('POST', '/api/v1/integrations', {
    name: 'bench-paged',
    kind: 'pagerduty',
    serviceId: PAGED_SERVICE,
    settings: { groupingWindowMinutes: 0 },
  });
  const background = await call('POST', '/api/v1/integrations', {
    name: 'bench-background',
    kind: 'pagerduty',
    serviceId: BACKGROUND_SERVICE,
  });
  return { pagedKey: paged.key, backgroundKey: background.key };
}

interface Sample {
  token: string;
  t0: number;
  tAcc: number;
  /** When the page arrived; null: it never did. */
  t1: number | null;
  status: number;
  level: number | null;
}

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface Phase {
  label: string;
  sent: number;
  accepted: number;
  paged: number;
  samples: Sample[];
  sendToPage: Stats;
  acceptToPage: Stats;
  sendToAccept: Stats;
  firstHalfP50: number;
  secondHalfP50: number;
  levels: number[];
  seconds: number;
  server: Usage;
  bench: Usage;
  machineCores: number;
  /** When the phase ran, in CLOCK_MONOTONIC microseconds (the clock of V8's CPU profiles). */
  window: { fromUs: number; toUs: number };
}

function stats(values: number[]): Stats {
  if (values.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Where the traced events' time went inside the server (--trace): medians, one line each. */
function traceLines(traces: readonly TracedRequest[]): string[] {
  const spans = { toBegin: [] as number[], transaction: [] as number[], sql: [] as number[], statements: [] as number[] };
  const after = { commit: [] as number[], toPage: [] as number[], toAnswer: [] as number[], total: [] as number[] };
  for (const t of traces) {
    const begin = t.statements.find((s) => /^begin/i.test(s.sql));
    const commit = t.statements.find((s) => /^commit/i.test(s.sql));
    if (!begin || !commit || t.pageAt === null) continue;
    const committedAt = commit.at + commit.ms;
    const inside = t.statements.filter((s) => s.at > begin.at && s.at < commit.at);
    spans.toBegin.push(begin.at - t.at);
    spans.transaction.push(commit.at - begin.at);
    spans.sql.push(inside.reduce((sum, s) => sum + s.ms, begin.ms));
    spans.statements.push(inside.length);
    after.commit.push(commit.ms);
    after.toPage.push(t.pageAt - committedAt);
    if (t.answeredAt !== null) after.toAnswer.push(t.answeredAt - committedAt);
    after.total.push(t.pageAt - t.at);
  }
  const p50 = (xs: number[]) => `${ms(stats(xs).p50)} ms`;
  const line = (label: string, value: string) => `  ${label.padEnd(40)} ${value}`;
  return [
    line('events traced', String(spans.toBegin.length)),
    line('request → BEGIN', p50(spans.toBegin)),
    line('BEGIN → COMMIT', p50(spans.transaction)),
    line('  of it in SQLite (BEGIN included)', p50(spans.sql)),
    line('  statements between them', String(stats(spans.statements).p50)),
    line('COMMIT itself (WAL write and fsync)', p50(after.commit)),
    line('COMMIT → page request started', p50(after.toPage)),
    line('COMMIT → answer written', p50(after.toAnswer)),
    line('request → page request started', p50(after.total)),
  ];
}

interface Measure {
  agent: http.Agent;
  base: string;
  token: string;
  routingKey: string;
  receiver: PageReceiver;
  failures: string[];
  gapMs: number;
  random: () => number;
  /** Mark the events of this phase for the server's trace (--trace, idle phase). */
  traced: boolean;
}

/** One event: trigger, wait for its page, resolve its incident. */
async function oneEvent(m: Measure, tag: string): Promise<Sample> {
  const body = JSON.stringify({
    routing_key: m.routingKey,
    event_action: 'trigger',
    dedup_key: `pb-${tag}`,
    payload: { summary: `checkout latency above threshold [pb:${tag}]`, source: 'bench-probe-1', severity: 'critical' },
  });
  const sent = await trigger(m.agent, m.base, body, m.traced);
  const sample: Sample = { token: tag, t0: sent.t0, tAcc: sent.tAcc, t1: null, status: sent.status, level: null };
  if (sent.status !== 202) {
    m.failures.push(`event ${tag}: ${sent.status || 'error'} ${sent.text.slice(0, 200)}`);
    return sample;
  }
  const page = await m.receiver.waitFor(tag, PAGE_TIMEOUT_MS);
  if (!page) return sample;
  sample.t1 = page.t1;
  sample.level = page.level;
  try {
    await api(m.base, m.token, 'POST', `/api/v1/incidents/${page.incidentId}/resolve`, {});
  } catch (err) {
    m.failures.push(`resolving the incident of ${tag}: ${(err as Error).message}`);
  }
  return sample;
}

/** `count` events one at a time, each after a random pause of gap ± 50 %. */
async function eventSeries(m: Measure, prefix: string, count: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let missingInARow = 0;
  for (let i = 0; i < count; i++) {
    const s = await oneEvent(m, `${prefix}-${i}`);
    samples.push(s);
    missingInARow = s.status === 202 && s.t1 === null ? missingInARow + 1 : 0;
    if (missingInARow >= GIVE_UP_AFTER) {
      m.failures.push(`${prefix}: ${GIVE_UP_AFTER} pages in a row did not arrive within ${PAGE_TIMEOUT_MS / 1000} s; phase stopped`);
      break;
    }
    await sleep(m.gapMs * (0.5 + m.random()));
  }
  return samples;
}

/** Runs a measured series while sampling the server and this process. */
async function measuredPhase(m: Measure, label: string, prefix: string, count: number, server: ProcessSampler): Promise<Phase> {
  const self = new ProcessSampler(process.pid);
  const machineStart = machineCpu();
  server.mark();
  const fromUs = monotonicUs();
  const startedAt = performance.now();
  const samples = await eventSeries(m, prefix, count);
  const seconds = (performance.now() - startedAt) / 1000;
  const toUs = monotonicUs();
  const serverUsage = server.window();
  const benchUsage = self.window();
  self.stop();
  const machineEnd = machineCpu();
  const machineCores = ((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * cpus().length;
  // A page that came after its event gave up still counts as delivered (not as a latency).
  for (const s of samples) {
    if (s.t1 === null && s.status === 202) {
      const late = m.receiver.pages.get(s.token);
      if (late) m.failures.push(`${label}: the page for ${s.token} came ${ms(late.t1 - s.t0)} ms after its event (over the timeout)`);
    }
  }
  const paged = samples.filter((s) => s.t1 !== null);
  const half = Math.floor(paged.length / 2);
  const toPage = (xs: Sample[]) => xs.map((s) => (s.t1 as number) - s.t0);
  return {
    label,
    sent: samples.length,
    accepted: samples.filter((s) => s.status === 202).length,
    paged: paged.length,
    samples,
    sendToPage: stats(toPage(paged)),
    acceptToPage: stats(paged.map((s) => (s.t1 as number) - s.tAcc)),
    sendToAccept: stats(samples.filter((s) => s.status === 202).map((s) => s.tAcc - s.t0)),
    firstHalfP50: stats(toPage(paged.slice(0, half))).p50,
    secondHalfP50: stats(toPage(paged.slice(half))).p50,
    levels: [...new Set(paged.map((s) => s.level as number))].sort(),
    seconds,
    server: serverUsage,
    bench: benchUsage,
    machineCores,
    window: { fromUs, toUs },
  };
}

// ---------------------------------------------------------------------------
// The bench
// ---------------------------------------------------------------------------

interface Options {
  events: number;
  backgroundRate: number;
  backgroundConnections: number;
  gap: number;
  warmup: number;
  warmupEvents: number;
  json: string | null;
  keep: boolean;
  profile: string | null;
  trace: boolean;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '300' },
      'background-rate': { type: 'string', default: '1000' },
      'background-connections': { type: 'string', default: '32' },
      gap: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      'warmup-events': { type: 'string', default: '20' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'string' },
      trace: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = numberOption;
  return {
    events: Math.round(num('events', values.events, 1, 100_000)),
    backgroundRate: num('background-rate', values['background-rate'], 0, 100_000),
    backgroundConnections: Math.round(num('background-connections', values['background-connections'], 1, 1024)),
    gap: num('gap', values.gap, 0, 10_000),
    warmup: num('warmup', values.warmup, 0, 120),
    warmupEvents: Math.round(num('warmup-events', values['warmup-events'], 0, 10_000)),
    json: values.json ?? null,
    keep: values.keep,
    profile: values.profile ? resolve(values.profile) : null,
    trace: values.trace,
  };
}

interface Report {
  machine: ReturnType<typeof machineDescription>;
  options: Options;
  idle: Phase;
  load: Phase;
  background: BackgroundResult | null;
  backgroundSender: Usage | null;
  serverHwmMb: number | null;
  stray: string[];
  duplicates: number;
  badSignatures: string[];
  failures: string[];
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let opts: Options;
  try {
    opts = options(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const machine = machineDescription();
  const dir = join(tmpdir(), `fenghuo-paging-bench-${process.pid}-${randomBytes(3).toString('hex')}`);
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(12).toString('hex');
  const failures: string[] = [];
  // Everything is bounded: the whole bench may take this long, then it stops, killing its children.
  const perEventMs = opts.gap * 1.5 + 250;
  const budget = (180 + opts.warmup + ((opts.events * 2 + opts.warmupEvents) * perEventMs) / 1000) * 1000;
  const watchdog = setTimeout(() => {
    log(`bench: gave up after ${Math.round(budget / 1000)} s`);
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    process.exit(2); // the exit handler kills the server and the background sender
  }, budget);
  watchdog.unref();

  let server: Server | null = null;
  let background: Background | null = null;
  const receiver = new PageReceiver();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.json` first');
    log(`bench: ${machine.nproc} × ${machine.model}, Node ${machine.node}; data in ${dir}`);
    await receiver.listen();
    const token = createToken(dataDir, password);
    const profileDir = opts.profile;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const profileStartedAt = Date.now();
    const traceFile = opts.trace ? join(dir, 'server-trace.json') : null;
    const nodeArgs = [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ...(traceFile ? ['--import', new URL('./server-trace.js', import.meta.url).href] : []),
    ];
    server = await startFenghuo(dataDir, password, nodeArgs, (base) => ({
      FENGHUO_PUBLIC_URL: base,
      FENGHUO_LOG_LEVEL: 'warn',
      ...(traceFile ? { FENGHUO_BENCH_TRACE: traceFile } : {}),
    }));
    const serverPid = server.child.pid as number;
    const { pagedKey, backgroundKey } = await setUp(server.base, token, receiver.url);
    const sampler = new ProcessSampler(serverPid);
    log(`bench: server pid ${serverPid} on ${server.base}; pages go to ${receiver.url}`);
    const m: Measure = {
      agent,
      base: server.base,
      token,
      routingKey: pagedKey,
      receiver,
      failures,
      gapMs: opts.gap,
      random: rng(7),
      traced: false,
    };

    if (opts.warmupEvents > 0) {
      log(`bench: warm-up, ${opts.warmupEvents} events`);
      await eventSeries(m, 'warm', opts.warmupEvents);
    }
    log(`bench: idle, ${opts.events} events one at a time`);
    m.traced = opts.trace;
    const idle = await measuredPhase(m, 'idle', 'idle', opts.events, sampler);
    m.traced = false;
    log(`  send → page p50 ${ms(idle.sendToPage.p50)} ms, p99 ${ms(idle.sendToPage.p99)} ms; ${idle.paged}/${idle.sent} paged`);

    let bg: BackgroundResult | null = null;
    let bgUsage: Usage | null = null;
    if (opts.backgroundRate > 0) {
      log(`bench: background load, ${fmt(opts.backgroundRate)} events/s to another service; ${opts.warmup} s warm-up`);
      const maxSeconds = opts.warmup + (opts.events * perEventMs) / 1000 + 60;
      background = await startBackground({
        base: server.base,
        routingKey: backgroundKey,
        rate: opts.backgroundRate,
        connections: opts.backgroundConnections,
        maxSeconds,
        seed: 42,
      });
      await sleep(opts.warmup * 1000);
      background.mark();
    }
    log(`bench: under load, ${opts.events} events one at a time`);
    const load = await measuredPhase(m, 'load', 'load', opts.events, sampler);
    if (background) {
      bgUsage = background.sampler.window();
      bg = await background.stop();
      background = null;
      if (bg.non2xx || bg.errors) failures.push(`background: ${bg.non2xx} non-2xx, ${bg.errors} errors of ${fmt(bg.totalSent)} events`);
      log(`  background ${fmt(bg.rate)} events/s`);
    }
    log(`  send → page p50 ${ms(load.sendToPage.p50)} ms, p99 ${ms(load.sendToPage.p99)} ms; ${load.paged}/${load.sent} paged`);

    // Pages that arrive late or twice, or that nobody asked for, show up within a second or two.
    await sleep(2000);
    const serverHwmMb = (statusKb(serverPid, 'VmHWM') ?? 0) / 1024 || null;
    sampler.stop();
    await stopChild(server.child, 30_000);
    server = null;

    for (const phase of [idle, load]) {
      const missing = phase.accepted - phase.paged;
      if (missing > 0)
        failures.push(`${phase.label}: ${missing} of ${phase.accepted} accepted events were not paged within ${PAGE_TIMEOUT_MS / 1000} s`);
    }
    if (receiver.stray.length)
      failures.push(`${receiver.stray.length} page(s) not matching one measured event: ${receiver.stray.slice(0, 3).join('; ')}`);
    if (receiver.badSignatures.length) failures.push(`${receiver.badSignatures.length} page(s) with a bad signature`);

    const report: Report = {
      machine,
      options: opts,
      idle,
      load,
      background: bg,
      backgroundSender: bgUsage,
      serverHwmMb,
      stray: receiver.stray,
      duplicates: receiver.duplicates,
      badSignatures: receiver.badSignatures,
      failures,
    };
    process.stdout.write(`${table(report)}\n`);
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);

    if (traceFile) {
      const lines = traceLines(JSON.parse(readFileSync(traceFile, 'utf8')) as TracedRequest[]);
      process.stdout.write(`\nInside the server, idle phase (medians; --trace slows each statement a little):\n${lines.join('\n')}\n`);
    }
    if (profileDir) {
      const file = readdirSync(profileDir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(profileDir, f))
        .filter((f) => statSync(f).mtimeMs >= profileStartedAt)
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
      if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
      for (const phase of [idle, load]) {
        const summary = summariseProfileFile(file, 30, phase.window);
        process.stdout.write(`\n${formatProfileSummary(summary, `Server CPU profile, ${phase.label} phase (${file})`)}\n`);
      }
    }
    return failures.length ? 1 : 0;
  } catch (err) {
    log(`bench: ${(err as Error).stack ?? String(err)}`);
    if (server) log(`server output:\n${server.output().slice(-4000)}`);
    return 2;
  } finally {
    if (background) await stopChild(background.child, 5_000);
    if (server) await stopChild(server.child, 5_000);
    agent.destroy();
    await receiver.close();
    clearTimeout(watchdog);
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else log(`bench: kept ${dir}`);
  }
}

function table(r: Report): string {
  const rows: Array<[string, string, string, string]> = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const four = (s: Stats) => (Number.isFinite(s.p50) ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}` : 'n/a');
  const others = (p: Phase) => p.machineCores - (p.server.cores ?? 0) - (p.bench.cores ?? 0);
  const phaseRows = (p: Phase, title: string, extraCores: number) => {
    const s = p.sendToPage;
    rows.push([title, '', '', '']);
    rows.push(['  pages received / events sent', `${fmt(p.paged)} / ${fmt(p.sent)}`, 'all', verdict(p.paged === p.sent)]);
    rows.push([
      '  send → page p50 / p95 / p99 / max (ms)',
      four(s),
      `p50 < ${TARGETS.p50Ms}, p99 < ${TARGETS.p99Ms}`,
      p.paged ? verdict(s.p50 < TARGETS.p50Ms && s.p99 < TARGETS.p99Ms) : 'n/a',
    ]);
    rows.push(['  202 → page p50 / p95 / p99 / max (ms)', four(p.acceptToPage), '', '']);
    rows.push(['  send → 202 p50 / p95 / p99 / max (ms)', four(p.sendToAccept), '', '']);
    const half = (v: number) => (Number.isFinite(v) ? ms(v) : 'n/a');
    rows.push(['  send → page p50, first / second half (ms)', `${half(p.firstHalfP50)} / ${half(p.secondHalfP50)}`, '', '']);
    rows.push([
      '  incident level of the pages',
      p.levels.join(', ') || 'n/a',
      '1–3 (pages on-call)',
      verdict(p.levels.every((l) => l >= 1 && l <= 3)),
    ]);
    rows.push([
      '  server CPU (cores, mean) / peak RSS',
      `${fmt(p.server.cores, 2)} / ${fmt(p.server.peakRssMb)} MB (${fmt(p.seconds, 1)} s)`,
      '',
      '',
    ]);
    rows.push([`  bench process CPU / rest of machine (cores)`, `${fmt(p.bench.cores, 2)} / ${fmt(others(p) - extraCores, 2)}`, '', '']);
  };
  phaseRows(r.idle, `Idle: ${fmt(r.options.events)} events, one at a time (gap ${r.options.gap} ms ± 50 %)`, 0);
  const bgCores = r.backgroundSender?.cores ?? 0;
  phaseRows(
    r.load,
    r.background
      ? `Under load: the same, while ${fmt(r.options.backgroundRate)} events/s go to another service`
      : 'Second run: no background load (--background-rate 0)',
    bgCores,
  );
  if (r.background) {
    const b = r.background;
    rows.push([
      '  background events/s (2xx, measured window)',
      `${fmt(b.rate)} (${fmt(b.ok)} in ${fmt(b.seconds, 1)} s)`,
      `≥ ${fmt(r.options.backgroundRate * 0.98)}`,
      b.rate >= r.options.backgroundRate * 0.98 ? 'met' : 'LOW',
    ]);
    rows.push([
      '  background latency p50 / p99 / max (ms)',
      `${ms(b.latencyMs.p50)} / ${ms(b.latencyMs.p99)} / ${ms(b.latencyMs.max)}`,
      '',
      '',
    ]);
    rows.push([
      '  background non-2xx / errors (whole run)',
      `${fmt(b.non2xx)} / ${fmt(b.errors)} of ${fmt(b.totalSent)}`,
      '0',
      verdict(!b.non2xx && !b.errors),
    ]);
    rows.push(['  background sender CPU (cores) / most behind schedule', `${fmt(bgCores, 2)} / ${fmt(b.maxBacklog)} events`, '', '']);
  }
  rows.push(['Pages', '', '', '']);
  rows.push([
    '  not from a measured event / repeats / bad signature',
    `${fmt(r.stray.length)} / ${fmt(r.duplicates)} / ${fmt(r.badSignatures.length)}`,
    '0 / 0 / 0',
    verdict(!r.stray.length && !r.duplicates && !r.badSignatures.length),
  ]);
  rows.push(['  server peak RSS (VmHWM, whole run)', `${fmt(r.serverHwmMb)} MB`, '', '']);

  const busy = [r.idle, r.load].some((p) => others(p) - (p === r.load ? bgCores : 0) > 0.3);
  return [
    `Fenghuo paging bench — ${r.machine.nproc} × ${r.machine.model}, Node ${r.machine.node}, Linux ${r.machine.kernel}, SQLite (WAL, synchronous=FULL)`,
    `Code: ${r.machine.git}`,
    'send = just before the PagerDuty trigger is written; 202 = its answer read; page = the webhook read by the receiver.',
    '202 → page is negative when the page arrived first (the server answers a batch that paged once its pages are on their way).',
    ...(busy ? ['WARNING: other processes used more than 0.3 cores during a measured phase: rerun on a quiet machine.'] : []),
    ...(r.options.profile ? ['NOTE: the server ran under --cpu-prof: latencies are higher than without it.'] : []),
    '',
    ...metricTable(rows),
    '',
    r.failures.length ? `FAILED:\n${r.failures.map((f) => `  - ${f}`).join('\n')}` : 'Every event answered 202 and paged once.',
  ].join('\n');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
