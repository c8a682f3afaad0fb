import assert from 'node:assert/strict';
import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { checkContext, findsNothing, startHttpServer, timed, unusedPort, type TestServer } from '../testing/servers.js';
import { createHttpCheck, httpCheck, type HttpCheckConfig } from './http.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const BIG = `START${'a'.repeat(70_000)}NEEDLE`;
const DOC = { status: 'ok', n: 3, nil: null, items: [{ ok: true }, { ok: false }], 'weird key': { 'a.b': 1 } };

/** The routes every test here talks to; records each request it gets. */
function routes(seen: Seen[], other: () => string): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      seen.push({ method: req.method ?? '', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const redirect = /^\/redirect\/(\d+)$/.exec(url);
      const status = /^\/status\/(\d{3})$/.exec(url);
      if (url === '/ok') res.end('all ok');
      else if (status) res.writeHead(Number(status[1])).end();
      else if (url === '/json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(DOC));
      else if (url === '/big') res.end(BIG);
      else if (url === '/slow') setTimeout(() => res.end('ok'), 300);
      else if (redirect) res.writeHead(302, { location: Number(redirect[1]) > 0 ? `/redirect/${Number(redirect[1]) - 1}` : '/ok' }).end();
      else if (url === '/see-other') res.writeHead(303, { location: '/ok' }).end();
      else if (url === '/temporary') res.writeHead(307, { location: '/ok' }).end();
      else if (url === '/cross') res.writeHead(302, { location: `${other()}/ok` }).end();
      else if (url === '/same') res.writeHead(301, { location: '/ok' }).end();
      else if (url === '/reset') req.socket.destroy();
      else if (url === '/cut') {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('partial');
        setTimeout(() => req.socket.destroy(), 20);
      } else if (url !== '/hang') res.writeHead(404).end();
    });
  };
}

describe('http check', () => {
  const seen: Seen[] = [];
  const otherSeen: Seen[] = [];
  let server: TestServer;
  let other: TestServer;
  const run = (config: Partial<HttpCheckConfig> & { path?: string }, timeoutMs = 2_000) => {
    const { path = '/ok', ...rest } = config;
    return httpCheck.run({ url: `${server.origin}${path}`, ...rest }, checkContext({ timeoutMs }));
  };
  before(async () => {
    other = await startHttpServer(routes(otherSeen, () => server.origin));
    server = await startHttpServer(routes(seen, () => other.origin));
  });
  after(async () => {
    await server.close();
    await other.close();
  });

  it('200 → up, with the latency to the answer', async () => {
    const result = await run({});
    assert.equal(result.status, 'up');
    assert.equal(result.error, null);
    assert.ok(result.latencyMs !== null && result.latencyMs >= 0 && result.latencyMs < 1_000, String(result.latencyMs));
  });

  it('opens a new connection for every run, sequential or concurrent', async () => {
    const before = server.connections();
    for (let i = 0; i < 3; i++) assert.equal((await run({})).status, 'up');
    const results = await Promise.all([run({}), run({}), run({})]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['up', 'up', 'up'],
    );
    assert.equal(server.connections() - before, 6);
  });

  it('sends the method, headers and body; adds a user agent and no keep-alive', async () => {
    await run({
      path: '/echo',
      method: 'PUT',
      headers: { 'X-Team': 'sre', 'Content-Type': 'text/plain' },
      body: '你好',
      expectedStatus: ['404'],
    });
    const req = seen.at(-1)!;
    assert.equal(req.method, 'PUT');
    assert.equal(req.headers['x-team'], 'sre');
    assert.equal(req.headers['content-type'], 'text/plain');
    assert.equal(req.headers['content-length'], String(Buffer.byteLength('你好')));
    assert.equal(req.body, '你好');
    assert.equal(req.headers['user-agent'], 'Fenghuo-Monitor/1');
    assert.equal(req.headers['connection'], 'close');
    await run({ headers: { 'User-Agent': 'probe/2' } });
    assert.equal(seen.at(-1)!.headers['user-agent'], 'probe/2');
  });

  it('HEAD is sent as HEAD', async () => {
    assert.equal((await run({ method: 'HEAD' })).status, 'up');
    assert.equal(seen.at(-1)!.method, 'HEAD');
  });

  it('an unexpected status → down, with what was expected', async () => {
    const result = await run({ path: '/status/503' });
    assert.equal(result.status, 'down');
    assert.equal(result.error, 'expected 200-299, got 503');
    assert.equal(typeof result.latencyMs, 'number');
    assert.equal((await run({ path: '/status/404', expectedStatus: ['404', '500-599'] })).status, 'up');
    assert.equal((await run({ path: '/status/502', expectedStatus: ['404', '500-599'] })).status, 'up');
    assert.equal((await run({ expectedStatus: ['404', '500-599'] })).error, 'expected 404 or 500-599, got 200');
  });

  it('keyword: found → up, missing → degraded; inverted the other way round', async () => {
    assert.equal((await run({ keyword: 'all ok' })).status, 'up');
    assert.deepEqual(await run({ keyword: 'nope' }).then((r) => [r.status, r.error]), ['degraded', 'keyword "nope" not found']);
    assert.deepEqual(await run({ keyword: 'all', invertKeyword: true }).then((r) => [r.status, r.error]), [
      'degraded',
      'keyword "all" found',
    ]);
    assert.equal((await run({ keyword: 'error', invertKeyword: true })).status, 'up');
  });

  it('regex: match → up, no match → degraded', async () => {
    assert.equal((await run({ regex: '^all\\s+o[kK]$' })).status, 'up');
    assert.deepEqual(await run({ regex: '^x+$' }).then((r) => [r.status, r.error]), ['degraded', 'body does not match /^x+$/']);
  });

  it('jsonPath: the value at the path must equal `equals`', async () => {
    const json = (path: string, equals: string | number | boolean | null) => run({ path: '/json', jsonPath: { path, equals } });
    assert.equal((await json('$.status', 'ok')).status, 'up');
    assert.equal((await json('$.items[1].ok', false)).status, 'up');
    assert.equal((await json("$['weird key']['a.b']", 1)).status, 'up');
    assert.equal((await json('$.nil', null)).status, 'up');
    assert.deepEqual(await json('$.n', '3').then((r) => [r.status, r.error]), ['degraded', '$.n is 3, expected "3"']);
    assert.deepEqual(await json('$.status', 'down').then((r) => r.error), '$.status is "ok", expected "down"');
    assert.deepEqual(await json('$.items[2].ok', true).then((r) => [r.status, r.error]), ['degraded', '$.items[2].ok not found']);
    assert.deepEqual(await json('$.items', true).then((r) => r.error), '$.items is [{"ok":true},{"ok":false}], expected true');
    const notJson = await run({ jsonPath: { path: '$.status', equals: 'ok' } });
    assert.deepEqual([notJson.status, notJson.error], ['degraded', 'response is not valid JSON']);
  });

  it('reads at most 64 KB of the body', async () => {
    assert.equal((await run({ path: '/big', keyword: 'START' })).status, 'up');
    assert.deepEqual(await run({ path: '/big', keyword: 'NEEDLE' }).then((r) => [r.status, r.error]), [
      'degraded',
      'keyword "NEEDLE" not found',
    ]);
    const json = await run({ path: '/big', jsonPath: { path: '$', equals: 1 } });
    assert.equal(json.error, 'response is not valid JSON (only its first 64 KB are read)');
  });

  it('slower than maxLatencyMs → degraded, the content being right', async () => {
    const slow = await run({ path: '/slow', maxLatencyMs: 100 });
    assert.equal(slow.status, 'degraded');
    assert.ok(slow.latencyMs !== null && slow.latencyMs >= 290, String(slow.latencyMs));
    assert.equal(slow.error, `slow: ${slow.latencyMs} ms > 100 ms`);
    assert.equal((await run({ path: '/slow', maxLatencyMs: 5_000 })).status, 'up');
    // Wrong content is the more useful line when both are wrong.
    assert.equal((await run({ path: '/slow', maxLatencyMs: 100, keyword: 'nope' })).error, 'keyword "nope" not found');
  });

  it('follows up to 5 redirects; a 6th → down', async () => {
    const from = seen.length;
    assert.equal((await run({ path: '/redirect/4' })).status, 'up');
    assert.deepEqual(
      seen.slice(from).map((r) => r.url),
      ['/redirect/4', '/redirect/3', '/redirect/2', '/redirect/1', '/redirect/0', '/ok'],
    );
    assert.deepEqual(await run({ path: '/redirect/5' }).then((r) => [r.status, r.error]), ['down', 'too many redirects (more than 5)']);
  });

  it('followRedirects false: the 3xx itself is judged against expectedStatus', async () => {
    assert.equal((await run({ path: '/redirect/0', followRedirects: false })).error, 'expected 200-299, got 302');
    assert.equal((await run({ path: '/redirect/0', followRedirects: false, expectedStatus: ['301-302'] })).status, 'up');
  });

  it('303 turns a POST into a GET without body; 307 repeats it', async () => {
    await run({ path: '/see-other', method: 'POST', body: 'x=1', headers: { 'content-type': 'text/plain' } });
    const [post, get] = seen.slice(-2);
    assert.deepEqual([post!.method, post!.body, get!.method, get!.body], ['POST', 'x=1', 'GET', '']);
    assert.equal(get!.headers['content-type'], undefined);
    await run({ path: '/temporary', method: 'POST', body: 'x=1' });
    assert.deepEqual([seen.at(-1)!.url, seen.at(-1)!.method, seen.at(-1)!.body], ['/ok', 'POST', 'x=1']);
  });

  it('a redirect to another origin does not carry credentials', async () => {
    const headers = { Authorization: 'Bearer secret', 'X-Team': 'sre' };
    assert.equal((await run({ path: '/same', headers })).status, 'up');
    assert.equal(seen.at(-1)!.headers['authorization'], 'Bearer secret');
    assert.equal((await run({ path: '/cross', headers })).status, 'up');
    assert.equal(otherSeen.at(-1)!.headers['authorization'], undefined);
    assert.equal(otherSeen.at(-1)!.headers['x-team'], 'sre');
  });

  it('no answer → down "timed out after N ms", on time', async () => {
    const { value, ms } = await timed(() => run({ path: '/hang' }, 300));
    assert.deepEqual(value, { status: 'down', latencyMs: null, error: 'timed out after 300 ms' });
    assert.ok(ms >= 295 && ms < 600, `${ms} ms`);
  });

  it('connection refused, reset, cut short → down', async () => {
    const port = await unusedPort();
    const refused = await httpCheck.run({ url: `http://127.0.0.1:${port}/` }, checkContext());
    assert.deepEqual(refused, { status: 'down', latencyMs: null, error: 'connection refused' });
    assert.equal((await run({ path: '/reset' })).error, 'connection closed without an answer');
    assert.equal((await run({ path: '/cut', keyword: 'x' })).error, 'connection closed before the end of the answer');
  });

  it('a host that does not resolve → down', async () => {
    const check = createHttpCheck({ lookup: findsNothing });
    const result = await check.run({ url: 'http://status.example.invalid/' }, checkContext());
    assert.deepEqual(result, { status: 'down', latencyMs: null, error: 'host status.example.invalid not found' });
  });

  it('ctx.signal: an abort ends the run at once and closes the connection', async () => {
    const abort = new AbortController();
    const before = server.connections();
    setTimeout(() => abort.abort(), 100);
    const { value, ms } = await timed(() => httpCheck.run({ url: `${server.origin}/hang` }, checkContext({ signal: abort.signal })));
    assert.equal(value.status, 'down');
    assert.equal(value.error, 'aborted');
    assert.ok(ms < 300, `${ms} ms`);
    assert.equal(server.connections() - before, 1);
    // Already aborted: nothing is even attempted.
    const again = await httpCheck.run({ url: `${server.origin}/ok` }, checkContext({ signal: abort.signal }));
    assert.equal(again.error, 'aborted');
    assert.equal(server.connections() - before, 1);
  });

  it('hundreds of runs may share one signal without a listener-leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): number => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const signal = new AbortController().signal;
      const results = await Promise.all(
        Array.from({ length: 50 }, () => httpCheck.run({ url: `${server.origin}/ok` }, checkContext({ signal }))),
      );
      assert.ok(results.every((r) => r.status === 'up'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(
        warnings.map((w) => w.name),
        [],
      );
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('run never rejects, even on a config that was not validated', async () => {
    const result = await httpCheck.run({ url: 'not a url' }, checkContext());
    assert.equal(result.status, 'down');
    assert.match(result.error ?? '', /^invalid configuration: /);
  });
});

describe('http check: validateConfig', () => {
  const fields = (config: unknown): string[] => httpCheck.validateConfig(config).map((i) => i.field);

  it('accepts a minimal and a complete config', () => {
    assert.deepEqual(httpCheck.validateConfig({ url: 'https://status.example.com/health' }), []);
    const full: HttpCheckConfig = {
      url: 'http://10.0.0.5:8080/healthz?deep=1',
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
      body: '{}',
      expectedStatus: ['200-299', '304'],
      keyword: 'ok',
      regex: '"status":\\s*"ok"',
      invertKeyword: false,
      jsonPath: { path: "$.checks[0]['db ok']", equals: true },
      maxLatencyMs: 1_000,
      followRedirects: false,
      verifyTls: false,
    };
    assert.deepEqual(httpCheck.validateConfig(full), []);
  });

  it('names the offending fields', () => {
    assert.deepEqual(fields({}), ['config.url']);
    assert.deepEqual(fields({ url: 'ftp://x.example/' }), ['config.url']);
    assert.deepEqual(fields({ url: 'https://u:p@x.example/' }), ['config.url']);
    assert.deepEqual(fields({ url: 'https://x.example/', method: 'TRACE' }), ['config.method']);
    assert.deepEqual(fields({ url: 'https://x.example/', expectedStatus: ['2xx'] }), ['config.expectedStatus[0]']);
    assert.deepEqual(fields({ url: 'https://x.example/', expectedStatus: ['200', '299-200'] }), ['config.expectedStatus[1]']);
    assert.deepEqual(fields({ url: 'https://x.example/', expectedStatus: [] }), ['config.expectedStatus']);
    assert.deepEqual(fields({ url: 'https://x.example/', regex: '(unclosed' }), ['config.regex']);
    assert.deepEqual(fields({ url: 'https://x.example/', jsonPath: { path: '$..deep', equals: 1 } }), ['config.jsonPath.path']);
    assert.deepEqual(fields({ url: 'https://x.example/', jsonPath: { path: '$.a' } }), ['config.jsonPath']);
    assert.deepEqual(fields({ url: 'https://x.example/', headers: { Host: 'evil' } }), ['config.headers.Host']);
    assert.deepEqual(fields({ url: 'https://x.example/', headers: { 'X-A': 'b\r\nX-B: c' } }), ['config.headers.X-A']);
    assert.deepEqual(fields({ url: 'https://x.example/', maxLatencyMs: 0 }), ['config.maxLatencyMs']);
    assert.deepEqual(fields({ url: 'https://x.example/', method: 'HEAD', keyword: 'ok' }), ['config.method']);
    assert.deepEqual(fields({ url: 'https://x.example/', extra: 1 }), ['config.extra']);
  });
});
