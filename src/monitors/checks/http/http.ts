// HTTP(S) check on raw node:http: one fresh connection per run, redirects followed by hand,
// at most 64 KB of body read and only when something looks at it. Runs hundreds of times a second
// in one process, so per-config work (URL, headers, regex, JSON path) is done once and cached.
//
// Latency is the time from the start of the run (DNS lookup included) to the headers of the final
// answer, redirects included: what a client waits before it sees a response. The body is left out
// because it is read only partly (and not at all without a content check), so its time would
// measure our own cut-off rather than the service.

import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import type { CheckResult, MonitorCheck } from '../check.js';
import { describeNetError } from '../net-errors.js';
import { degraded, down, elapsedSince, settle, startClock, up } from '../settle.js';
import { prepareHttpCheck, validateHttpConfig, type HttpCheckConfig, type HttpMethod, type PreparedHttpCheck } from './config.js';
import { bodyProblem } from './content.js';

export { HTTP_CHECK_DEFAULTS, HTTP_METHODS, HttpCheckConfigSchema, type HttpCheckConfig, type HttpMethod } from './config.js';

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Not carried to another origin: a redirect must not hand a token to whoever it points at. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const BODY_HEADERS = new Set(['content-length', 'content-type']);

export interface HttpCheckOptions {
  /** DNS lookup for the sockets (tests inject a failing one; default: the system resolver). */
  lookup?: LookupFunction;
  /** Trusted CAs, replacing Node's bundled roots (tests with a private CA). */
  ca?: string | string[];
}

function verdict(check: PreparedHttpCheck, latencyMs: number, body: string | null, truncated: boolean): CheckResult {
  const problem = body === null ? null : bodyProblem(check, body, truncated);
  if (problem !== null) return degraded(problem, latencyMs);
  if (check.maxLatencyMs !== null && latencyMs > check.maxLatencyMs)
    return degraded(`slow: ${latencyMs} ms > ${check.maxLatencyMs} ms`, latencyMs);
  return up(latencyMs);
}

/** Calls `done` once with the first MAX_BODY_BYTES of the body (or all of it), or `fail`. */
function readBody(res: http.IncomingMessage, done: (body: string, truncated: boolean) => void, fail: (error: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    if (size >= MAX_BODY_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
    // Enough: the run ends here and its release closes the connection.
    if (size >= MAX_BODY_BYTES) done(Buffer.concat(chunks, MAX_BODY_BYTES).toString('utf8'), true);
  });
  res.on('end', () => done(Buffer.concat(chunks, size).toString('utf8'), false));
  // After the headers, any error (Node reports "aborted") means the same: the body was cut short.
  const cut = (): void => fail('connection closed before the end of the answer');
  res.on('error', cut);
  res.on('close', () => {
    if (!res.complete) cut();
  });
}

interface Hop {
  url: URL;
  method: HttpMethod;
  headers: Readonly<Record<string, string>>;
  body: Buffer | null;
}

/** The request a redirect asks for, or why it cannot be followed. */
function nextHop(from: Hop, status: number, location: string): Hop | string {
  let url: URL;
  try {
    url = new URL(location, from.url);
  } catch {
    return 'redirect to an invalid location';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `redirect to an unsupported ${url.protocol} URL`;
  // As browsers do: 303 turns any method but HEAD into GET, 301/302 turn POST into GET.
  const toGet = status === 303 ? from.method !== 'HEAD' : (status === 301 || status === 302) && from.method === 'POST';
  const sameOrigin = url.origin === from.url.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(from.headers)) {
    const lower = name.toLowerCase();
    if (!(toGet && BODY_HEADERS.has(lower)) && !(!sameOrigin && CREDENTIAL_HEADERS.has(lower))) headers[name] = value;
  }
  return { url, method: toGet ? 'GET' : from.method, headers, body: toGet ? null : from.body };
}

export function createHttpCheck(options: HttpCheckOptions = {}): MonitorCheck<HttpCheckConfig> {
  // keepAlive false: each run opens its own connection, so a dead server cannot hide behind a pooled
  // socket; maxSockets stays unlimited, so no request ever queues for another one's socket. No TLS
  // session cache: every handshake presents the certificate as it is now.
  const httpAgent = new http.Agent({ keepAlive: false });
  const httpsAgent = new https.Agent({ keepAlive: false, maxCachedSessions: 0 });
  // One TLS context for every run: Node would otherwise build one (and load the CAs) per connection.
  let context: tls.SecureContext | undefined;
  const secureContext = (): tls.SecureContext => (context ??= tls.createSecureContext(options.ca === undefined ? {} : { ca: options.ca }));
  // Configs are treated as immutable: a changed monitor comes with a new config object.
  const prepared = new WeakMap<HttpCheckConfig, PreparedHttpCheck>();

  return {
    kind: 'http',
    validateConfig: validateHttpConfig,

    run(config, ctx) {
      let check = prepared.get(config);
      if (check === undefined) {
        try {
          check = prepareHttpCheck(config);
        } catch (err) {
          return Promise.resolve(down(`invalid configuration: ${err instanceof Error ? err.message : String(err)}`));
        }
        prepared.set(config, check);
      }
      const c = check;
      return settle(ctx, (finish) => {
        const start = startClock();
        let current: http.ClientRequest | undefined;

        const send = (hop: Hop, redirects: number): void => {
          const secure = hop.url.protocol === 'https:';
          const requestOptions: https.RequestOptions & { secureContext?: tls.SecureContext } = {
            method: hop.method,
            headers: hop.headers,
            agent: secure ? httpsAgent : httpAgent,
            lookup: options.lookup,
            ...(secure && { rejectUnauthorized: c.verifyTls, secureContext: secureContext() }),
          };
          let req: http.ClientRequest;
          try {
            req = (secure ? https : http).request(hop.url, requestOptions, (res) => {
              const status = res.statusCode ?? 0;
              const location = res.headers.location;
              if (c.followRedirects && REDIRECT_STATUSES.has(status) && location !== undefined) {
                req.destroy();
                if (redirects >= MAX_REDIRECTS) return finish(down(`too many redirects (more than ${MAX_REDIRECTS})`, elapsedSince(start)));
                const next = nextHop(hop, status, location);
                return typeof next === 'string' ? finish(down(next, elapsedSince(start))) : send(next, redirects + 1);
              }
              const latencyMs = elapsedSince(start);
              if (!c.ranges.some(([lo, hi]) => status >= lo && status <= hi)) {
                return finish(down(`expected ${c.expected}, got ${status}`, latencyMs));
              }
              if (!c.readsBody || hop.method === 'HEAD') return finish(verdict(c, latencyMs, null, false));
              readBody(
                res,
                (text, truncated) => finish(verdict(c, latencyMs, text, truncated)),
                (error) => finish(down(error, latencyMs)),
              );
            });
          } catch (err) {
            // Node refuses some requests before sending anything (e.g. a header it cannot encode).
            return finish(down(describeNetError(err)));
          }
          current = req;
          // After a redirect the previous request is gone: only the current one speaks.
          req.on('error', (err) => {
            if (req === current) finish(down(describeNetError(err)));
          });
          req.end(hop.body ?? undefined);
        };

        send({ url: c.url, method: c.method, headers: c.headers, body: c.body }, 0);
        return { release: () => current?.destroy() };
      });
    },
  };
}

export const httpCheck: MonitorCheck<HttpCheckConfig> = createHttpCheck();
