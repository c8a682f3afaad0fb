import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CheckContext } from '../check.js';
import { makeTestCerts, type Pem } from '../testing/certs.js';
import {
  checkContext,
  startHttpServer,
  startSilentServer,
  startTlsServer,
  timed,
  toLoopback,
  unusedPort,
  type TestServer,
} from '../testing/servers.js';
import { createTlsCheck, tlsCheck, type TlsCheckConfig } from './tls.js';

const DAY = 86_400_000;
const validity = (pem: Pem) => {
  const x509 = new X509Certificate(pem.cert);
  return { from: Date.parse(x509.validFrom), to: Date.parse(x509.validTo) };
};

describe('tls check', () => {
  const certs = makeTestCerts();
  // Trusts the private CA; every name resolves to 127.0.0.1.
  const trusting = createTlsCheck({ ca: certs.ca.cert, lookup: toLoopback });
  const untrusting = createTlsCheck({ lookup: toLoopback });
  const servers: Record<string, TestServer> = {};
  const at = (server: string, extra: Partial<TlsCheckConfig> = {}): TlsCheckConfig => ({
    host: 'localhost',
    port: servers[server]!.port,
    ...extra,
  });
  const judge = async (check: typeof tlsCheck, config: TlsCheckConfig, ctx: Partial<CheckContext> = {}) => {
    const r = await check.run(config, checkContext(ctx));
    return [r.status, r.error];
  };

  before(async () => {
    servers['valid'] = await startTlsServer(certs.valid);
    servers['chain'] = await startTlsServer({ key: certs.valid.key, cert: certs.valid.cert + certs.ca.cert });
    servers['soon'] = await startTlsServer(certs.expiringSoon);
    servers['expired'] = await startTlsServer(certs.expired);
    servers['other'] = await startTlsServer(certs.otherHost);
    servers['self'] = await startTlsServer(certs.selfSigned);
    servers['plain'] = await startHttpServer((_req, res) => res.end('not tls'));
    servers['silent'] = await startSilentServer();
  });
  after(async () => {
    for (const server of Object.values(servers)) await server.close();
  });

  it('a trusted chain for the host, far from expiry → up, with the handshake time', async () => {
    const result = await trusting.run(at('valid'), checkContext());
    assert.deepEqual([result.status, result.error], ['up', null]);
    assert.ok(result.latencyMs !== null && result.latencyMs >= 0 && result.latencyMs < 1_000);
    // By IP (no SNI): checked against the certificate's IP address.
    assert.deepEqual(await judge(trusting, { host: '127.0.0.1', port: servers['valid']!.port }), ['up', null]);
  });

  it('an untrusted chain → down, unless verifyChain is false', async () => {
    assert.deepEqual(await judge(untrusting, at('valid')), ['down', 'certificate issuer is not trusted']);
    assert.deepEqual(await judge(untrusting, at('chain')), ['down', 'certificate chain ends in an untrusted root']);
    assert.deepEqual(await judge(untrusting, at('valid', { verifyChain: false })), ['up', null]);
  });

  it('self-signed → down, unless verifyChain is false', async () => {
    assert.deepEqual(await judge(tlsCheck, { host: '127.0.0.1', port: servers['self']!.port }), ['down', 'certificate is self-signed']);
    assert.deepEqual(await judge(tlsCheck, { host: '127.0.0.1', port: servers['self']!.port, verifyChain: false }), ['up', null]);
  });

  it('a certificate for another name → down, whatever verifyChain says; servername picks the name', async () => {
    assert.deepEqual(await judge(trusting, at('other')), ['down', 'certificate is for other.example, not localhost']);
    assert.deepEqual(await judge(untrusting, at('other', { verifyChain: false })), [
      'down',
      'certificate is for other.example, not localhost',
    ]);
    assert.deepEqual(await judge(trusting, at('other', { servername: 'www.other.example' })), ['up', null]);
  });

  it('expiring within minDaysValid → degraded', async () => {
    // Valid 3 days from its creation a moment ago: 2 whole days left.
    assert.deepEqual(await judge(trusting, at('soon')), ['degraded', 'certificate expires in 2 days']);
    assert.deepEqual(await judge(trusting, at('soon', { minDaysValid: 2 })), ['up', null]);
    const { to } = validity(certs.valid);
    assert.deepEqual(await judge(trusting, at('valid'), { now: () => to - 6.5 * DAY }), ['degraded', 'certificate expires in 6 days']);
    assert.deepEqual(await judge(trusting, at('valid'), { now: () => to - 1.5 * DAY }), ['degraded', 'certificate expires in 1 day']);
    assert.deepEqual(await judge(trusting, at('valid'), { now: () => to - 3_600_000 }), [
      'degraded',
      'certificate expires in less than a day',
    ]);
    assert.deepEqual(await judge(trusting, at('valid', { minDaysValid: 0 }), { now: () => to - 3_600_000 }), ['up', null]);
    assert.deepEqual(await judge(trusting, at('valid', { minDaysValid: 30 }), { now: () => to - 29.5 * DAY }), [
      'degraded',
      'certificate expires in 29 days',
    ]);
  });

  it('expired → down, counted from ctx.now(), whatever verifyChain says', async () => {
    const { to } = validity(certs.expired);
    const ago = Math.floor((Date.now() - to) / DAY);
    assert.deepEqual(await judge(trusting, at('expired')), ['down', `certificate expired ${ago} days ago`]);
    assert.deepEqual(await judge(untrusting, at('expired', { verifyChain: false })), ['down', `certificate expired ${ago} days ago`]);
    const valid = validity(certs.valid);
    assert.deepEqual(await judge(trusting, at('valid'), { now: () => valid.to + 3.5 * DAY }), ['down', 'certificate expired 3 days ago']);
    const notYet = new Date(valid.from).toISOString().slice(0, 10);
    assert.deepEqual(await judge(trusting, at('valid'), { now: () => valid.from - DAY }), [
      'down',
      `certificate is not valid before ${notYet}`,
    ]);
  });

  it('not a TLS server, a closed port → down', async () => {
    assert.deepEqual(await judge(trusting, at('plain')), ['down', 'TLS handshake failed']);
    assert.deepEqual(await judge(tlsCheck, { host: '127.0.0.1', port: await unusedPort() }), ['down', 'connection refused']);
  });

  it('no handshake within the budget → down "timed out", on time', async () => {
    const { value, ms } = await timed(() => trusting.run(at('silent'), checkContext({ timeoutMs: 250 })));
    assert.deepEqual(value, { status: 'down', latencyMs: null, error: 'timed out after 250 ms' });
    assert.ok(ms >= 245 && ms < 550, `${ms} ms`);
  });

  it('ctx.signal: an abort ends the run at once', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const { value, ms } = await timed(() => trusting.run(at('silent'), checkContext({ signal: abort.signal })));
    assert.deepEqual([value.status, value.error], ['down', 'aborted']);
    assert.ok(ms < 300, `${ms} ms`);
  });

  it('validateConfig names the offending fields', () => {
    const fields = (config: unknown): string[] => tlsCheck.validateConfig(config).map((i) => i.field);
    assert.deepEqual(fields({ host: 'status.example.com' }), []);
    assert.deepEqual(fields({ host: '10.0.0.5', port: 8443, servername: 'api.example.com', minDaysValid: 30, verifyChain: false }), []);
    assert.deepEqual(fields({ host: 'status.example.com', servername: null }), []);
    assert.deepEqual(fields({}), ['config.host']);
    assert.deepEqual(fields({ host: 'https://status.example.com' }), ['config.host']);
    assert.deepEqual(fields({ host: 'a.example', servername: 'not a name' }), ['config.servername']);
    assert.deepEqual(fields({ host: 'a.example', port: 0 }), ['config.port']);
    assert.deepEqual(fields({ host: 'a.example', minDaysValid: -1 }), ['config.minDaysValid']);
    assert.deepEqual(fields({ host: 'a.example', verifyChain: 'yes' }), ['config.verifyChain']);
  });
});
