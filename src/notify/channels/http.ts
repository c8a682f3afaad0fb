import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string | null;
  /** The whole exchange (DNS, connect, send, answer) must finish within this. */
  timeoutMs: number;
  /**
   * Send over a kept-alive connection when one is open. Only for receivers that drop a repeat
   * (an idempotency key): a connection the receiver closes just as the request goes out makes
   * the outcome unknown, and the request is then sent again at once on a new connection.
   */
  reuseConnection?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first `MAX_RESPONSE_BYTES` of the answer, as UTF-8. */
  body: string;
}

/**
 * Either an answer, or a failure that says whether the request had been written out in full
 * (handed to the operating system) before it happened. Before that point the receiver cannot
 * have acted on it; after it, it may have.
 */
export type HttpResult = { kind: 'response'; response: HttpResponse } | { kind: 'error'; written: boolean; code: string; message: string };

/** The HTTP port of the channels. It never rejects. */
export type HttpClient = (request: HttpRequest) => Promise<HttpResult>;

export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface NodeHttpClientOptions {
  /** DNS lookup for the sockets (tests inject a failing one; default: the system resolver). */
  lookup?: LookupFunction;
}

/** Kept-alive connections of one client, by protocol; idle ones close after a few seconds. */
interface Agents {
  http: http.Agent;
  https: https.Agent;
}

/** Shorter than the 5 s most servers keep an idle connection, so we usually close first. */
const IDLE_CONNECTION_MS = 4_000;

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

/** How a reused connection the receiver had closed fails. */
const RESET: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

function describe(err: unknown): { code: string; message: string } {
  return { code: errorCode(err), message: err instanceof Error ? err.message : String(err) };
}

/** Reads at most MAX_RESPONSE_BYTES of an answer; rejects if the connection drops before its end. */
function readResponse(res: http.IncomingMessage): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size >= MAX_RESPONSE_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    res.on('end', () => {
      const body = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
    });
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' }));
    });
  });
}

function send(request: HttpRequest, url: URL, options: NodeHttpClientOptions, agents: Agents | null): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve) => {
    const transport = url.protocol === 'https:' ? https : http;
    const body = request.body === null ? null : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { ...request.headers };
    if (body !== null) headers['content-length'] = String(body.length);

    let written = false;
    let settled = false;
    // Only called from events, which come after `timer` is set below.
    const finish = (result: HttpResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (err: unknown): void => {
      // The receiver closed a kept-alive connection as we reused it: again, on a new one.
      if (!settled && req.reusedSocket && !answered && RESET.has(errorCode(err))) {
        settled = true;
        clearTimeout(timer);
        resolve(send(request, url, options, null));
        return;
      }
      finish({ kind: 'error', written, ...describe(err) });
    };
    let answered = false;
    const agent = agents === null ? false : url.protocol === 'https:' ? agents.https : agents.http;

    let req: http.ClientRequest;
    try {
      req = transport.request(url, { method: request.method, headers, agent, lookup: options.lookup }, (res) => {
        answered = true;
        readResponse(res).then((response) => finish({ kind: 'response', response }), fail);
      });
    } catch (err) {
      // Node refuses invalid header names or values before anything is sent.
      resolve({ kind: 'error', written: false, ...describe(err) });
      return;
    }
    // 'finish': the last byte of the request has been handed to the socket.
    req.on('finish', () => {
      written = true;
    });
    req.on('error', fail);
    const timer = setTimeout(() => {
      finish({ kind: 'error', written, code: 'ETIMEDOUT', message: `no answer within ${request.timeoutMs} ms` });
      req.destroy();
    }, request.timeoutMs);
    req.end(body ?? undefined);
  });
}

/**
 * An HTTP client on `node:http`/`node:https` (not `fetch`: it must know whether the request
 * left before a failure). No redirects. A new connection per request unless the request asks
 * for reuse (`reuseConnection`): a kept-alive socket the server has just closed would turn a
 * harmless failure into an unknown outcome.
 */
export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const keepAlive = { keepAlive: true, timeout: IDLE_CONNECTION_MS, maxFreeSockets: 16 };
  const agents: Agents = { http: new http.Agent(keepAlive), https: new https.Agent(keepAlive) };
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { kind: 'error', written: false, code: 'EINVALIDURL', message: 'invalid URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { kind: 'error', written: false, code: 'EUNSUPPORTEDPROTOCOL', message: `unsupported protocol ${url.protocol}` };
    }
    return send(request, url, options, request.reuseConnection ? agents : null);
  };
}

export const nodeHttpClient: HttpClient = createNodeHttpClient();
