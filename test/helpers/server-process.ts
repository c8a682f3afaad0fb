// Starting the real Fenghuo server process (`node bin/fenghuo.js serve`, as `npm start` does) and
// running its CLI, for end-to-end tests.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs from dist/test/helpers/). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'fenghuo.js');

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs `fenghuo <args>` synchronously with `env`, feeding `input` on stdin. */
export function cli(env: NodeJS.ProcessEnv, args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
}

export interface Server {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `fenghuo serve` as `npm start` does (node bin/fenghuo.js serve) and waits for /readyz. */
export async function startServer(env: NodeJS.ProcessEnv, base: string): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  // Generous: a fresh PostgreSQL database runs every migration first, and CI runs test files side by side.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL'); // do not leave a half-started server behind
      throw new Error(`server did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The environment of a test server on loopback over a test database (SQLite dir or PostgreSQL URL). */
export function serverEnv(db: { dataDir: string; url: string | undefined }, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    FENGHUO_PORT: String(port),
    FENGHUO_HOST: '127.0.0.1',
    FENGHUO_DATA_DIR: db.dataDir,
    FENGHUO_ADMIN_EMAIL: 'root@example.com',
    FENGHUO_LOG_LEVEL: 'warn',
    ...(db.url ? { FENGHUO_DATABASE_URL: db.url } : {}),
  };
}
