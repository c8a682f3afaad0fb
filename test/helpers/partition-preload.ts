// Preloaded into a process (`node --import <this file, compiled> …`) to simulate a network
// partition at its location: every TCP connection to FENGHUO_TEST_PARTITION (`host:port`) fails
// with ECONNREFUSED; everything else connects as usual. Test-only: production code has no hook
// for it. Used by test/e2e/agents.test.ts to cut some probe agents off from the monitored target.

import net from 'node:net';

const target = process.env.FENGHUO_TEST_PARTITION?.trim();
if (target) {
  const colon = target.lastIndexOf(':');
  const host = target.slice(0, colon);
  const port = Number(target.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port)) throw new Error(`FENGHUO_TEST_PARTITION must be host:port, got "${target}"`);

  const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
  const patched = function (this: net.Socket, ...args: unknown[]): net.Socket {
    // net.connect() passes its already normalised [options, callback]; socket.connect() may get options or (port, host).
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = typeof first === 'object' && first !== null ? (first as { host?: string; port?: number | string }) : null;
    const toHost = options ? (options.host ?? 'localhost') : typeof args[1] === 'string' ? args[1] : 'localhost';
    const toPort = Number(options ? options.port : first);
    if (toHost !== host || toPort !== port) return connect.apply(this, args);
    const err = Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), {
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
      address: host,
      port,
    });
    process.nextTick(() => this.destroy(err));
    return this;
  };
  net.Socket.prototype.connect = patched as typeof net.Socket.prototype.connect;
}
