import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PeerCertificate } from 'node:tls';
import { certificateName, describeNetError } from './net-errors.js';

const err = (code: string, message = `${code} happened`, extra: object = {}): Error =>
  Object.assign(new Error(message), { code, ...extra });

describe('describeNetError', () => {
  it('says what went wrong in a few words', () => {
    const cases: Array<[Error | unknown, string]> = [
      [err('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'connection refused'],
      [err('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.com', { hostname: 'api.example.com' }), 'host api.example.com not found'],
      [
        err('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.example.com', { hostname: 'api.example.com' }),
        'DNS lookup for api.example.com failed (temporary)',
      ],
      [err('ECONNRESET', 'socket hang up'), 'connection closed without an answer'],
      [err('ECONNRESET', 'read ECONNRESET'), 'connection reset'],
      [err('EHOSTUNREACH'), 'host unreachable'],
      [err('ENETUNREACH'), 'network unreachable'],
      [err('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'certificate is self-signed'],
      [err('CERT_HAS_EXPIRED', 'certificate has expired'), 'certificate has expired'],
      [err('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'certificate issuer is not trusted'],
      [
        err('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
        'certificate does not match the host name',
      ],
      [err('ERR_SSL_WRONG_VERSION_NUMBER'), 'TLS handshake failed'],
      [err('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/'), 'invalid HTTP response'],
      [err('ESOMETHING', 'something odd'), 'something odd'],
      [err('constructor', ''), 'constructor'],
      [new Error('x'.repeat(200)), `${'x'.repeat(117)}...`],
      [null, 'null'],
    ];
    for (const [error, text] of cases) assert.equal(describeNetError(error), text);
  });

  it('names the host a certificate is for, from its first DNS name or its CN', () => {
    const cert = (fields: Partial<PeerCertificate>) => fields as PeerCertificate;
    assert.equal(certificateName(cert({ subjectaltname: 'IP Address:10.0.0.1, DNS:a.example, DNS:b.example' })), 'a.example');
    assert.equal(certificateName(cert({ subject: { CN: 'legacy.example' } as PeerCertificate['subject'] })), 'legacy.example');
    assert.equal(certificateName(cert({})), 'another host');
  });
});
