import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, serverEnv, startServer, type Server } from '../helpers/server-process.js';
import { amAlert, amPayload } from '../helpers/signal-fixtures.js';

/**
 * The 2023-03-29 case against the real server process, over real HTTP: a chat alert fires, then
 * the data centre's cooling alarm, then a storm of service alerts — one level-1 incident.
 */
for (const dialect of DIALECTS) {
  describe(`facility correlation over HTTP, real server (${dialect})`, () => {
    let db: TestDatabase;
    let server: Server;
    let base: string;
    let token: string;

    before(async () => {
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = serverEnv(db, port);
      server = await startServer(env, base);
      token = cli(env, ['token', 'create', '--name', 'facility', '--role', 'admin']).stdout.trim();
    });
    after(async () => {
      await server.stop();
      await db.drop();
    });

    const api = async (method: string, path: string, body?: unknown, auth = true) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const group = (name: string, alerts: Array<{ labels: Record<string, string>; fp: string }>) =>
      amPayload(
        `{}:{alertname="${name}"}`,
        alerts.map((a) => amAlert(name, { severity: 'critical', ...a.labels }, 'firing', a.fp)),
      );

    it('makes one level-1 incident of the cooling alarm and the alerts above it', async () => {
      for (const s of [
        { id: 'gz-dc1', name: 'GZ DC1', kind: 'facility', userFacing: false },
        { id: 'storage', name: 'Storage', kind: 'infrastructure', userFacing: false, dependsOn: ['gz-dc1'] },
        { id: 'chat', name: 'Chat', critical: true, dependsOn: ['storage'] },
        { id: 'wechat-pay', name: 'WeChat Pay', critical: true, payment: true, dependsOn: ['storage'] },
        { id: 'moments', name: 'Moments', critical: true, dependsOn: ['storage'] },
      ]) {
        assert.equal((await api('POST', '/api/v1/services', s)).status, 201);
      }
      const key = (await api('POST', '/api/v1/integrations', { name: 'prometheus', kind: 'alertmanager' })).body.key as string;
      const post = (body: unknown) => api('POST', `/api/v1/integrations/${key}/alertmanager`, body, false);
      assert.equal((await post(group('ChatDown', [{ labels: { service: 'chat' }, fp: 'f001' }]))).status, 200);
      assert.equal((await post(group('CoolingFailure', [{ labels: { datacenter: 'gz-dc1' }, fp: 'f002' }]))).status, 200);
      const storm = group(
        'ServiceDown',
        ['wechat-pay', 'moments', 'storage'].map((service, i) => ({ labels: { service }, fp: `f10${i}` })),
      );
      assert.equal((await post(storm)).status, 200);

      const open = (await api('GET', '/api/v1/incidents?status=open')).body.items;
      assert.equal(open.length, 1, JSON.stringify(open.map((i: { title: string }) => i.title)));
      const incident = open[0];
      assert.equal(incident.level, 1);
      const rules = incident.levelReasons.map((r: { rule: string }) => r.rule);
      for (const rule of ['payment', 'infrastructure', 'core-outage']) assert.ok(rules.includes(rule), `${rule} in ${rules.join()}`);
      assert.deepEqual([...incident.services].sort(), ['chat', 'gz-dc1', 'moments', 'storage', 'wechat-pay']);
      assert.equal(incident.alertCount, 5);
      assert.equal(incident.origin, 'signals');
    });
  });
}
