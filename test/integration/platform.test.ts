import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`health, metrics, OpenAPI and response profiles (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await t.call('POST', '/api/v1/services', { body: { id: 'core', name: 'Core', critical: true } });
    });
    after(() => t.close());

    it('answers /healthz and /readyz without credentials', async () => {
      assert.deepEqual((await t.call('GET', '/healthz', { as: null })).body, { status: 'ok' });
      const ready = await t.call('GET', '/readyz', { as: null });
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body, { status: 'ready', database: dialect });
    });

    it('exposes Prometheus metrics, with open incidents by level', async () => {
      await t.call('POST', '/api/v1/incidents', { body: { title: 'm', services: ['core'], impact: 'outage' } });
      const res = await t.call('GET', '/metrics', { as: null });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /text\/plain/);
      assert.match(res.text, /^fenghuo_incidents_open\{level="1"\} 1$/m);
      assert.match(res.text, /^fenghuo_incidents_open\{level="4"\} 0$/m);
      assert.match(res.text, /fenghuo_http_requests_total\{method="POST",route="\/api\/v1\/incidents",status="201"\} 1/);
      assert.match(res.text, /fenghuo_process_resident_memory_bytes/);
    });

    it('publishes an OpenAPI document covering the contract', async () => {
      const res = await t.call('GET', '/api/v1/openapi.json', { as: null });
      assert.equal(res.status, 200);
      assert.equal(res.body.openapi, '3.0.3');
      for (const path of [
        '/api/v1/services',
        '/api/v1/services/{id}',
        '/api/v1/incidents',
        '/api/v1/incidents/{id}',
        '/api/v1/incidents/{id}/acknowledge',
        '/api/v1/incidents/{id}/resolve',
        '/api/v1/incidents/{id}/updates',
        '/api/v1/grade',
        '/api/v1/users',
        '/api/v1/tokens',
      ]) {
        assert.ok(res.body.paths[path], `missing ${path}`);
      }
      const create = res.body.paths['/api/v1/incidents'].post;
      assert.ok(create.requestBody.content['application/json'].schema.properties.impact);
      assert.ok(create.responses['201'].content['application/json'].schema.properties.levelReasons);
    });

    it('stores response profiles: override, read back, reset to the policy', async () => {
      const list = await t.call('GET', '/api/v1/response-profiles', { as: 'viewer' });
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((p: { level: number }) => p.level),
        [1, 2, 3, 4],
      );
      const l1 = list.body.items[0];
      assert.equal(l1.source, 'policy');
      assert.equal(l1.profile.ackTargetMinutes, 5);
      assert.equal(l1.profile.regulatorReport.required, true);
      assert.equal(l1.profile.postmortem.required, true);

      const override = {
        ...l1.profile,
        ackTargetMinutes: 2,
        regulatorReport: { required: true, dueMinutes: 240, clockStartsAt: 'detected' },
      };
      assert.equal((await t.call('PUT', '/api/v1/response-profiles/1', { as: 'responder', body: override })).status, 403);
      const put = await t.call('PUT', '/api/v1/response-profiles/1', { body: override });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.source, 'override');
      const incident = await t.call('POST', '/api/v1/incidents', { body: { title: 'p', services: ['core'], impact: 'outage' } });
      const created = Date.parse(incident.body.createdAt);
      assert.equal(Date.parse(incident.body.response.ackDueAt) - created, 2 * 60_000);
      assert.equal(Date.parse(incident.body.response.regulatorReportDueAt) - created, 240 * 60_000);

      const bad = await t.call('PUT', '/api/v1/response-profiles/2', { body: { ...override, ackTargetMinutes: -1 } });
      assert.equal(bad.status, 400);
      const reset = await t.call('DELETE', '/api/v1/response-profiles/1');
      assert.equal(reset.body.source, 'policy');
      assert.equal(reset.body.profile.ackTargetMinutes, 5);
      const audit = await t.call('GET', '/api/v1/audit?targetType=response-profile');
      assert.deepEqual(
        audit.body.items.map((a: { action: string }) => a.action),
        ['response-profile.reset', 'response-profile.set'],
      );
    });

    it('shows the grading policy in force', async () => {
      const res = await t.call('GET', '/api/v1/policy', { as: 'viewer' });
      assert.equal(res.status, 200);
      assert.equal(res.body.name, 'default');
      assert.equal(res.body.rules.length, 13);
      assert.equal(res.body.scope.largePct, 10);
    });
  });
}
