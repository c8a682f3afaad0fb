import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkContext, hangs, startSilentServer, timed, unusedPort, type TestServer } from '../testing/servers.js';
import { createTcpCheck, tcpCheck } from './tcp.js';

describe('tcp check', () => {
  let listener: TestServer;
  before(async () => {
    listener = await startSilentServer();
  });
  after(() => listener.close());

  it('a listening port → up, with the connect time; the connection is closed again', async () => {
    const before = listener.connections();
    const result = await tcpCheck.run({ host: '127.0.0.1', port: listener.port }, checkContext());
    assert.equal(result.status, 'up');
    assert.equal(result.error, null);
    assert.ok(result.latencyMs !== null && result.latencyMs >= 0 && result.latencyMs < 1_000);
    assert.equal(listener.connections() - before, 1);
  });

  it('a closed port → down "connection refused"', async () => {
    const port = await unusedPort();
    assert.deepEqual(await tcpCheck.run({ host: '127.0.0.1', port }, checkContext()), {
      status: 'down',
      latencyMs: null,
      error: 'connection refused',
    });
  });

  it('no connection within the budget → down "timed out", on time', async () => {
    // The lookup never answers, so the connection never starts (a loopback connect cannot hang).
    const check = createTcpCheck({ lookup: hangs });
    const { value, ms } = await timed(() => check.run({ host: 'db.internal.example', port: 5432 }, checkContext({ timeoutMs: 200 })));
    assert.deepEqual(value, { status: 'down', latencyMs: null, error: 'timed out after 200 ms' });
    assert.ok(ms >= 195 && ms < 500, `${ms} ms`);
  });

  it('ctx.signal: an abort ends the run at once', async () => {
    const abort = new AbortController();
    const check = createTcpCheck({ lookup: hangs });
    setTimeout(() => abort.abort(), 50);
    const { value, ms } = await timed(() => check.run({ host: 'db.internal.example', port: 5432 }, checkContext({ signal: abort.signal })));
    assert.deepEqual([value.status, value.error], ['down', 'aborted']);
    assert.ok(ms < 300, `${ms} ms`);
  });

  it('validateConfig names the offending fields', () => {
    const fields = (config: unknown): string[] => tcpCheck.validateConfig(config).map((i) => i.field);
    assert.deepEqual(fields({ host: 'db.internal.example', port: 5432 }), []);
    assert.deepEqual(fields({ host: '10.0.0.5', port: 1 }), []);
    assert.deepEqual(fields({ host: '2001:db8::1', port: 65535 }), []);
    assert.deepEqual(fields({ host: 'db', port: 0 }), ['config.port']);
    assert.deepEqual(fields({ host: 'db', port: 65536 }), ['config.port']);
    assert.deepEqual(fields({ host: 'db', port: 80.5 }), ['config.port']);
    assert.deepEqual(fields({ host: '', port: 80 }), ['config.host']);
    assert.deepEqual(fields({ host: 'http://db', port: 80 }), ['config.host']);
    assert.deepEqual(fields({ host: 'db' }), ['config.port']);
    assert.deepEqual(fields({ host: 'db', port: 80, tls: true }), ['config.tls']);
  });
});
