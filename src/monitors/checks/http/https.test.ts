// The HTTP check over TLS, against local HTTPS servers with certificates made by openssl.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { makeTestCerts, type Pem } from '../testing/certs.js';
import { checkContext, startHttpServer, toLoopback, type TestServer } from '../testing/servers.js';
import { createHttpCheck, httpCheck } from './http.js';

describe('http check over TLS', () => {
  const certs = makeTestCerts();
  // Trusts the private CA, and sends every name to 127.0.0.1, so URLs can name `localhost` (SNI).
  const trusting = createHttpCheck({ ca: certs.ca.cert, lookup: toLoopback });
  const untrusting = createHttpCheck({ lookup: toLoopback });
  const servers: Record<string, TestServer> = {};
  const pems: Record<string, Pem> = {
    valid: certs.valid,
    chain: { key: certs.valid.key, cert: certs.valid.cert + certs.ca.cert },
    expired: certs.expired,
    otherHost: certs.otherHost,
    selfSigned: certs.selfSigned,
  };
  /** Per request: whether the TLS session was resumed rather than fully negotiated. */
  const resumed: boolean[] = [];
  const url = (server: string, host = 'localhost'): string => `https://${host}:${servers[server]!.port}/health`;

  before(async () => {
    for (const [name, pem] of Object.entries(pems)) {
      servers[name] = await startHttpServer((req, res) => {
        resumed.push((req.socket as TLSSocket).isSessionReused());
        res.end('ok');
      }, pem);
    }
    servers['plain'] = await startHttpServer((_req, res) => res.end('ok'));
  });
  after(async () => {
    for (const server of Object.values(servers)) await server.close();
  });

  it('a chain to a trusted CA, for the host → up (by name and by IP)', async () => {
    assert.deepEqual(await trusting.run({ url: url('valid'), keyword: 'ok' }, checkContext()).then((r) => [r.status, r.error]), [
      'up',
      null,
    ]);
    assert.equal((await trusting.run({ url: url('valid', '127.0.0.1') }, checkContext())).status, 'up');
  });

  it('an untrusted issuer → down', async () => {
    const leafOnly = await untrusting.run({ url: url('valid') }, checkContext());
    assert.deepEqual([leafOnly.status, leafOnly.error], ['down', 'certificate issuer is not trusted']);
    const withRoot = await untrusting.run({ url: url('chain') }, checkContext());
    assert.deepEqual([withRoot.status, withRoot.error], ['down', 'certificate chain ends in an untrusted root']);
  });

  it('self-signed → down; up with verifyTls false', async () => {
    const result = await httpCheck.run({ url: `https://127.0.0.1:${servers['selfSigned']!.port}/` }, checkContext());
    assert.deepEqual(result, { status: 'down', latencyMs: null, error: 'certificate is self-signed' });
    const lenient = await httpCheck.run(
      { url: `https://127.0.0.1:${servers['selfSigned']!.port}/`, verifyTls: false, keyword: 'ok' },
      checkContext(),
    );
    assert.deepEqual([lenient.status, lenient.error], ['up', null]);
  });

  it('expired → down; up with verifyTls false', async () => {
    assert.equal((await trusting.run({ url: url('expired') }, checkContext())).error, 'certificate has expired');
    assert.equal((await trusting.run({ url: url('expired'), verifyTls: false }, checkContext())).status, 'up');
  });

  it('a certificate for another name → down, naming both', async () => {
    const result = await trusting.run({ url: url('otherHost') }, checkContext());
    assert.deepEqual([result.status, result.error], ['down', 'certificate is for other.example, not localhost']);
  });

  it('https:// to a plain HTTP port → down', async () => {
    const result = await trusting.run({ url: url('plain') }, checkContext());
    assert.deepEqual([result.status, result.error], ['down', 'TLS handshake failed']);
  });

  it('does not resume TLS sessions: each run sees the certificate afresh', async () => {
    const before = servers['valid']!.connections();
    const from = resumed.length;
    for (let i = 0; i < 3; i++) assert.equal((await trusting.run({ url: url('valid') }, checkContext())).status, 'up');
    assert.equal(servers['valid']!.connections() - before, 3);
    assert.deepEqual(resumed.slice(from), [false, false, false]);
  });
});
