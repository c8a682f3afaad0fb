import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createNodeHttpClient, type HttpRequest } from './http.js';

/** A receiver that counts connections and requests; `hangUp` decides which requests it drops unanswered. */
function receiver(hangUp: (nthOnConnection: number) => boolean) {
  const perSocket = new WeakMap<Socket, number>();
  const seen = { connections: 0, requests: 0 };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (hangUp(n)) req.socket.destroy();
      else res.end('ok');
    });
  });
  server.on('connection', () => seen.connections++);
  return { server, seen };
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const post = (url: string, reuseConnection: boolean): HttpRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json' },
  body: '{"n":1}',
  timeoutMs: 2_000,
  reuseConnection,
});

describe('node HTTP client: connections', () => {
  const plain = receiver(() => false);
  // Every second request on a connection is dropped: what a receiver closing an idle connection looks like.
  const closing = receiver((n) => n === 2);
  const hanging = receiver(() => true);
  const urls = { plain: '', closing: '', hanging: '' };

  before(async () => {
    urls.plain = await listen(plain.server);
    urls.closing = await listen(closing.server);
    urls.hanging = await listen(hanging.server);
  });
  after(() => {
    for (const r of [plain, closing, hanging]) r.server.close();
  });

  it('opens a new connection per request unless asked to reuse one', async () => {
    const client = createNodeHttpClient();
    for (let i = 0; i < 3; i++) assert.equal((await client(post(urls.plain, false))).kind, 'response');
    assert.deepEqual(plain.seen, { connections: 3, requests: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await client(post(urls.plain, true))).kind, 'response');
    assert.deepEqual(plain.seen, { connections: 4, requests: 6 });
  });

  it('a reused connection the receiver drops is tried again at once on a new one', async () => {
    const client = createNodeHttpClient();
    const first = await client(post(urls.closing, true));
    const second = await client(post(urls.closing, true));
    assert.equal(first.kind, 'response');
    assert.equal(second.kind, 'response', JSON.stringify(second));
    assert.equal(second.kind === 'response' ? second.response.body : '', 'ok');
    // The dropped request reached the receiver, so it saw it twice: why only idempotent senders reuse.
    assert.deepEqual(closing.seen, { connections: 2, requests: 3 });
  });

  it('a new connection that is dropped is not tried again: the outcome is an error after writing', async () => {
    const client = createNodeHttpClient();
    const result = await client(post(urls.hanging, true));
    assert.equal(result.kind, 'error');
    assert.equal(result.kind === 'error' ? result.written : null, true);
    assert.deepEqual(hanging.seen, { connections: 1, requests: 1 });
  });
});
