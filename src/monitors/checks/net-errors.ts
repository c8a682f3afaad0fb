// Node's network and TLS errors as the one short line a person on call reads.

import type { PeerCertificate } from 'node:tls';

/** OpenSSL verification codes (`err.code`, `socket.authorizationError`). */
const CERTIFICATE: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain ends in an untrusted root',
  // The server sent no chain to a trusted root: a private CA or a missing intermediate.
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer is not trusted',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  CERT_UNTRUSTED: 'certificate is not trusted',
  INVALID_CA: 'certificate chain has an invalid CA certificate',
};

const NETWORK: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed while sending',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host is down',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
  EADDRNOTAVAIL: 'address not available',
  // The operating system's own connect timeout, shorter than ours on some systems.
  ETIMEDOUT: 'connection timed out',
  EPROTO: 'TLS handshake failed',
  ERR_INVALID_CHAR: 'invalid request header',
  ERR_INVALID_HTTP_TOKEN: 'invalid request header',
};

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function certificateErrorText(code: string): string {
  return Object.hasOwn(CERTIFICATE, code) ? (CERTIFICATE[code] as string) : `certificate rejected (${code})`;
}

/** The name a certificate is for: its first DNS name, else its common name. */
export function certificateName(cert: PeerCertificate): string {
  const dns = cert.subjectaltname
    ?.split(', ')
    .find((n) => n.startsWith('DNS:'))
    ?.slice(4);
  const cn = cert.subject?.CN;
  return dns ?? (typeof cn === 'string' ? cn : 'another host');
}

export function hostnameMismatch(cert: PeerCertificate, host: string): string {
  return `certificate is for ${certificateName(cert)}, not ${host}`;
}

/** Any error a socket, TLS handshake or HTTP exchange can raise, in a few words. */
export function describeNetError(err: unknown): string {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (Object.hasOwn(CERTIFICATE, code)) return certificateErrorText(code);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const { host, cert } = err as { host?: string; cert?: PeerCertificate };
    return host !== undefined && cert !== undefined ? hostnameMismatch(cert, host) : 'certificate does not match the host name';
  }
  // getaddrinfo: the name does not exist (or has no address) / the resolver could not answer.
  const hostname = (err as { hostname?: unknown } | null)?.hostname;
  const name = typeof hostname === 'string' ? ` ${hostname}` : '';
  if (code === 'ENOTFOUND') return `host${name} not found`;
  if (code === 'EAI_AGAIN') return `DNS lookup for${name || ' the host'} failed (temporary)`;
  // Node's "socket hang up": the server closed the connection without a word.
  if (code === 'ECONNRESET' && message === 'socket hang up') return 'connection closed without an answer';
  if (code.startsWith('ERR_SSL_')) return 'TLS handshake failed';
  if (code.startsWith('HPE_')) return 'invalid HTTP response';
  if (Object.hasOwn(NETWORK, code)) return NETWORK[code] as string;
  const short = message.length > 120 ? `${message.slice(0, 117)}...` : message;
  return short || code || 'failed';
}
