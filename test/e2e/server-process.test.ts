import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, startServer, type Server, serverEnv } from '../helpers/server-process.js';

for (const dialect of DIALECTS) {
  describe(`the real server process, end to end (${dialect})`, () => {
    let db: TestDatabase;
    let env: NodeJS.ProcessEnv;
    let base: string;
    let server: Server;

    before(async () => {
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      env = serverEnv(db, port);
      server = await startServer(env, base);
    });
    after(async () => {
      await server.stop();
      await db.drop();
    });

    it('prints a generated admin password once on first start, and it signs in', async () => {
      const match = /Generated password \(shown only now\): (\S+)/.exec(server.output());
      assert.ok(match?.[1], server.output());
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'root@example.com', password: match[1] }),
      });
      assert.equal(login.status, 200);
      assert.match(login.headers.get('set-cookie') ?? '', /fenghuo_session=/);
    });

    it('watches for a quiet moment to give memory back (the idle collector runs, counted in /metrics)', async () => {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /^fenghuo_idle_gc_total \d+$/m);
      assert.match(metrics, /^fenghuo_idle_gc_freed_bytes_total \d+$/m);
      assert.match(metrics, /^fenghuo_idle_gc_seconds_total \d+$/m);
    });

    it('creates a token with the CLI, then services and incidents over HTTP, and reads the timeline', async () => {
      const created = cli(env, ['token', 'create', '--name', 'e2e', '--role', 'responder']);
      assert.equal(created.status, 0, created.stderr);
      const token = created.stdout.trim();
      assert.match(token, /^fh_/);
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
      };
      assert.equal(
        (await api('POST', '/api/v1/services', { id: 'gz-dc1', name: 'GZ DC1', kind: 'facility', userFacing: false })).status,
        201,
      );
      assert.equal(
        (
          await api('POST', '/api/v1/services', {
            id: 'wechat-pay',
            name: 'WeChat Pay',
            critical: true,
            payment: true,
            dependsOn: ['gz-dc1'],
          })
        ).status,
        201,
      );
      assert.equal(
        (await api('POST', '/api/v1/services', { id: 'voice-to-text', name: 'Voice to text', dependsOn: ['gz-dc1'] })).status,
        201,
      );

      const cooling = await api('POST', '/api/v1/incidents', {
        title: 'Cooling failure in GZ DC1',
        services: ['gz-dc1'],
        impact: 'outage',
      });
      assert.equal(cooling.status, 201);
      assert.equal(cooling.body.level, 1);
      const minor = await api('POST', '/api/v1/incidents', {
        title: 'Voice to text slow for some',
        services: ['voice-to-text'],
        impact: 'degraded',
        usersAffectedPct: 1,
      });
      assert.equal(minor.body.level, 3);

      assert.equal((await api('POST', `/api/v1/incidents/${cooling.body.number}/acknowledge`)).status, 200);
      assert.equal(
        (await api('POST', `/api/v1/incidents/${cooling.body.number}/updates`, { message: 'switched to backup chillers' })).status,
        201,
      );
      const resolved = await api('POST', `/api/v1/incidents/${cooling.body.number}/resolve`, { note: 'cooling restored' });
      assert.equal(resolved.status, 200);
      assert.equal(resolved.body.status, 'resolved');

      const timeline = await api('GET', `/api/v1/incidents/${cooling.body.id}/timeline`);
      const kinds = timeline.body.items.map((e: { kind: string; to: string | null }) => `${e.kind}:${e.to ?? ''}`);
      assert.deepEqual(
        kinds.filter((k: string) => k.startsWith('status')),
        ['status:acknowledged', 'status:resolved'],
      );
      assert.ok(timeline.body.items.some((e: { message: string | null }) => e.message === 'switched to backup chillers'));
      const open = await api('GET', '/api/v1/incidents?status=open');
      assert.deepEqual(
        open.body.items.map((i: { number: number }) => i.number),
        [minor.body.number],
      );
    });

    it('leaves memory to V8 alone with FENGHUO_IDLE_GC=false', async () => {
      await server.stop();
      server = await startServer({ ...env, FENGHUO_IDLE_GC: 'false' }, base);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /^fenghuo_http_requests_total/m);
      assert.doesNotMatch(metrics, /fenghuo_idle_gc/);
    });

    it('keeps its data across a restart and does not print a password again', async () => {
      await server.stop();
      server = await startServer(env, base);
      assert.doesNotMatch(server.output(), /Generated password/);
      const token = cli(env, ['token', 'create', '--name', 'after-restart', '--role', 'viewer']).stdout.trim();
      const res = await fetch(`${base}/api/v1/incidents?limit=10`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items: Array<{ title: string }> };
      assert.equal(body.items.length, 2);
      assert.ok(body.items.some((i) => i.title === 'Cooling failure in GZ DC1'));
    });

    it('runs `fenghuo migrate` and `fenghuo grade` against the same database', () => {
      const migrate = cli(env, ['migrate']);
      assert.equal(migrate.status, 0, migrate.stderr);
      assert.match(migrate.stdout, /already up to date/);
      const grade = cli(env, ['grade'], JSON.stringify({ services: ['gz-dc1'], impact: 'outage' }));
      assert.equal(grade.status, 0, grade.stderr);
      const result = JSON.parse(grade.stdout) as { level: number; reasons: Array<{ rule: string }> };
      assert.equal(result.level, 1);
      assert.ok(result.reasons.some((r) => r.rule === 'infrastructure'));
    });
  });
}

describe('start-up and CLI errors name what is wrong', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase('sqlite');
  });
  after(() => db.drop());

  it('refuses a bad FENGHUO_PORT', () => {
    const res = cli({ PATH: process.env.PATH, FENGHUO_DATA_DIR: db.dataDir, FENGHUO_PORT: 'eighty' }, ['serve']);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /FENGHUO_PORT: must be a whole number/);
  });

  it('refuses an invalid policy file, naming the field', () => {
    const file = join(db.dataDir, 'policy.yaml');
    writeFileSync(file, 'rules:\n  - kind: payment\n    level: 1\n  - kind: complaint\n    level: 7\n');
    const res = cli({ PATH: process.env.PATH, FENGHUO_DATA_DIR: db.dataDir, FENGHUO_POLICY_FILE: file }, ['serve']);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /FENGHUO_POLICY_FILE/);
    assert.match(res.stderr, /rules\[1\]\.level/);
  });

  it('grades with a policy file and a catalog file, without a server', () => {
    const policy = join(db.dataDir, 'strict.yaml');
    writeFileSync(policy, 'name: strict\nscope:\n  largePct: 5\n');
    const catalog = join(db.dataDir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify([{ id: 'chat', critical: true }]));
    const env = { PATH: process.env.PATH, FENGHUO_DATA_DIR: db.dataDir, FENGHUO_POLICY_FILE: policy };
    const six = cli(env, ['grade', '--catalog', catalog], JSON.stringify({ services: ['chat'], impact: 'outage', usersAffectedPct: 6 }));
    assert.equal(six.status, 0, six.stderr);
    assert.equal((JSON.parse(six.stdout) as { level: number }).level, 1);
    const bad = cli(env, ['grade', '--catalog', catalog], '{"services": ["chat"], "impact": "meltdown"}');
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /impact/);
    const garbage = cli(env, ['grade', '--catalog', catalog], 'not json');
    assert.equal(garbage.status, 3);
  });

  it('rejects an unknown role for token create', () => {
    const res = cli({ PATH: process.env.PATH, FENGHUO_DATA_DIR: db.dataDir }, ['token', 'create', '--name', 'x', '--role', 'root']);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /--role must be one of admin, responder, viewer/);
  });
});
