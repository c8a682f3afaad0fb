import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type BuiltApp } from '../../src/api/app.js';
import { SYSTEM_ACTOR, type Role } from '../../src/domain/actor.js';
import { DEFAULT_POLICY, type GradingPolicy } from '../../src/domain/grading/policy.js';
import { createToken } from '../../src/operations/access/tokens.js';
import { secretBox, type SecretBox } from '../../src/operations/secret-box.js';
import { systemClock, timeOrderedIds, type Clock, type Context, type Deps } from '../../src/operations/context.js';
import { migrateToLatest, openStore } from '../../src/store/database.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './dialects.js';

export interface TestApp extends BuiltApp {
  deps: Deps;
  /** Its database (pass it as `database` to start a second node on the same data). */
  database: TestDatabase;
  tokens: Record<Role, string>;
  /** A context acting as the system, for arranging data without going through HTTP. */
  systemContext: Context;
  call(method: string, url: string, opts?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  /** A role's token, a raw token string, or null for no credentials. */
  as?: Role | { token: string } | null;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string | Buffer;
}

export interface CallResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  headers: LightMyRequestResponse['headers'];
  text: string;
}

/** A fresh database of the given dialect, migrated, with an app and one token per role. */
export async function startTestApp(
  dialect: TestDialect,
  opts: {
    policy?: GradingPolicy;
    bodyLimitBytes?: number;
    clock?: Clock;
    /** Another app's database: this app is then a second node on the same data, and leaves it in place on close. */
    database?: TestDatabase;
    /** The secret box (FENGHUO_SECRET_KEY) to use; a second node needs the first one's. */
    secrets?: SecretBox;
  } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase(dialect));
  const store = openStore({ databaseUrl: database.url ?? null, dataDir: database.dataDir, poolSize: 5 });
  await migrateToLatest(store);
  const deps: Deps = {
    store,
    clock: opts.clock ?? systemClock,
    ids: timeOrderedIds(opts.clock ?? systemClock, randomBytes),
    policy: opts.policy ?? DEFAULT_POLICY,
    secrets: opts.secrets ?? secretBox(randomBytes(32)),
  };
  const built = await buildApp(deps, {
    bodyLimitBytes: opts.bodyLimitBytes ?? 1024 * 1024,
    sessionHours: 12,
    cookieSecure: false,
    logger: false,
  });
  const systemContext: Context = { ...deps, actor: SYSTEM_ACTOR, requestId: null };
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'responder', 'viewer'] as const) {
    tokens[role] = (await createToken(systemContext, { name: `test-${role}`, role })).token;
  }
  const call = async (method: string, url: string, o: CallOptions = {}): Promise<CallResult> => {
    const as = o.as === undefined ? 'admin' : o.as;
    const headers: Record<string, string> = { ...o.headers };
    if (as !== null) headers.authorization = `Bearer ${typeof as === 'string' ? tokens[as] : as.token}`;
    let payload: string | Buffer | undefined = o.rawBody;
    if (o.body !== undefined) {
      payload = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await built.app.inject({ method: method as 'GET', url, headers, payload });
    let body: unknown = null;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = null;
    }
    return { status: res.statusCode, body, headers: res.headers, text: res.body };
  };
  return {
    ...built,
    deps,
    database,
    tokens,
    systemContext,
    call,
    async close() {
      await built.app.close();
      await store.close();
      if (!opts.database) await database.drop();
    },
  };
}

/** The catalog of the 2023-03-29 outage, created over HTTP. */
export async function seedWeChatCatalog(t: TestApp): Promise<void> {
  const services = [
    { id: 'gz-dc1', name: 'Guangzhou DC 1', kind: 'facility', userFacing: false },
    { id: 'cooling-vendor', name: 'Cooling vendor', kind: 'vendor', userFacing: false },
    { id: 'storage', name: 'Storage cluster', kind: 'infrastructure', userFacing: false, dependsOn: ['gz-dc1'] },
    { id: 'chat', name: 'Chat messages', critical: true, dependsOn: ['storage'] },
    { id: 'wechat-pay', name: 'WeChat Pay', critical: true, payment: true, dependsOn: ['storage'] },
    { id: 'voice-to-text', name: 'Voice to text', dependsOn: ['storage'] },
    { id: 'moments', name: 'Moments', critical: true },
  ];
  for (const s of services) {
    const res = await t.call('POST', '/api/v1/services', { body: s });
    if (res.status !== 201) throw new Error(`seeding ${s.id}: ${res.status} ${res.text}`);
  }
}
