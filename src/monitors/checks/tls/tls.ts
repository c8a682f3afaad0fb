// TLS certificate check: completes a handshake without letting Node reject it, then judges the
// certificate itself, so a bad one is reported by what is wrong with it rather than as a failed
// connection. Expiry is counted from ctx.now(); latency is the time to the finished handshake.

import { isIP, type LookupFunction } from 'node:net';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import type { CheckResult, MonitorCheck } from '../check.js';
import { HostString, Nullable, hostIssues, schemaIssues } from '../config.js';
import { certificateErrorText, describeNetError, hostnameMismatch } from '../net-errors.js';
import { degraded, down, elapsedSince, settle, startClock, up } from '../settle.js';

export const TLS_CHECK_DEFAULTS = { port: 443, servername: null, minDaysValid: 14, verifyChain: true } as const;

export const TlsCheckConfigSchema = Type.Object(
  {
    host: HostString,
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: 443 })),
    /** The name sent as SNI and checked against the certificate; null: `host`. */
    servername: Type.Optional(Nullable(HostString)),
    /** Fewer days than this left is `degraded`. */
    minDaysValid: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: 14 })),
    /** Whether the chain must lead to a trusted root. The host name and expiry are checked either way. */
    verifyChain: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type TlsCheckConfig = Static<typeof TlsCheckConfigSchema>;

export interface TlsCheckOptions {
  lookup?: LookupFunction;
  /** Trusted CAs, replacing Node's bundled roots (tests with a private CA). */
  ca?: string | string[];
}

const DAY_MS = 86_400_000;

function days(ms: number): string {
  const n = Math.floor(ms / DAY_MS);
  return n === 0 ? 'less than a day' : n === 1 ? '1 day' : `${n} days`;
}

function judge(socket: TLSSocket, config: TlsCheckConfig, name: string, now: number, latencyMs: number): CheckResult {
  const cert: PeerCertificate = socket.getPeerCertificate();
  // An empty object when the server sent none (possible with anonymous cipher suites).
  if (cert.valid_to === undefined) return down('server sent no certificate', latencyMs);
  const validTo = Date.parse(cert.valid_to);
  const validFrom = Date.parse(cert.valid_from);
  if (now >= validTo) return down(`certificate expired ${days(now - validTo)} ago`, latencyMs);
  if (now < validFrom) return down(`certificate is not valid before ${new Date(validFrom).toISOString().slice(0, 10)}`, latencyMs);
  // Typed as an Error, but Node sets the OpenSSL code string. A name mismatch lands here too
  // (Node checks the name even when it does not reject); it is reported below, as such.
  const reason: unknown = socket.authorizationError;
  const code = typeof reason === 'string' ? reason : ((reason as { code?: string } | null)?.code ?? '');
  if ((config.verifyChain ?? true) && !socket.authorized && code !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return down(certificateErrorText(code), latencyMs);
  }
  if (tls.checkServerIdentity(name, cert) !== undefined) return down(hostnameMismatch(cert, name), latencyMs);
  const left = validTo - now;
  if (left < (config.minDaysValid ?? 14) * DAY_MS) return degraded(`certificate expires in ${days(left)}`, latencyMs);
  return up(latencyMs);
}

export function createTlsCheck(options: TlsCheckOptions = {}): MonitorCheck<TlsCheckConfig> {
  // One context for every run, rather than one (with the CAs loaded) per connection.
  let context: tls.SecureContext | undefined;
  const secureContext = (): tls.SecureContext => (context ??= tls.createSecureContext(options.ca === undefined ? {} : { ca: options.ca }));

  return {
    kind: 'tls',

    validateConfig(config: unknown): FieldIssue[] {
      const issues = schemaIssues(TlsCheckConfigSchema, config);
      if (issues.length > 0) return issues;
      const c = config as TlsCheckConfig;
      return [...hostIssues(c.host, 'config.host'), ...(c.servername == null ? [] : hostIssues(c.servername, 'config.servername'))];
    },

    run(config, ctx) {
      return settle(ctx, (finish) => {
        const start = startClock();
        const name = config.servername ?? config.host;
        const socket = tls.connect({
          host: config.host,
          port: config.port ?? 443,
          // SNI carries names only (RFC 6066); an IP is still checked against the certificate below.
          servername: isIP(name) === 0 ? name : undefined,
          // Judged in `judge`, where a bad certificate gets a precise reason instead of a failed handshake.
          rejectUnauthorized: false,
          secureContext: secureContext(),
          lookup: options.lookup,
        });
        socket.once('secureConnect', () => finish(judge(socket, config, name, ctx.now(), elapsedSince(start))));
        socket.once('error', (err) => finish(down(describeNetError(err))));
        return { release: () => socket.destroy() };
      });
    },
  };
}

export const tlsCheck: MonitorCheck<TlsCheckConfig> = createTlsCheck();
