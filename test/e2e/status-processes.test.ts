// The status processes end to end: the real server (`node bin/fenghuo.js serve`) with
// FENGHUO_STATUS_PORT starts its status processes as children; they serve what the main server
// serves (same bytes, same ETags), see an update published on the main port within a second,
// answer bad requests as the main server does, take the subscribe form, and go away with the
// server however it ends (SIGTERM, SIGKILL); a child that crashes is started again. Also
// `fenghuo serve-status` run on its own, and the configuration errors.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { BIN, cli, freePort, serverEnv, type Server } from '../helpers/server-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One GET or POST on a fresh connection; any headers, Host included. */
function send(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

const text = (a: Answer) => (a.headers['content-encoding'] === 'gzip' ? gunzipSync(a.body) : a.body).toString('utf8');

/** Live (not zombie) processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
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
  return out;
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, seconds: number, probe: () => Promise<T | null> | T | null): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await sleep(100);
  }
}

/**
 * Starts `fenghuo serve` (as the helper does) and waits for /readyz; the server is ready only once
 * its status processes listen, which takes a while when the machine is busy, hence the long wait.
 */
async function startServer(env: NodeJS.ProcessEnv, base: string, seconds = 120): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await waitFor('the server ready', seconds, async () => {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`);
      return (await fetch(`${base}/readyz`).catch(() => null))?.ok ? true : null;
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Creates a page over the main port's API: two components, a host name, an open public incident. */
async function seedPage(base: string, token: string): Promise<{ pageId: string; postId: string }> {
  const api = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id: string };
    assert.ok(res.status === 201 || res.status === 200, `${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const page = await api('POST', '/api/v1/status-pages', {
    slug: 'acme',
    name: 'Acme <script>',
    hostnames: ['status.acme.test'],
    defaultLocale: 'zh-CN',
  });
  const pages = `/api/v1/status-pages/${page.id}`;
  const apiComponent = await api('POST', `${pages}/components`, { name: 'API', group: 'Core' });
  await api('POST', `${pages}/components`, { name: 'Web' });
  const post = await api('POST', `${pages}/incidents`, {
    title: 'Logins fail',
    impact: 'major',
    components: [{ id: apiComponent.id, status: 'partial_outage' }],
    body: 'Looking into it.',
  });
  return { pageId: page.id, postId: post.id };
}

function stopped(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit').then(() => undefined);
}

const REPRESENTATIONS: Array<[string, Record<string, string>]> = [
  ['/status/acme', { 'accept-encoding': 'gzip', 'accept-language': 'zh-CN,zh;q=0.9' }],
  ['/status/acme?lang=en', {}],
  ['/status/acme/summary.json', { 'accept-encoding': 'gzip' }],
  ['/status/acme/summary.json', {}],
  ['/status/acme/feed.rss?lang=en', {}],
  ['/status/acme/feed.atom', {}],
  ['/status/acme/badge.svg', {}],
  ['/', { host: 'status.acme.test', 'accept-encoding': 'gzip' }],
  ['/summary.json', { host: 'status.acme.test' }],
];

for (const dialect of DIALECTS) {
  describe(`status processes of the real server (${dialect})`, { timeout: 240_000 }, () => {
    let db: TestDatabase;
    let server: Server;
    let env: NodeJS.ProcessEnv;
    let mainPort: number;
    let statusPort: number;
    let base: string;
    let token: string;
    let seeded: { pageId: string; postId: string };

    before(async () => {
      db = await createTestDatabase(dialect);
      mainPort = await freePort();
      statusPort = await freePort();
      base = `http://127.0.0.1:${mainPort}`;
      env = {
        ...serverEnv(db, mainPort),
        FENGHUO_STATUS_PORT: String(statusPort),
        FENGHUO_STATUS_PROCESSES: '2',
        FENGHUO_PUBLIC_URL: 'https://status-test.example',
        FENGHUO_PAGING: 'off',
        FENGHUO_MONITORS: 'off',
      };
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'status-e2e', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();
      seeded = await seedPage(base, token);
    });
    after(async () => {
      if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await db?.drop();
    });

    it('runs FENGHUO_STATUS_PROCESSES children, listening on the status port', async () => {
      const pids = childrenOf(server.child.pid as number);
      assert.equal(pids.length, 2, `children: ${pids.join(', ')}`);
      const ready = await send(statusPort, '/readyz');
      assert.equal(ready.status, 200);
      assert.deepEqual(JSON.parse(ready.body.toString()), { status: 'ready', database: dialect });
    });

    it('serves the page, summary.json, feeds and badges with the same bytes and ETag as the main server', async () => {
      for (const [path, headers] of REPRESENTATIONS) {
        // Every process polls for the seeding's changes (each child on its own 500 ms timer) and
        // rebuilds; wait until the main server and six new connections (landing on either child)
        // all agree, then compare closely.
        const agreed = await waitFor(`${path} the same on both ports and both children`, 5, async () => {
          const main = await send(mainPort, path, headers);
          const answers = await Promise.all(Array.from({ length: 6 }, () => send(statusPort, path, headers)));
          return answers.every((a) => a.status === 200 && a.headers.etag === main.headers.etag)
            ? { main, status: answers[0] as Answer }
            : null;
        });
        const { main, status } = agreed;
        assert.equal(status.status, 200, path);
        assert.ok(status.body.equals(main.body), `${path}: bodies differ`);
        for (const name of ['content-type', 'content-encoding', 'cache-control', 'vary', 'last-modified', 'content-security-policy']) {
          assert.equal(status.headers[name], main.headers[name], `${path}: ${name}`);
        }
        assert.equal(status.headers['set-cookie'], undefined);
      }
      const page = text(await send(statusPort, '/status/acme?lang=en'));
      assert.ok(page.includes('Logins fail') && page.includes('Acme &lt;script&gt;'));
    });

    it('answers 304 to If-None-Match with the tag either port gave', async () => {
      const first = await send(mainPort, '/status/acme/summary.json', { 'accept-encoding': 'gzip' });
      const etag = first.headers.etag ?? '';
      const again = await send(statusPort, '/status/acme/summary.json', { 'accept-encoding': 'gzip', 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.equal((await send(statusPort, '/status/acme/summary.json', { 'if-none-match': '"stale"' })).status, 200);
    });

    it('shows an update published on the main port within a second', async () => {
      const needle = `update-${Date.now()}`;
      const before = await send(statusPort, '/status/acme?lang=en', { 'accept-encoding': 'gzip' });
      const res = await fetch(`${base}/api/v1/status-pages/${seeded.pageId}/incidents/${seeded.postId}/updates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ stage: 'identified', body: `Root cause found ${needle}` }),
      });
      assert.equal(res.status, 201, await res.text());
      const published = Date.now();
      const seen = await waitFor('the update on the status port', 5, async () => {
        const [html, json] = await Promise.all([
          send(statusPort, '/status/acme?lang=en', { 'accept-encoding': 'gzip', 'if-none-match': before.headers.etag ?? '' }),
          send(statusPort, '/status/acme/summary.json'),
        ]);
        return html.status === 200 && text(html).includes(needle) && text(json).includes(needle) ? Date.now() - published : null;
      });
      assert.ok(seen <= 1000, `took ${seen} ms`);
    });

    it('answers unknown slugs, hostile Host headers and huge query strings as the main server does', async () => {
      const cases: Array<[string, Record<string, string>, number]> = [
        ['/status/nope', {}, 404],
        ['/status/nope/summary.json', {}, 404],
        ['/status/%3Cscript%3E', {}, 404],
        [`/status/${'a'.repeat(700)}`, {}, 414],
        [`/status/acme?lang=${'x'.repeat(3000)}`, {}, 414],
        [`/summary.json?q=${'x'.repeat(3000)}`, { host: 'status.acme.test' }, 414],
        ['/status/acme/badge.svg?type=bogus', {}, 400],
        ['/summary.json', { host: 'evil.example' }, 404],
        ['/feed.rss', { host: 'a'.repeat(300) }, 404],
        ['/summary.json', { host: 'user@status.acme.test' }, 404],
        ['/summary.json', { host: 'status.acme.test:99999x' }, 404],
      ];
      for (const [path, headers, status] of cases) {
        const [main, mine] = await Promise.all([send(mainPort, path, headers), send(statusPort, path, headers)]);
        assert.equal(mine.status, status, `${path.slice(0, 60)} ${JSON.stringify(headers).slice(0, 60)}`);
        assert.equal(mine.headers['set-cookie'], undefined);
        assert.equal(main.status, status, `main: ${path.slice(0, 60)}`);
        assert.ok(mine.body.equals(main.body), `${path.slice(0, 60)}: bodies differ`);
      }
      const poisoned = text(await send(statusPort, '/status/acme/feed.atom', { host: 'evil.example' }));
      assert.ok(!poisoned.includes('evil.example'));
      // Only the public status surface is there: no API, no admin routes of the subscription module.
      for (const path of ['/api/v1/incidents', `/api/v1/status-pages/${seeded.pageId}/subscribers`]) {
        assert.equal((await send(statusPort, path, { authorization: `Bearer ${token}` })).status, 404, path);
      }
    });

    it('takes the subscribe form, and the subscriber is there for the main server', async () => {
      const form = await send(
        statusPort,
        '/status/acme/subscribe',
        { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        'POST',
        'email=reader%40example.com&locale=en',
      );
      assert.equal(form.status, 202, form.body.toString());
      assert.match(form.headers['content-type'] ?? '', /^text\/html/);
      assert.equal(form.headers['set-cookie'], undefined);
      const bad = await send(
        statusPort,
        '/status/acme/subscribe',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'POST',
        'email=nope',
      );
      assert.equal(bad.status, 400);
      const list = await fetch(`${base}/api/v1/status-pages/${seeded.pageId}/subscribers`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await list.json()) as { items: Array<{ kind: string; address: string; confirmed: boolean }> };
      assert.deepEqual(
        body.items.map((s) => [s.kind, s.address, s.confirmed]),
        [['email', 'r***@example.com', false]],
      );
    });

    it('starts a crashed status process again', async () => {
      const pids = childrenOf(server.child.pid as number);
      const victim = pids[0] as number;
      process.kill(victim, 'SIGKILL');
      const replaced = await waitFor('a new status process', 20, () => {
        const now = childrenOf(server.child.pid as number);
        return now.length === 2 && !now.includes(victim) ? now : null;
      });
      assert.ok(replaced.includes(pids[1] as number), 'the other child was left alone');
      await waitFor('the new child serving', 20, async () => {
        for (let i = 0; i < 6; i++) if ((await send(statusPort, '/status/acme/summary.json')).status !== 200) return null;
        return true;
      });
    });

    it('stops its status processes when it stops', async () => {
      const pids = childrenOf(server.child.pid as number);
      assert.equal(pids.length, 2);
      await server.stop();
      assert.equal(server.child.exitCode, 0);
      await waitFor('the children gone', 10, () => (pids.some(isAlive) ? null : true));
      await assert.rejects(send(statusPort, '/status/acme'));
    });
  });
}

describe('status processes outlive neither a SIGKILLed server nor bad configuration (sqlite)', { timeout: 240_000 }, () => {
  let db: TestDatabase;
  let mainPort: number;
  let env: NodeJS.ProcessEnv;
  const started: ChildProcess[] = [];

  before(async () => {
    db = await createTestDatabase('sqlite');
    mainPort = await freePort();
    env = { ...serverEnv(db, mainPort), FENGHUO_PAGING: 'off', FENGHUO_MONITORS: 'off' };
  });
  after(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db.drop();
  });

  it('children exit when the server is SIGKILLed', async () => {
    const statusPort = await freePort();
    const server = await startServer(
      { ...env, FENGHUO_STATUS_PORT: String(statusPort), FENGHUO_STATUS_PROCESSES: '2' },
      `http://127.0.0.1:${mainPort}`,
    );
    started.push(server.child);
    const pids = childrenOf(server.child.pid as number);
    assert.equal(pids.length, 2);
    assert.equal((await send(statusPort, '/healthz')).status, 200);
    server.child.kill('SIGKILL');
    await stopped(server.child);
    await waitFor('orphaned status processes gone', 10, () => (pids.some(isAlive) ? null : true));
  });

  it('`fenghuo serve-status` serves the same pages on its own, from the same database', async () => {
    const server = await startServer(env, `http://127.0.0.1:${mainPort}`);
    started.push(server.child);
    const created = cli(env, ['token', 'create', '--name', 'standalone', '--role', 'admin']);
    assert.equal(created.status, 0, created.stderr);
    await seedPage(`http://127.0.0.1:${mainPort}`, created.stdout.trim());
    const statusPort = await freePort();
    const alone = spawn(process.execPath, [BIN, 'serve-status'], {
      env: { ...env, FENGHUO_STATUS_PORT: String(statusPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(alone);
    let output = '';
    alone.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(`serve-status listening (${output})`, 30, async () =>
      (await send(statusPort, '/readyz').catch(() => null))?.status === 200 ? true : null,
    );
    const agreed = await waitFor('the same page on both', 5, async () => {
      const [main, mine] = await Promise.all([send(mainPort, '/status/acme/summary.json'), send(statusPort, '/status/acme/summary.json')]);
      return main.headers.etag === mine.headers.etag ? mine : null;
    });
    assert.equal(agreed.status, 200);
    alone.kill('SIGTERM');
    await stopped(alone);
    assert.equal(alone.exitCode, 0, output);
    await server.stop();
  });

  it('refuses bad status settings, naming the variable', () => {
    const bad: Array<[Record<string, string>, string[], RegExp]> = [
      [{ FENGHUO_STATUS_PORT: 'eighty' }, ['serve'], /FENGHUO_STATUS_PORT: must be a whole number/],
      [{ FENGHUO_STATUS_PORT: '70000' }, ['serve'], /FENGHUO_STATUS_PORT: must be between 1 and 65535/],
      [{ FENGHUO_STATUS_PORT: String(mainPort) }, ['serve'], /FENGHUO_STATUS_PORT: must differ from FENGHUO_PORT/],
      [{ FENGHUO_STATUS_PORT: '8181', FENGHUO_STATUS_PROCESSES: '0' }, ['serve'], /FENGHUO_STATUS_PROCESSES: must be between 1 and 64/],
      [{ FENGHUO_STATUS_FAST_PATH: 'maybe' }, ['serve'], /FENGHUO_STATUS_FAST_PATH: must be true or false/],
      [{}, ['serve-status'], /FENGHUO_STATUS_PORT: must be set to run serve-status/],
    ];
    for (const [extra, args, message] of bad) {
      const res = cli({ ...env, ...extra }, args);
      assert.equal(res.status, 2, `${JSON.stringify(extra)}: ${res.stderr}`);
      assert.match(res.stderr, message);
    }
  });

  it('stops start-up when the status port is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const res = cli({ ...env, FENGHUO_STATUS_PORT: String(taken) }, ['serve']);
      assert.equal(res.status, 1, res.stderr);
      assert.match(res.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${taken} \\(FENGHUO_STATUS_PORT\\): EADDRINUSE`));
      assert.match(res.stderr, /a status process exited \(code 1\) before it listened/);
    } finally {
      blocker.close();
    }
  });
});
