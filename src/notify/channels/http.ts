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

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

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

function send(request: HttpRequest, url: URL, options: NodeHttpClientOptions): Promise<HttpResult> {
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
    const fail = (err: unknown): void => finish({ kind: 'error', written, ...describe(err) });

    let req: http.ClientRequest;
    try {
      req = transport.request(url, { method: request.method, headers, agent: false, lookup: options.lookup }, (res) => {
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
 * left before a failure). No connection reuse — a kept-alive socket the server has just closed
 * would turn a harmless failure into an unknown outcome — and no redirects.
 */
export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
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
    return send(request, url, options);
  };
}

export const nodeHttpClient: HttpClient = createNodeHttpClient();
