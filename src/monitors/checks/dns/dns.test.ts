import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkContext, timed } from '../testing/servers.js';
import { dnsCheck, resolverAddress, type DnsCheckConfig } from './dns.js';
import { startFakeDns, type FakeDns } from './fake-dns.js';

const ZONE = {
  'x.example': {
    A: ['10.0.0.1', '10.0.0.2'],
    AAAA: ['2001:db8::1'],
    MX: [
      { priority: 10, exchange: 'mail.x.example' },
      { priority: 20, exchange: 'backup.mail.x.example' },
    ],
    TXT: [['v=spf1 ', 'include:_spf.x.example -all'], ['hello']],
    NS: ['ns1.x.example', 'ns2.x.example'],
  },
  'www.x.example': { CNAME: 'x.example' },
  'empty.x.example': {},
};

describe('dns check', () => {
  let dns: FakeDns;
  let silent: FakeDns;
  before(async () => {
    dns = await startFakeDns(ZONE);
    silent = await startFakeDns(ZONE);
    silent.mode = 'silent';
  });
  after(async () => {
    await dns.close();
    await silent.close();
  });
  const ask = async (config: Omit<DnsCheckConfig, 'resolver'>, timeoutMs = 2_000) => {
    const r = await dnsCheck.run({ ...config, resolver: dns.address }, checkContext({ timeoutMs }));
    return [r.status, r.error];
  };

  it('an answer → up, with the time it took; asked once, of the configured server', async () => {
    const before = dns.queries.length;
    const result = await dnsCheck.run({ name: 'x.example', recordType: 'A', resolver: dns.address }, checkContext());
    assert.deepEqual([result.status, result.error], ['up', null]);
    assert.ok(result.latencyMs !== null && result.latencyMs >= 0 && result.latencyMs < 1_000);
    assert.deepEqual(dns.queries.slice(before), [{ name: 'x.example', type: 'A' }]);
  });

  it('expected: one answer must equal it, per record type', async () => {
    assert.deepEqual(await ask({ name: 'x.example', expected: '10.0.0.2' }), ['up', null]);
    assert.deepEqual(await ask({ name: 'x.example', recordType: 'AAAA', expected: '2001:0DB8:0:0::1' }), ['up', null]);
    assert.deepEqual(await ask({ name: 'www.x.example', recordType: 'CNAME', expected: 'X.Example.' }), ['up', null]);
    assert.deepEqual(await ask({ name: 'x.example', recordType: 'MX', expected: 'backup.mail.x.example' }), ['up', null]);
    assert.deepEqual(await ask({ name: 'x.example', recordType: 'TXT', expected: 'v=spf1 include:_spf.x.example -all' }), ['up', null]);
    assert.deepEqual(await ask({ name: 'x.example', recordType: 'NS', expected: 'ns2.x.example' }), ['up', null]);
    // A CNAME is followed for an A question.
    assert.deepEqual(await ask({ name: 'www.x.example', expected: '10.0.0.1' }), ['up', null]);
  });

  it('answers without the expected one → degraded, listing what came', async () => {
    assert.deepEqual(await ask({ name: 'x.example', expected: '10.0.0.9' }), ['degraded', 'expected 10.0.0.9, got 10.0.0.1, 10.0.0.2']);
    assert.deepEqual(await ask({ name: 'x.example', recordType: 'MX', expected: 'mx.other.example' }), [
      'degraded',
      'expected mx.other.example, got mail.x.example, backup.mail.x.example',
    ]);
    assert.deepEqual(await ask({ name: 'x.example', recordType: 'TXT', expected: 'v=spf1 -all' }), [
      'degraded',
      'expected "v=spf1 -all", got "v=spf1 include:_spf.x.example -all", "hello"',
    ]);
  });

  it('no such name, no such record → down', async () => {
    assert.deepEqual(await ask({ name: 'nope.x.example' }), ['down', 'no A record for nope.x.example: the name does not exist']);
    assert.deepEqual(await ask({ name: 'empty.x.example', recordType: 'TXT' }), ['down', 'no TXT record for empty.x.example']);
    assert.deepEqual(await ask({ name: 'empty.x.example', recordType: 'MX' }), ['down', 'no MX record for empty.x.example']);
  });

  it('SERVFAIL and REFUSED → down', async () => {
    dns.mode = 'servfail';
    try {
      assert.deepEqual(await ask({ name: 'x.example' }), ['down', 'DNS server failed (SERVFAIL)']);
      dns.mode = 'refused';
      assert.deepEqual(await ask({ name: 'x.example' }), ['down', 'DNS server refused the query']);
    } finally {
      dns.mode = 'answer';
    }
  });

  it('no server on the port → down "connection refused"', async () => {
    const gone = await startFakeDns(ZONE);
    await gone.close();
    const result = await dnsCheck.run({ name: 'x.example', resolver: gone.address }, checkContext());
    assert.deepEqual(result, { status: 'down', latencyMs: null, error: 'connection refused' });
  });

  it('a server that does not answer → down "timed out", on time, asked once', async () => {
    const before = silent.queries.length;
    const { value, ms } = await timed(() =>
      dnsCheck.run({ name: 'x.example', resolver: silent.address }, checkContext({ timeoutMs: 300 })),
    );
    assert.deepEqual(value, { status: 'down', latencyMs: null, error: 'timed out after 300 ms' });
    assert.ok(ms >= 295 && ms < 600, `${ms} ms`);
    assert.equal(silent.queries.length - before, 1);
  });

  it('ctx.signal: an abort ends the run at once', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const { value, ms } = await timed(() =>
      dnsCheck.run({ name: 'x.example', resolver: silent.address }, checkContext({ signal: abort.signal })),
    );
    assert.deepEqual([value.status, value.error], ['down', 'aborted']);
    assert.ok(ms < 300, `${ms} ms`);
  });

  it('resolverAddress accepts "ip" and "ip:port" only', () => {
    assert.equal(resolverAddress('1.1.1.1'), '1.1.1.1');
    assert.equal(resolverAddress('127.0.0.1:5353'), '127.0.0.1:5353');
    assert.equal(resolverAddress('2606:4700:4700::1111'), '2606:4700:4700::1111');
    assert.equal(resolverAddress('[::1]:5353'), '[::1]:5353');
    for (const bad of ['dns.google', '1.1.1.1:0', '1.1.1.1:65536', '::1:53x', '1.1.1:53', '[1.1.1.1]:53x'])
      assert.equal(resolverAddress(bad), null, bad);
  });

  it('validateConfig names the offending fields', () => {
    const fields = (config: unknown): string[] => dnsCheck.validateConfig(config).map((i) => i.field);
    assert.deepEqual(fields({ name: 'x.example' }), []);
    assert.deepEqual(fields({ name: '_dmarc.x.example.', recordType: 'TXT', resolver: '[::1]:53', expected: 'v=DMARC1; p=reject' }), []);
    assert.deepEqual(fields({ name: 'x.example', recordType: 'AAAA', resolver: null, expected: '2001:db8::1' }), []);
    assert.deepEqual(fields({}), ['config.name']);
    assert.deepEqual(fields({ name: 'not a name' }), ['config.name']);
    assert.deepEqual(fields({ name: 'x.example', recordType: 'SRV' }), ['config.recordType']);
    assert.deepEqual(fields({ name: 'x.example', resolver: 'dns.google' }), ['config.resolver']);
    assert.deepEqual(fields({ name: 'x.example', expected: 'x.example' }), ['config.expected']);
    assert.deepEqual(fields({ name: 'x.example', recordType: 'AAAA', expected: '10.0.0.1' }), ['config.expected']);
    assert.deepEqual(fields({ name: 'x.example', recordType: 'MX', expected: '10 mail.x.example' }), ['config.expected']);
  });
});
