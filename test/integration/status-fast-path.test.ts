// The status processes' fast path (src/inform/fast-path.ts) against the full routes: two status
// apps over the same database, one answering cache hits on raw node:http and one sending every
// request through Fastify, get the same requests — pages, feeds, badges, conditional requests,
// odd queries, unknown slugs, hostile Host headers, huge query strings — and must give the same
// status, headers and bytes. Only `x-request-id` (a per-request id the fast path does not make)
// may differ. The fast app counts what its fast path answered, so each case also says which did.

import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { buildStatusApp, type StatusApp } from '../../src/cli/status-app.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type CallResult, type TestApp } from '../helpers/test-app.js';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Connection-level headers, and the per-request id. */
const IGNORED = new Set(['date', 'connection', 'keep-alive', 'x-request-id']);

function request(port: number, method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** One answer read off a raw connection. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A client that writes bytes on one connection and reads answers off it in order (Content-Length
 * bodies; none for 304 or when told the request was a HEAD).
 */
class RawClient {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  ended = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiting?.();
    });
    socket.on('end', () => {
      this.ended = true;
      this.waiting?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  write(text: string): void {
    this.socket.write(text, 'latin1');
  }

  private async more(): Promise<void> {
    if (this.ended) throw new Error('the connection ended before the answer was complete');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5_000);
      this.waiting = () => {
        clearTimeout(timer);
        this.waiting = null;
        resolve();
      };
    });
  }

  async read(head = false): Promise<RawAnswer> {
    let end = this.buffered.indexOf('\r\n\r\n');
    while (end === -1) {
      await this.more();
      end = this.buffered.indexOf('\r\n\r\n');
    }
    const [statusLine, ...lines] = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusLine?.split(' ')[1]);
    const length = head || status === 304 ? 0 : Number(headers['content-length'] ?? 0);
    while (this.buffered.length < end + 4 + length) await this.more();
    const body = this.buffered.subarray(end + 4, end + 4 + length);
    this.buffered = this.buffered.subarray(end + 4 + length);
    return { status, headers, body };
  }

  async closed(): Promise<void> {
    while (!this.ended) await this.more().catch(() => undefined);
  }
}

const comparable = (a: Answer) => Object.fromEntries(Object.entries(a.headers).filter(([k]) => !IGNORED.has(k)));

async function listen(app: StatusApp): Promise<number> {
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  return (app.app.server.address() as AddressInfo).port;
}

for (const dialect of DIALECTS) {
  describe(`status fast path = the routes (${dialect})`, () => {
    let t: TestApp;
    let fast: StatusApp;
    let slow: StatusApp;
    let fastPort: number;
    let slowPort: number;
    let componentId = '';
    const ok = (res: CallResult, what: string): CallResult => {
      assert.ok(res.status === 201 || res.status === 200, `${what}: ${res.status} ${res.text}`);
      return res;
    };

    before(async () => {
      t = await startTestApp(dialect);
      const page = ok(
        await t.call('POST', '/api/v1/status-pages', {
          body: { slug: 'acme', name: 'Acme <b>', hostnames: ['status.acme.test'], defaultLocale: 'zh-CN' },
        }),
        'page',
      ).body as { id: string };
      const base = `/api/v1/status-pages/${page.id}`;
      componentId = (
        ok(await t.call('POST', `${base}/components`, { body: { name: 'API', group: 'Core' } }), 'component').body as { id: string }
      ).id;
      ok(
        await t.call('POST', `${base}/incidents`, {
          body: { title: 'Logins fail', impact: 'major', components: [{ id: componentId, status: 'partial_outage' }], body: 'Looking.' },
        }),
        'incident',
      );
      const options = {
        bodyLimitBytes: 1024 * 1024,
        sessionHours: 12,
        cookieSecure: false,
        publicUrl: 'https://fenghuo.example',
        logger: false,
      };
      fast = await buildStatusApp(t.deps, { ...options, fastPath: true });
      slow = await buildStatusApp(t.deps, { ...options, fastPath: false });
      fastPort = await listen(fast);
      slowPort = await listen(slow);
    });
    after(async () => {
      await fast?.app.close();
      await slow?.app.close();
      await t?.close();
    });

    /** Asks both twice (the first may build and render), compares every answer; true when the fast path answered the second. */
    async function same(
      method: string,
      path: string,
      headers: Record<string, string> = {},
    ): Promise<{ answer: Answer; fastPath: boolean }> {
      let last: Answer | null = null;
      let fastPath = false;
      for (let round = 0; round < 2; round++) {
        const before = fast.fastAnswers();
        const [a, b] = await Promise.all([request(fastPort, method, path, headers), request(slowPort, method, path, headers)]);
        const what = `${method} ${path.slice(0, 80)} ${JSON.stringify(headers).slice(0, 120)}`;
        assert.equal(a.status, b.status, what);
        assert.deepEqual(comparable(a), comparable(b), what);
        assert.ok(a.body.equals(b.body), `${what}: bodies differ`);
        assert.equal(a.headers['set-cookie'], undefined, what);
        fastPath = fast.fastAnswers() === before + 1;
        assert.equal(slow.fastAnswers(), 0);
        last = a;
      }
      return { answer: last as Answer, fastPath };
    }

    it('answers every representation the same, and from the fast path once rendered', async () => {
      const browsers: Array<Record<string, string>> = [
        { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' },
        { 'accept-language': 'en-GB' },
        { 'accept-encoding': 'gzip;q=0, identity' },
        { 'accept-encoding': 'gzip' },
        { 'accept-encoding': 'br;q=0.5, gzip' },
        { 'accept-encoding': '*' },
        {},
      ];
      const paths = [
        '/status/acme',
        '/status/acme/summary.json',
        '/status/acme/feed.rss',
        '/status/acme/feed.atom',
        '/status/acme/badge.svg',
        `/status/acme/badge.svg?type=uptime&component=${componentId}&lang=en`,
        '/status/acme?lang=en',
        '/status/acme?lang=en&lang=zh-CN',
        '/status/acme?lang=en&utm_source=newsletter',
        '/status/acme?lang=',
        '/status/ACME',
      ];
      for (const path of paths) {
        for (const headers of browsers) {
          for (const method of ['GET', 'HEAD']) {
            const { answer, fastPath } = await same(method, path, headers);
            assert.equal(answer.status, 200, path);
            assert.ok(fastPath, `${method} ${path} ${JSON.stringify(headers)}: not from the fast path`);
          }
        }
      }
      const onDomain = await same('GET', '/summary.json', { host: 'Status.Acme.test:8443', 'accept-encoding': 'gzip' });
      assert.equal(onDomain.answer.status, 200);
      assert.ok(onDomain.fastPath);
    });

    it('answers conditional requests the same: 304 for a tag it gave, 200 otherwise', async () => {
      for (const encoding of ['br', 'gzip', 'identity']) {
        const first = await same('GET', '/status/acme', { 'accept-encoding': encoding });
        const etag = first.answer.headers.etag ?? '';
        const lastModified = first.answer.headers['last-modified'] ?? '';
        const matching: Array<Record<string, string>> = [
          { 'if-none-match': etag },
          { 'if-none-match': `"other", W/${etag}` },
          { 'if-none-match': '*' },
          { 'if-modified-since': lastModified },
        ];
        for (const headers of matching) {
          const res = await same('GET', '/status/acme', { 'accept-encoding': encoding, ...headers });
          assert.equal(res.answer.status, 304, JSON.stringify(headers));
          assert.equal(res.answer.body.length, 0);
          assert.ok(res.fastPath);
        }
        const changed: Array<Record<string, string>> = [
          { 'if-none-match': '"other"' },
          { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' },
        ];
        for (const headers of changed) {
          assert.equal((await same('GET', '/status/acme', { 'accept-encoding': encoding, ...headers })).answer.status, 200);
        }
      }
    });

    it('leaves odd requests to the routes, which answer them as the main server does', async () => {
      const long = 'x'.repeat(3000);
      const cases: Array<[string, string, Record<string, string>, number]> = [
        ['GET', '/status/nope', {}, 404],
        ['GET', '/status/nope/summary.json', {}, 404],
        ['GET', '/status/%3Cscript%3E', {}, 404],
        ['GET', `/status/${'a'.repeat(500)}`, {}, 404],
        ['GET', `/status/${'a'.repeat(700)}`, {}, 414],
        ['GET', `/status/acme?lang=${long}`, {}, 414],
        ['GET', `/?q=${long}`, { host: 'status.acme.test' }, 414],
        ['GET', '/status/acme?lang=en%20', {}, 200],
        ['GET', '/status/acme?lang=zh+CN', {}, 200],
        ['GET', '/status/acme?&lang=en', {}, 200],
        ['GET', '/status/acme?lang=en&', {}, 200],
        ['GET', '/status/acme?lang', {}, 200],
        ['GET', '/status/ac%6De', {}, 200],
        ['GET', '/status/acme/', {}, 404],
        ['GET', '/status//acme', {}, 404],
        ['GET', '/status/acme/badge.svg?type=bogus', {}, 400],
        ['GET', '/status/acme/badge.svg?type=', {}, 400],
        ['GET', '/status/acme/badge.svg?component=nope', {}, 404],
        ['GET', `/status/acme/badge.svg?component=${'c'.repeat(300)}`, {}, 400],
        ['POST', '/status/acme', {}, 404],
        ['DELETE', '/status/acme/summary.json', {}, 404],
        ['GET', '/api/v1/status-pages', {}, 404],
        ['GET', '/status/acme/subscriptions/confirm?token=nope', {}, 404],
      ];
      for (const [method, path, headers, status] of cases) {
        const { answer, fastPath } = await same(method, path, headers);
        assert.equal(answer.status, status, `${method} ${path.slice(0, 60)}`);
        if (status !== 200) assert.ok(!fastPath, `${path.slice(0, 60)}: an error is the routes' to give`);
      }
    });

    it('answers plain requests on the socket: keep-alive, pipelined, with the headers node:http adds', async () => {
      const reference = await request(slowPort, 'GET', '/status/acme', { 'accept-encoding': 'gzip' });
      const json = await request(slowPort, 'GET', '/status/acme/summary.json', {});
      const client = await RawClient.open(fastPort);
      try {
        const before = fast.fastAnswers();
        const socketBefore = fast.socketAnswers();
        client.write(
          'GET /status/acme HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n' +
            'GET /status/acme/summary.json HTTP/1.1\r\nhost: localhost\r\nconnection: keep-alive\r\n\r\n' +
            'HEAD /status/acme HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n',
        );
        const [first, second, third] = [await client.read(), await client.read(), await client.read(true)];
        assert.equal(first.status, 200);
        assert.deepEqual(comparable(first), comparable(reference));
        assert.ok(first.body.equals(reference.body));
        assert.equal(first.headers.connection, 'keep-alive');
        assert.equal(first.headers['keep-alive'], 'timeout=72');
        assert.ok(Math.abs(Date.parse(first.headers.date ?? '') - Date.now()) < 5_000, first.headers.date);
        assert.equal(second.status, 200);
        assert.ok(second.body.equals(json.body));
        assert.equal(third.status, 200);
        assert.deepEqual(comparable(third), comparable(reference));
        assert.equal(fast.fastAnswers(), before + 3);
        assert.equal(fast.socketAnswers(), socketBefore + 3);

        // An If-None-Match it gave: 304 without a body, on the same connection.
        client.write(
          `GET /status/acme HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nIf-None-Match: ${reference.headers.etag}\r\n\r\n`,
        );
        const notModified = await client.read();
        assert.equal(notModified.status, 304);
        assert.equal(notModified.body.length, 0);
        assert.equal(notModified.headers.etag, reference.headers.etag);
      } finally {
        client.socket.destroy();
      }
    });

    it('hands a connection to node:http at its first request that is not plain, and answers everything in order', async () => {
      // How many of each case's answers were given on the socket: only plain requests before the first that is not.
      const cases: Array<{ what: string; bytes: string[]; statuses: number[]; onSocket?: number }> = [
        {
          what: 'a plain GET, a POST, then GETs (answered by node:http from then on)',
          bytes: [
            'GET /status/acme HTTP/1.1\r\nHost: a\r\n\r\n' +
              'POST /status/acme HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n' +
              'GET /status/nope HTTP/1.1\r\nHost: a\r\n\r\n' +
              'GET /status/acme/feed.rss HTTP/1.1\r\nHost: a\r\n\r\n',
          ],
          statuses: [200, 404, 404, 200],
          onSocket: 1,
        },
        { what: 'a head split over two writes', bytes: ['GET /status/acme HTTP/1.1\r\nHo', 'st: a\r\n\r\n'], statuses: [200] },
        { what: 'HTTP/1.0', bytes: ['GET /status/acme HTTP/1.0\r\nHost: a\r\n\r\n'], statuses: [200] },
        { what: 'no Host', bytes: ['GET /status/acme HTTP/1.1\r\n\r\n'], statuses: [400] },
        { what: 'two Hosts', bytes: ['GET /status/acme HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'], statuses: [200] },
        { what: 'a space before the colon', bytes: ['GET /status/acme HTTP/1.1\r\nHost : a\r\n\r\n'], statuses: [400] },
        { what: 'a body on a GET', bytes: ['GET /status/acme HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi'], statuses: [200] },
        { what: 'a bare LF', bytes: ['GET /status/acme HTTP/1.1\nHost: a\r\n\r\n'], statuses: [400] },
        { what: 'garbage', bytes: ['BLAH\r\n\r\n'], statuses: [400] },
        { what: 'an unknown page', bytes: ['GET /status/nope HTTP/1.1\r\nHost: a\r\n\r\n'], statuses: [404] },
        { what: 'a percent-encoded slug', bytes: ['GET /status/ac%6De HTTP/1.1\r\nHost: a\r\n\r\n'], statuses: [200] },
      ];
      for (const { what, bytes, statuses, onSocket = 0 } of cases) {
        const client = await RawClient.open(fastPort);
        const before = fast.socketAnswers();
        try {
          for (const [i, part] of bytes.entries()) {
            if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
            client.write(part);
          }
          const got: number[] = [];
          for (let i = 0; i < statuses.length; i++) got.push((await client.read()).status);
          assert.deepEqual(got, statuses, what);
          assert.equal(fast.socketAnswers() - before, onSocket, `${what}: answers given on the socket`);
        } finally {
          client.socket.destroy();
        }
      }
    });

    it('closes the connection after an answer to Connection: close', async () => {
      const client = await RawClient.open(fastPort);
      const before = fast.fastAnswers();
      const socketBefore = fast.socketAnswers();
      client.write('GET /status/acme HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
      const answer = await client.read();
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.connection, 'close');
      await client.closed();
      assert.equal(fast.fastAnswers(), before + 1);
      assert.equal(fast.socketAnswers(), socketBefore + 1);
    });

    it('closes the connections it reads when the app closes, without waiting for their keep-alive timeout', async () => {
      const own = await buildStatusApp(t.deps, {
        bodyLimitBytes: 1024 * 1024,
        sessionHours: 12,
        cookieSecure: false,
        publicUrl: 'https://fenghuo.example',
        logger: false,
        fastPath: true,
      });
      const port = await listen(own);
      const first = await RawClient.open(port);
      first.write('GET /status/acme HTTP/1.1\r\nHost: a\r\n\r\n');
      assert.equal((await first.read()).status, 200, 'rendered and answered by the routes');
      first.socket.destroy();
      const client = await RawClient.open(port);
      client.write('GET /status/acme HTTP/1.1\r\nHost: a\r\n\r\n');
      assert.equal((await client.read()).status, 200);
      assert.equal(own.socketAnswers(), 1, 'the second connection is answered on the socket');
      const started = Date.now();
      await own.app.close();
      await client.closed();
      assert.ok(Date.now() - started < 3_000, `closing took ${Date.now() - started} ms`);
    });

    it('serves nothing for hosts that are not a page’s, however hostile', async () => {
      const hostile = [
        'localhost',
        `${'a'.repeat(63)}.`.repeat(5),
        'a'.repeat(300),
        'status.acme.test/evil',
        'user@status.acme.test',
        'status.acme.test:99999x',
        '[::1]:8080',
        'evil.example',
      ];
      for (const host of hostile) {
        for (const path of ['/', '/summary.json', '/feed.rss', '/badge.svg']) {
          const { answer, fastPath } = await same('GET', path, { host });
          assert.equal(answer.status, 404, `${host.slice(0, 40)} ${path}`);
          assert.ok(!fastPath);
        }
      }
      // A hostile Host on a slug URL does not reach the cached links.
      const feed = await same('GET', '/status/acme/feed.atom', { host: 'evil.example' });
      assert.equal(feed.answer.status, 200);
      assert.ok(!feed.answer.body.toString().includes('evil.example'));
    });
  });
}
