// DNS check: asks one record type of one name, at a given server or the system's (c-ares reads
// /etc/resolv.conf; /etc/hosts plays no part), once, within the check's budget.
// Latency is the time to the answer.

import { Resolver } from 'node:dns';
import { SocketAddress, isIP, isIPv4, isIPv6 } from 'node:net';
import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import type { MonitorCheck } from '../check.js';
import { Nullable, isHostName, schemaIssues } from '../config.js';
import { degraded, down, elapsedSince, settle, startClock, up } from '../settle.js';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export const DNS_CHECK_DEFAULTS = { recordType: 'A', resolver: null, expected: null } as const;

export const DnsCheckConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 254 }),
    recordType: Type.Optional(
      Type.Union(
        DNS_RECORD_TYPES.map((t) => Type.Literal(t)),
        { default: 'A' },
      ),
    ),
    /** "ip" or "ip:port" ("[v6]:port"), e.g. "1.1.1.1" or "127.0.0.1:5353"; null: the system's servers. */
    resolver: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    /** One answer must equal it: the address, the target name, the MX exchange, the TXT chunks joined. */
    expected: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1024 }))),
  },
  { additionalProperties: false },
);
export type DnsCheckConfig = Static<typeof DnsCheckConfigSchema>;

/** `resolver` in the form `Resolver#setServers` takes, or null if it is not an address. */
export function resolverAddress(value: string): string | null {
  if (isIP(value) !== 0) return value;
  const m = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/.exec(value) ?? /^([0-9.]+):(\d{1,5})$/.exec(value);
  if (m === null || isIP(m[1] as string) === 0) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? value : null;
}

type Answers = (err: NodeJS.ErrnoException | null, answers: string[]) => void;
// One query per type, each answer reduced to the string `expected` is compared with.
const QUERY: { readonly [T in DnsRecordType]: (r: Resolver, name: string, cb: Answers) => void } = {
  A: (r, name, cb) => r.resolve4(name, (err, a) => cb(err, err ? [] : a)),
  AAAA: (r, name, cb) => r.resolve6(name, (err, a) => cb(err, err ? [] : a)),
  CNAME: (r, name, cb) => r.resolveCname(name, (err, a) => cb(err, err ? [] : a)),
  NS: (r, name, cb) => r.resolveNs(name, (err, a) => cb(err, err ? [] : a)),
  MX: (r, name, cb) => r.resolveMx(name, (err, a) => cb(err, err ? [] : a.map((mx) => mx.exchange))),
  TXT: (r, name, cb) => r.resolveTxt(name, (err, a) => cb(err, err ? [] : a.map((chunks) => chunks.join('')))),
};

/** Equal answers compare equal: names without case or final dot, IPv6 in its canonical form. */
function normalize(type: DnsRecordType, value: string): string {
  if (type === 'CNAME' || type === 'MX' || type === 'NS') return value.toLowerCase().replace(/\.$/, '');
  if (type === 'AAAA' && isIPv6(value)) return new SocketAddress({ address: value, family: 'ipv6' }).address;
  return value;
}

function listed(type: DnsRecordType, answers: readonly string[]): string {
  const shown = answers.slice(0, 3).map((a) => (type === 'TXT' ? JSON.stringify(a.length > 60 ? `${a.slice(0, 57)}...` : a) : a));
  return answers.length > 3 ? `${shown.join(', ')} (+${answers.length - 3} more)` : shown.join(', ');
}

function failure(code: string, type: DnsRecordType, name: string, timeoutMs: number): string {
  switch (code) {
    case 'ENODATA':
      return `no ${type} record for ${name}`;
    case 'ENOTFOUND':
      return `no ${type} record for ${name}: the name does not exist`;
    case 'ETIMEOUT':
      return `timed out after ${timeoutMs} ms`;
    case 'ESERVFAIL':
      return 'DNS server failed (SERVFAIL)';
    case 'EREFUSED':
      return 'DNS server refused the query';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'EBADRESP':
    case 'EFORMERR':
      return 'malformed DNS answer';
    default:
      return `DNS query failed (${code || 'unknown error'})`;
  }
}

/** Errors that are the server's answer (so it has a latency), as opposed to no answer at all. */
const ANSWERED = new Set(['ENODATA', 'ENOTFOUND', 'ESERVFAIL', 'EREFUSED', 'EBADRESP', 'EFORMERR', 'ENOTIMP']);

// Resolvers are reused across runs (one c-ares channel each, not one per query), per server and
// timeout. Never cancelled: cancel() would end every query on the channel, other checks' too; a
// run that times out or is aborted just stops listening, and c-ares drops the query at its timeout.
const resolvers = new Map<string, Resolver>();
const MAX_RESOLVERS = 64;

function resolverFor(server: string | null, timeoutMs: number): Resolver {
  const key = `${server ?? ''}|${timeoutMs}`;
  let resolver = resolvers.get(key);
  if (resolver === undefined) {
    if (resolvers.size >= MAX_RESOLVERS) resolvers.clear();
    resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
    if (server !== null) resolver.setServers([server]);
    resolvers.set(key, resolver);
  }
  return resolver;
}

export const dnsCheck: MonitorCheck<DnsCheckConfig> = {
  kind: 'dns',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(DnsCheckConfigSchema, config);
    if (issues.length > 0) return issues;
    const c = config as DnsCheckConfig;
    const type = c.recordType ?? 'A';
    if (!isHostName(c.name)) issues.push({ field: 'config.name', message: 'must be a domain name' });
    if (c.resolver != null && resolverAddress(c.resolver) === null) {
      issues.push({ field: 'config.resolver', message: 'must be an IP address, optionally with a port ("10.0.0.53:5353", "[::1]:53")' });
    }
    const e = c.expected;
    if (e != null) {
      if (type === 'A' && !isIPv4(e)) issues.push({ field: 'config.expected', message: 'must be an IPv4 address for an A record' });
      if (type === 'AAAA' && !isIPv6(e)) issues.push({ field: 'config.expected', message: 'must be an IPv6 address for an AAAA record' });
      if ((type === 'CNAME' || type === 'MX' || type === 'NS') && !isHostName(e)) {
        issues.push({ field: 'config.expected', message: `must be a domain name for a ${type} record` });
      }
    }
    return issues;
  },

  run(config, ctx) {
    return settle(ctx, (finish) => {
      // Thrown here, a bad config becomes a `down` result (settle), never a rejection.
      const type = config.recordType ?? 'A';
      if (!Object.hasOwn(QUERY, type)) throw new Error(`invalid configuration: record type ${String(type)}`);
      const server = config.resolver == null ? null : resolverAddress(config.resolver);
      if (config.resolver != null && server === null) throw new Error(`invalid configuration: resolver ${config.resolver}`);
      const start = startClock();
      QUERY[type](resolverFor(server, ctx.timeoutMs), config.name, (err, answers) => {
        const latencyMs = elapsedSince(start);
        if (err !== null) {
          const code = err.code ?? '';
          return finish(down(failure(code, type, config.name, ctx.timeoutMs), ANSWERED.has(code) ? latencyMs : null));
        }
        if (answers.length === 0) return finish(down(failure('ENODATA', type, config.name, ctx.timeoutMs), latencyMs));
        if (config.expected == null) return finish(up(latencyMs));
        const expected = normalize(type, config.expected);
        if (answers.some((a) => normalize(type, a) === expected)) return finish(up(latencyMs));
        const shown = type === 'TXT' ? JSON.stringify(config.expected) : config.expected;
        finish(degraded(`expected ${shown}, got ${listed(type, answers)}`, latencyMs));
      });
      // Nothing to close: the query ends at the resolver's own timeout (see above).
      return { release: () => undefined };
    });
  },
};
