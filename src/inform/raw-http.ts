import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastAnswer, FastRequest } from './fast-path.js';

/**
 * The status processes' connections, read before `node:http` sees them. A request the fast path
 * can answer from memory (a cache hit: src/inform/fast-path.ts) is answered here, on the socket,
 * without node:http's request and response objects — half the cost of a keep-alive answer. The
 * first request of a connection that is anything else hands the whole connection, from that
 * request on, to the node:http server (its parser, limits, timeouts and the full routes), and the
 * connection stays there. So this reader only has to recognise the plainest requests, and every
 * doubt is a hand-over:
 *
 * - `GET` or `HEAD`, `HTTP/1.1`, a request target of visible ASCII starting with `/`;
 * - the whole head in one read (a head split over reads is handed over, so the server's header
 *   timeouts apply to slow senders), at most 8 KB, every line ending in CRLF;
 * - header names of token characters, values of visible ASCII, space and tab only;
 * - exactly one `Host`; no body (`Content-Length`, `Transfer-Encoding`), no `Expect`, no
 *   `Upgrade`; `Connection` only `keep-alive` or `close`; no header the fast path reads twice.
 *
 * Answers are written in order, with the headers node:http adds (`Date`, `Connection`,
 * `Keep-Alive`). A peer that stops reading has its socket paused once 1 MB is waiting to be
 * written. An idle connection is closed after the server's keep-alive timeout, and every such
 * connection when the server closes its idle ones (shutdown).
 */

const MAX_HEAD_BYTES = 8 * 1024;
const MAX_WAITING_WRITES = 1024 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');

/** Header names the fast path reads, and those that make a request not plain. */
const READ = new Set(['host', 'accept-language', 'accept-encoding', 'if-none-match', 'if-modified-since']);
const REFUSED = new Set(['content-length', 'transfer-encoding', 'expect', 'upgrade']);

/** RFC 9110 token characters, by code. */
const TOKEN = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TOKEN[c.charCodeAt(0)] = 1;

function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN[code] === 1;
}

/** `text` from `from` to `to` without the spaces and tabs around it (a header value's OWS). */
function trimmed(text: string, from: number, to: number): string {
  let start = from;
  let end = to;
  while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return text.slice(start, end);
}

/** The request parsed from `head` (latin1, without the final CRLFCRLF), or null when it is not plain. */
export function parsePlainRequest(head: string): (FastRequest & { close: boolean }) | null {
  const lineEnd = head.indexOf('\r\n');
  const requestLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
  let method: string;
  if (requestLine.startsWith('GET ')) method = 'GET';
  else if (requestLine.startsWith('HEAD ')) method = 'HEAD';
  else return null;
  if (!requestLine.endsWith(' HTTP/1.1')) return null;
  const url = requestLine.slice(method.length + 1, requestLine.length - 9);
  if (url.length === 0 || url.charCodeAt(0) !== 47 /* / */) return null;
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code < 33 || code > 126) return null;
  }

  const headers: FastRequest['headers'] = {};
  let close = false;
  let hosts = 0;
  let at = lineEnd === -1 ? head.length : lineEnd + 2;
  while (at < head.length) {
    let end = head.indexOf('\r\n', at);
    if (end === -1) end = head.length;
    const colon = head.indexOf(':', at);
    if (colon <= at || colon > end) return null;
    for (let i = at; i < colon; i++) if (!isTokenChar(head.charCodeAt(i))) return null;
    for (let i = colon + 1; i < end; i++) {
      const code = head.charCodeAt(i);
      if ((code < 32 && code !== 9) || code > 126) return null;
    }
    const name = head.slice(at, colon).toLowerCase();
    if (REFUSED.has(name)) return null;
    // Only the values read are cut out and trimmed (User-Agent, Accept, Cookie… are skipped).
    if (name === 'connection') {
      const option = trimmed(head, colon + 1, end).toLowerCase();
      if (option === 'close') close = true;
      else if (option !== 'keep-alive') return null;
    } else if (READ.has(name)) {
      const key = name as keyof FastRequest['headers'];
      if (headers[key] !== undefined) return null;
      headers[key] = trimmed(head, colon + 1, end);
      if (name === 'host') hosts++;
    }
    at = end + 2;
  }
  if (hosts !== 1) return null;
  return { method, url, headers, close };
}

/** `Date` as node:http writes it, made once a second. */
let dateLine = '';
let dateSecond = -1;
function currentDateLine(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
  }
  return dateLine;
}

export interface RawReader {
  /** Requests answered here (not by node:http). */
  answers(): number;
}

/**
 * Puts the reader in front of `server`'s connections. `decide` is asked for each plain request
 * (null: hand the connection over); `enabled()` false hands every new connection over at once.
 */
export function readConnectionsFirst(server: Server, decide: (req: FastRequest) => FastAnswer | null, enabled: () => boolean): RawReader {
  const httpConnection = server.listeners('connection')[0] as ((socket: Socket) => void) | undefined;
  if (!httpConnection) throw new Error('the node:http server has no connection listener');
  server.removeListener('connection', httpConnection);
  const open = new Set<Socket>();
  let answered = 0;

  // Between requests every connection still read here is idle: nothing is half answered.
  const closeOpen = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  const closeIdle = server.closeIdleConnections.bind(server);
  const closeAll = server.closeAllConnections.bind(server);
  server.closeIdleConnections = () => {
    closeOpen();
    closeIdle();
  };
  server.closeAllConnections = () => {
    closeOpen();
    closeAll();
  };

  server.on('connection', (socket: Socket) => {
    if (!enabled()) {
      httpConnection.call(server, socket);
      return;
    }
    open.add(socket);
    const keepAlive = `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(server.keepAliveTimeout / 1000)}\r\n\r\n`;

    function handOver(rest: Buffer): void {
      socket.pause();
      for (const [event, listener] of listeners) socket.removeListener(event, listener);
      socket.setTimeout(0);
      open.delete(socket);
      if (rest.length > 0) socket.unshift(rest);
      httpConnection!.call(server, socket);
      socket.resume();
    }

    function onData(chunk: Buffer): void {
      let at = 0;
      while (at < chunk.length) {
        const end = chunk.indexOf(HEAD_END, at);
        if (end === -1 || end - at > MAX_HEAD_BYTES) return handOver(chunk.subarray(at));
        const request = parsePlainRequest(chunk.toString('latin1', at, end));
        const found = request === null ? null : decide(request);
        if (request === null || found === null) return handOver(chunk.subarray(at));
        at = end + 4;
        answered++;
        socket.cork();
        socket.write(found.head.bytes);
        socket.write(currentDateLine() + (request.close ? 'Connection: close\r\n\r\n' : keepAlive), 'latin1');
        if (found.body !== null) socket.write(found.body);
        socket.uncork();
        if (request.close) {
          socket.end();
          socket.removeListener('data', onData);
          return;
        }
      }
      if (socket.writableLength > MAX_WAITING_WRITES) socket.pause();
    }

    const listeners: Array<[string, (chunk: Buffer) => void]> = [
      ['data', onData],
      ['error', () => socket.destroy()],
      ['timeout', () => socket.destroy()],
      ['end', () => socket.end()],
      ['drain', () => socket.resume()],
      ['close', () => open.delete(socket)],
    ];
    socket.setNoDelay(true);
    socket.setTimeout(server.keepAliveTimeout);
    for (const [event, listener] of listeners) socket.on(event, listener);
  });

  return { answers: () => answered };
}
