// The probe agent against a fake Fenghuo server (the two agent routes on node:http) and a real
// HTTP target: what it uploads, and that results survive 503s, a closed server and a refused
// token, each arriving exactly once; a full buffer drops the oldest.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import type { ProbeSpec } from '../probe-runner.js';
import { AgentStartError, runAgent, type AgentHandle, type AgentLog } from './agent.js';
import { AgentUsageError, parseAgentArgs } from './command.js';
import { UploadBuffer } from './upload-buffer.js';

const TOKEN = 'fha_test-token';

interface WireResult {
  monitorId: string;
  at: number;
  status: string;
  latencyMs: number | null;
  error: string | null;
}

type Mode = 'ok' | 'unavailable' | 'unauthorized';

/** The agent routes of a Fenghuo server, with answers the test controls. */
async function fakeServer(location: string, monitors: ProbeSpec[]) {
  const state = {
    location,
    generation: 1,
    monitors,
    /** How POST /results answers (GET /monitors answers unless `unauthorized`). */
    mode: 'ok' as Mode,
    received: [] as WireResult[],
    gets: 0,
    posts: 0,
    refusedPosts: 0,
    badAuth: 0,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}` || state.mode === 'unauthorized') {
        state.badAuth++;
        return send(401, { error: { code: 'unauthenticated', message: 'a valid location token is required' } });
      }
      if (req.method === 'GET' && req.url === '/api/v1/agent/monitors') {
        state.gets++;
        return send(200, { location: state.location, generation: state.generation, monitors: state.monitors });
      }
      if (req.method === 'POST' && req.url === '/api/v1/agent/results') {
        state.posts++;
        if (state.mode === 'unavailable') {
          state.refusedPosts++;
          return send(503, { error: { code: 'unavailable', message: 'could not store the results; retry' } });
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { results: WireResult[] };
        assert.ok(body.results.length <= 5_000);
        state.received.push(...body.results);
        return send(202, { accepted: body.results.length });
      }
      send(404, { error: { code: 'not_found', message: 'no route' } });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    state,
    url: `http://127.0.0.1:${port}`,
    /** Stops listening and cuts every connection: the agent sees "connection refused". */
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    async reopen(): Promise<void> {
      server.listen(port, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
    },
  };
}

/** A real HTTP target: `/ok` answers 200, `/fail` 503; it notes when each request came. */
async function target() {
  const hits = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, [...(hits.get(path) ?? []), Date.now()]);
    res.writeHead(path === '/fail' ? 503 : 200).end('ok');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits: (path: string) => hits.get(path) ?? [],
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function spec(id: string, seq: number, url: string, intervalSeconds: number): ProbeSpec {
  return { id, seq, kind: 'http', config: { url }, intervalSeconds, timeoutMs: 1_000, graceSeconds: 0 };
}

function memoryLog() {
  const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
  const log: AgentLog = {
    info: (msg, fields) => lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', msg, fields }),
  };
  return { log, lines };
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function keysOf(results: readonly WireResult[]): string[] {
  return results.map((r) => `${r.monitorId}@${r.at}`);
}

describe('the probe agent', () => {
  const agents: AgentHandle[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    for (const close of closers) await close().catch(() => undefined);
  });

  /** A real target, and a fake server for `location` whose one monitor checks `path` on it every 50 ms. */
  const oneMonitor = async (location: string, id: string, seq: number, path: string) => {
    const t = await target();
    closers.push(t.close);
    const fake = await fakeServer(location, [spec(id, seq, `${t.origin}${path}`, 0.05)]);
    closers.push(fake.close);
    return { t, fake };
  };

  /** A spool file's path, in a directory of its own (removed after the tests). */
  const spoolPath = async (name: string): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'fh-agent-spool-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    return join(dir, name);
  };

  it('runs the monitors the server assigns and uploads their results in the wire format', async () => {
    const t = await target();
    closers.push(t.close);
    const fake = await fakeServer('gz-1', [spec('m-ok', 1, `${t.origin}/ok`, 0.1), spec('m-fail', 2, `${t.origin}/fail`, 0.1)]);
    closers.push(fake.close);
    const { log } = memoryLog();
    const agent = runAgent({ server: `${fake.url}/`, token: TOKEN, location: 'gz-1', pollMs: 100, uploadMs: 50, log });
    agents.push(agent);
    await agent.ready;

    const of = (id: string) => fake.state.received.filter((r) => r.monitorId === id);
    await until('results of both monitors', () => of('m-ok').length >= 3 && of('m-fail').length >= 3);
    assert.equal(fake.state.badAuth, 0);
    for (const r of fake.state.received) {
      assert.deepEqual(Object.keys(r).sort(), ['at', 'error', 'latencyMs', 'monitorId', 'status'], 'only what the server schema takes');
      assert.ok(Number.isInteger(r.at) && r.at <= Date.now());
    }
    assert.ok(of('m-ok').every((r) => r.status === 'up' && r.error === null && typeof r.latencyMs === 'number'));
    assert.ok(of('m-fail').every((r) => r.status === 'down' && r.error === 'expected 200-299, got 503'));

    // A changed list under the same generation is not looked at; a new generation is.
    fake.state.monitors = [...fake.state.monitors, spec('m-new', 3, `${t.origin}/new`, 0.1)];
    const gets = fake.state.gets;
    await until('three more polls', () => fake.state.gets >= gets + 3);
    await sleep(150);
    assert.equal(of('m-new').length, 0, 'same generation: the list is not synced');
    fake.state.generation = 2;
    await until('results of the monitor added in generation 2', () => of('m-new').length >= 2);
    assert.equal(agent.stats().generation, 2);
    assert.equal(agent.stats().monitors, 3);

    await agent.stop();
    const posts = fake.state.posts;
    await sleep(300);
    assert.equal(fake.state.posts, posts, 'nothing is sent after stop');
    assert.equal(new Set(keysOf(fake.state.received)).size, fake.state.received.length, 'no result twice');
    assert.equal(fake.state.received.length, agent.stats().results, 'every result was delivered');
  });

  it('keeps results through 503s, a closed server and a refused token, and sends each exactly once', async () => {
    const t = await target();
    closers.push(t.close);
    const fake = await fakeServer('sh-1', [spec('m-a', 1, `${t.origin}/a`, 0.1), spec('m-b', 2, `${t.origin}/b`, 0.1)]);
    closers.push(fake.close);
    const { log, lines } = memoryLog();
    const agent = runAgent({
      server: fake.url,
      token: TOKEN,
      location: 'sh-1',
      pollMs: 100,
      uploadMs: 50,
      retryMs: { first: 50, max: 200 },
      log,
    });
    agents.push(agent);
    await agent.ready;
    await until('the first results', () => fake.state.received.length >= 4);

    // 503: nothing stored, everything kept.
    fake.state.mode = 'unavailable';
    const before503 = fake.state.received.length;
    await until('two refused uploads', () => fake.state.refusedPosts >= 2);
    await sleep(300);
    assert.equal(fake.state.received.length, before503);
    assert.ok(agent.stats().queued + agent.stats().inFlight > 0, 'results are held');

    // The server goes away altogether: connections are refused; the checks go on.
    await fake.close();
    const resultsAtClose = agent.stats().results;
    await until('checks to go on while the server is away', () => agent.stats().results >= resultsAtClose + 8);
    await sleep(200);

    // Back, but refusing the token for a while (e.g. during a token mix-up): kept, retried slowly.
    fake.state.mode = 'unauthorized';
    await fake.reopen();
    await until('the refused token to be seen', () => fake.state.badAuth >= 2);
    assert.equal(fake.state.received.length, before503);

    fake.state.mode = 'ok';
    await until(
      'the backlog to be sent',
      () => agent.stats().queued === 0 && agent.stats().inFlight === 0 && fake.state.received.length > before503 + 20,
    );
    await agent.stop();

    const keys = keysOf(fake.state.received);
    assert.equal(new Set(keys).size, keys.length, 'no result arrived twice');
    const stats = agent.stats();
    assert.equal(stats.dropped, 0);
    assert.equal(fake.state.received.length, stats.results, 'every result the checks produced arrived');
    // Every request the target saw is a result that arrived, but for checks cut short by stop().
    for (const [id, path] of [
      ['m-a', '/a'],
      ['m-b', '/b'],
    ] as const) {
      const arrived = fake.state.received.filter((r) => r.monitorId === id).length;
      const hits = t.hits(path).length;
      assert.ok(hits - arrived >= 0 && hits - arrived <= 1, `${id}: ${hits} checks, ${arrived} results`);
    }
    assert.ok(lines.some((l) => l.level === 'warn' && l.msg.startsWith('cannot upload results')));
    assert.ok(lines.some((l) => l.level === 'error' && l.msg.includes('refuses this agent’s token')));
    assert.ok(lines.some((l) => l.msg.startsWith('server reachable again')));
  });

  it('drops the oldest results when its buffer is full, and counts them', async () => {
    const { t, fake } = await oneMonitor('bj-1', 'm-x', 7, '/x');
    fake.state.mode = 'unavailable';
    const { log, lines } = memoryLog();
    const agent = runAgent({
      server: fake.url,
      token: TOKEN,
      location: 'bj-1',
      pollMs: 1_000,
      uploadMs: 20,
      maxBuffer: 10,
      retryMs: { first: 20, max: 40 },
      log,
    });
    agents.push(agent);
    await agent.ready;
    await until('some results dropped', () => agent.stats().dropped >= 15);
    fake.state.mode = 'ok';
    await until(
      'the buffer to be sent',
      () => agent.stats().queued === 0 && agent.stats().inFlight === 0 && fake.state.received.length >= 10,
    );
    await agent.stop();

    const { dropped, results } = agent.stats();
    const received = fake.state.received;
    assert.equal(new Set(keysOf(received)).size, received.length, 'no result twice');
    assert.equal(received.length + dropped, results, 'every result arrived or was counted as dropped');
    // The dropped ones are the first `dropped` checks: the earliest arrival is the check after them.
    const hits = t.hits('/x');
    const firstAt = Math.min(...received.map((r) => r.at));
    assert.ok((hits[dropped - 1] as number) <= firstAt, 'the last dropped check came before the first kept one');
    assert.ok(firstAt <= (hits[dropped] as number), 'the first kept result is the check right after the dropped ones');
    assert.ok(lines.some((l) => l.msg.startsWith('upload buffer full') && typeof l.fields?.dropped === 'number'));
  });

  it('sends what it holds when stopped', async () => {
    const { fake } = await oneMonitor('gz-2', 'm-s', 1, '/s');
    const agent = runAgent({ server: fake.url, token: TOKEN, location: 'gz-2', pollMs: 60_000, uploadMs: 60_000, log: memoryLog().log });
    agents.push(agent);
    await agent.ready;
    await until('some results', () => agent.stats().queued >= 5);
    assert.equal(fake.state.posts, 0);
    await agent.stop();
    assert.equal(fake.state.posts, 1, 'one last batch');
    assert.equal(fake.state.received.length, agent.stats().results);
  });

  it('keeps what it could not send in its spool across a restart, and sends it first, once', async () => {
    const spoolFile = await spoolPath('gz-5.spool');
    const { fake } = await oneMonitor('gz-5', 'm-sp', 1, '/sp');
    fake.state.mode = 'unavailable';
    const options = { server: fake.url, token: TOKEN, location: 'gz-5', pollMs: 60_000, uploadMs: 20, retryMs: { first: 20, max: 40 } };
    const first = runAgent({ ...options, spoolFile, finalUploadMs: 200, log: memoryLog().log });
    agents.push(first);
    await first.ready;
    await until('results the server will not take', () => first.stats().queued >= 5 && fake.state.refusedPosts >= 2);
    await first.stop();
    const kept = (await readFile(spoolFile, 'utf8')).trim().split('\n');
    assert.equal(kept.length, first.stats().results, 'every result it made, none uploaded');
    assert.equal(fake.state.received.length, 0);
    assert.ok(kept.every((line) => (JSON.parse(line) as WireResult).monitorId === 'm-sp'));

    // Restarted (no monitors now): the kept results go out, each once, and the spool is removed.
    fake.state.mode = 'ok';
    fake.state.monitors = [];
    const { log, lines } = memoryLog();
    const second = runAgent({ ...options, spoolFile, log });
    agents.push(second);
    await second.ready;
    await until('the kept results uploaded', () => fake.state.received.length >= kept.length);
    await until('the spool removed', () => !existsSync(spoolFile));
    assert.deepEqual(
      keysOf(fake.state.received),
      kept.map((line) => keysOf([JSON.parse(line) as WireResult])[0]),
      'oldest first, each once',
    );
    assert.ok(lines.some((l) => l.msg === 'results kept from the last run' && l.fields?.results === kept.length));
    await second.stop();
    assert.equal(existsSync(spoolFile), false, 'nothing unsent: no spool');
    assert.equal(fake.state.received.length, kept.length);
  });

  it('skips spool lines that are not results, and keeps the spool of an agent that could not start', async () => {
    const spoolFile = await spoolPath('gz-6.spool');
    const good = [
      { monitorId: 'm-a', at: 1_700_000_000_000, status: 'up', latencyMs: 12, error: null },
      { monitorId: 'm-b', at: 1_700_000_001_000, status: 'down', latencyMs: null, error: 'timeout' },
    ].map((r) => JSON.stringify(r));
    await writeFile(spoolFile, `${good[0]}\nnot json\n{"monitorId":7}\n\n${good[1]}\n`);
    const fake = await fakeServer('gz-6', []);
    closers.push(fake.close);

    // A refused token: the agent stops at once, and the spool keeps the results (only them).
    const first = memoryLog();
    const refused = runAgent({ server: fake.url, token: 'fha_wrong', location: 'gz-6', spoolFile, log: first.log });
    agents.push(refused);
    await assert.rejects(refused.ready, AgentStartError);
    await refused.stop();
    assert.ok(first.lines.some((l) => l.msg === 'results kept from the last run' && l.fields?.results === 2 && l.fields.skipped === 2));
    assert.deepEqual((await readFile(spoolFile, 'utf8')).trim().split('\n'), good);

    const agent = runAgent({ server: fake.url, token: TOKEN, location: 'gz-6', uploadMs: 20, spoolFile, log: memoryLog().log });
    agents.push(agent);
    await agent.ready;
    await until('the two results uploaded', () => fake.state.received.length >= 2);
    assert.deepEqual(
      fake.state.received,
      good.map((line) => JSON.parse(line) as WireResult),
    );
    await agent.stop();
  });

  it('starts without a spool it cannot read, and leaves it as it was', async () => {
    // A directory where the file should be: reading it fails.
    const spoolFile = await spoolPath('spool');
    await mkdir(spoolFile);
    await writeFile(join(spoolFile, 'keep'), 'x');
    const { fake } = await oneMonitor('gz-7', 'm-u', 1, '/u');
    fake.state.mode = 'unavailable';
    const { log, lines } = memoryLog();
    const agent = runAgent({
      server: fake.url,
      token: TOKEN,
      location: 'gz-7',
      uploadMs: 20,
      retryMs: { first: 20, max: 40 },
      finalUploadMs: 100,
      spoolFile,
      log,
    });
    agents.push(agent);
    await agent.ready;
    assert.ok(lines.some((l) => l.level === 'error' && l.msg === 'cannot read the spool; starting without it'));
    await until('some results', () => agent.stats().queued >= 2);
    await agent.stop();
    assert.ok(lines.some((l) => l.msg.startsWith('the spool could not be read at start: left as it was')));
    assert.equal(await readFile(join(spoolFile, 'keep'), 'utf8'), 'x', 'nothing of it was touched');
  });

  it('will not start with a token the server refuses, or with another location’s token', async () => {
    const fake = await fakeServer('gz-1', []);
    closers.push(fake.close);
    const refused = runAgent({ server: fake.url, token: 'fha_wrong', location: 'gz-1', log: memoryLog().log });
    agents.push(refused);
    await assert.rejects(refused.ready, (err: Error) => err instanceof AgentStartError && /refused the token \(401\)/.test(err.message));

    const other = runAgent({ server: fake.url, token: TOKEN, location: 'sh-1', log: memoryLog().log });
    agents.push(other);
    await assert.rejects(
      other.ready,
      (err: Error) => err instanceof AgentStartError && err.message.includes('"gz-1"') && err.message.includes('sh-1'),
    );
  });

  it('waits for a server that is not up yet, and can be stopped meanwhile', async () => {
    const { log, lines } = memoryLog();
    const agent = runAgent({ server: 'http://127.0.0.1:1', token: TOKEN, location: 'gz-1', retryMs: { first: 20, max: 40 }, log });
    agents.push(agent);
    await until('a few retries', () => lines.filter((l) => l.msg === 'server not reachable; retrying').length >= 3);
    await agent.stop();
    await agent.ready;
  });
});

describe('the agent’s flags', () => {
  it('names the flag that is missing or wrong', () => {
    const bad = (args: string[], env: string | null, pattern: RegExp) =>
      assert.throws(
        () => parseAgentArgs(args, env),
        (err: Error) => err instanceof AgentUsageError && pattern.test(err.message),
      );
    bad(['--token', TOKEN, '--location', 'gz-1'], null, /^--server is required/);
    bad(['--server', 'ftp://x', '--token', TOKEN, '--location', 'gz-1'], null, /^--server must start with http/);
    bad(['--server', 'http://x', '--location', 'gz-1'], null, /^--token is required \(or set FENGHUO_AGENT_TOKEN\)/);
    bad(['--server', 'http://x', '--token', 'abc', '--location', 'gz-1'], null, /^--token must be/);
    bad(['--server', 'http://x', '--token', TOKEN], null, /^--location is required/);
    bad(['--server', 'http://x', '--token', TOKEN, '--location', 'GZ 1'], null, /^--location must be/);
    bad(['--server', 'http://x', '--token', TOKEN, '--location', 'gz-1', '--concurrency', 'many'], null, /^--concurrency must be/);
    bad(['--server', 'http://x', '--token', TOKEN, '--location', 'gz-1', '--poll-seconds', '0'], null, /^--poll-seconds must be/);
    bad(['--server', 'http://x', '--token', TOKEN, '--location', 'gz-1', '--verbose'], null, /--verbose/);
    bad(['--server', 'http://x', '--token', TOKEN, '--location', 'gz-1', '--spool', ' '], null, /^--spool needs a file name/);
  });

  it('takes the token from the environment, and defaults the rest', () => {
    assert.deepEqual(parseAgentArgs(['--server', 'https://fh.example.com/base/', '--location', 'gz-1'], TOKEN), {
      server: 'https://fh.example.com/base',
      token: TOKEN,
      location: 'gz-1',
      concurrency: 256,
      pollMs: 30_000,
    });
    const flags = parseAgentArgs(
      ['--server', 'http://x', '--token', 'fha_flag', '--location', 'gz-1', '--concurrency', '8', '--poll-seconds', '1'],
      TOKEN,
    );
    assert.equal(flags.token, 'fha_flag', 'the flag wins over the environment');
    assert.equal(flags.concurrency, 8);
    assert.equal(flags.pollMs, 1_000);
    assert.equal(
      parseAgentArgs(['--server', 'http://x', '--location', 'gz-1', '--spool', '/var/lib/fh/spool'], TOKEN).spoolFile,
      '/var/lib/fh/spool',
    );
  });
});

describe('the upload buffer', () => {
  it('keeps at most its capacity waiting, dropping the oldest; a batch on the wire comes back in front', () => {
    const b = new UploadBuffer(3);
    for (const x of ['1', '2', '3']) assert.equal(b.add(x), 0);
    assert.deepEqual(b.take(2, 1_000), ['1', '2']);
    assert.equal(b.add('4'), 0);
    assert.equal(b.add('5'), 0);
    assert.equal(b.add('6'), 1, 'the oldest waiting one (3) goes; the batch on the wire (1, 2) stays');
    assert.equal(b.add('7'), 1, 'then 4');
    assert.equal(b.nack(), 2, 'back in front, the oldest two go: 1 and 2');
    assert.deepEqual(b.take(10, 1_000), ['5', '6', '7']);
    b.ack();
    assert.equal(b.queued, 0);
    assert.equal(b.dropped, 4);
  });

  it('cuts batches by size, but always sends at least one', () => {
    const b = new UploadBuffer(100);
    for (let i = 0; i < 10; i++) b.add('x'.repeat(99));
    assert.equal(b.take(5_000, 300).length, 3);
    b.ack();
    assert.equal(b.take(5_000, 10).length, 1);
  });
});
