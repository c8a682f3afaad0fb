// What the console's browser tests share: an API caller with an admin token, signing in through
// the real sign-in form, and a record of script errors, failed requests and CSP violations.

import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase, type TestDialect } from './dialects.js';
import { cli, freePort, serverEnv, startServer, type Server } from './server-process.js';

export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Calls the server's API with `token()` (read at call time: tests get it in `before`); any status ≥ 300 fails. */
export function apiCaller(base: () => string, token: () => string): ApiCall {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** The real server on a fresh database, with an admin API token (named `tokenName`) for the test's setup. */
export interface ConsoleServer {
  base: string;
  token: string;
  api: ApiCall;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

export async function startConsoleServer(dialect: TestDialect, tokenName: string, env: NodeJS.ProcessEnv = {}): Promise<ConsoleServer> {
  const db: TestDatabase = await createTestDatabase(dialect);
  let server: Server | undefined;
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const serverEnvironment = { ...serverEnv(db, port), ...env };
    server = await startServer(serverEnvironment, base);
    const created = cli(serverEnvironment, ['token', 'create', '--name', tokenName, '--role', 'admin']);
    assert.equal(created.status, 0, created.stderr);
    const token = created.stdout.trim();
    const running = server;
    return {
      base,
      token,
      api: apiCaller(
        () => base,
        () => token,
      ),
      stop: async () => {
        await running.stop();
        await db.drop();
      },
    };
  } catch (err) {
    await server?.stop();
    await db.drop();
    throw err;
  }
}

/**
 * Script errors and console errors of a page. Left out: a 401 (before signing in, GET /auth/me
 * answering 401 is how the console learns it must ask) and what `allow` matches (an error the test
 * causes on purpose).
 */
export function recordErrors(page: Page, allow?: RegExp): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && !/status of 401/.test(text) && !(allow?.test(text) ?? false)) errors.push(text);
  });
  return errors;
}

/** Signs in through the form at `/login` and waits to be back at `/`. */
export async function signIn(page: Page, base: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/login/);
  await page.fill('input[name="email"]', user.email);
  await page.fill('input[name="password"]', user.password);
  await page.click('button[type="submit"]');
  await page.waitForURL(`${base}/`);
}

/** Closes the context and fails on any error the page recorded. */
export async function closeClean(context: BrowserContext, errors: string[]): Promise<void> {
  await context.close();
  assert.deepEqual(errors, [], 'no script error, failed request or CSP violation in the console');
}
