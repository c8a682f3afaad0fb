// Real servers on 127.0.0.1 (port 0) for the check tests, each counting the connections it gets.

import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type LookupFunction } from 'node:net';
import tls from 'node:tls';
import type { CheckContext } from '../check.js';
import type { Pem } from './certs.js';

export interface TestServer {
  port: number;
  /** `http://127.0.0.1:<port>` or `https://…` */
  origin: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

async function listen(server: net.Server, scheme: string): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  server.on('connection', (socket: net.Socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A check that gives up resets the connection; that is expected here, not a test failure.
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP server, or HTTPS with `pem` (its `cert` may hold the whole chain). */
export function startHttpServer(handler: http.RequestListener, pem?: Pem): Promise<TestServer> {
  if (pem === undefined) return listen(http.createServer(handler), 'http');
  const server = https.createServer({ key: pem.key, cert: pem.cert }, handler);
  // A client that rejects our certificate aborts the handshake: expected in these tests.
  server.on('tlsClientError', () => undefined);
  return listen(server, 'https');
}

/** A TLS server that completes the handshake with `pem` and then closes. */
export function startTlsServer(pem: Pem): Promise<TestServer> {
  const server = tls.createServer({ key: pem.key, cert: pem.cert }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  return listen(server, 'tls');
}

/** Accepts connections and never says a word: for timeouts (and as a plain TCP listener). */
export function startSilentServer(): Promise<TestServer> {
  return listen(net.createServer(), 'tcp');
}

/** A port on 127.0.0.1 that nothing listens on (bound once, then released). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function checkContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return { timeoutMs: 2_000, signal: new AbortController().signal, now: () => Date.now(), ...overrides };
}

/** Runs `fn` and returns its result with the wall time it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** A DNS lookup that sends every name to 127.0.0.1, so tests can use names (SNI, certificates) locally. */
export const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all === true) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** A DNS lookup that finds no name, as getaddrinfo reports it. */
export const findsNothing: LookupFunction = (hostname, _options, callback) =>
  callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 4);

/** A DNS lookup that never answers. */
export const hangs: LookupFunction = () => undefined;
