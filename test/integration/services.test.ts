import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`service catalog over HTTP (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    const create = (body: Record<string, unknown>, as: 'admin' | 'responder' | 'viewer' = 'responder') =>
      t.call('POST', '/api/v1/services', { as, body });

    it('creates a service with every field and reads it back', async () => {
      assert.equal((await create({ id: 'dc-a', name: 'DC A', kind: 'facility', userFacing: false })).status, 201);
      const res = await create({
        id: 'payments',
        name: '支付',
        kind: 'business',
        critical: true,
        payment: true,
        userFacing: true,
        dependsOn: ['dc-a'],
        ownerTeam: 'pay-sre',
        runbook: '# 应急预案\n1. Fail over to dc-b',
        rtoMinutes: 30,
        rpoMinutes: 5,
      });
      assert.equal(res.status, 201, res.text);
      const got = await t.call('GET', '/api/v1/services/payments', { as: 'viewer' });
      assert.equal(got.status, 200);
      assert.deepEqual(
        { ...got.body, createdAt: undefined, updatedAt: undefined },
        {
          id: 'payments',
          name: '支付',
          kind: 'business',
          critical: true,
          payment: true,
          userFacing: true,
          dependsOn: ['dc-a'],
          ownerTeam: 'pay-sre',
          teamId: null,
          escalationPolicyId: null,
          runbook: '# 应急预案\n1. Fail over to dc-b',
          rtoMinutes: 30,
          rpoMinutes: 5,
          contacts: [],
          contractedSlaPct: null,
          // No backup heartbeat proves the RPO yet (docs/slo.md).
          lastGoodBackupAt: null,
          rpoMet: null,
          createdAt: undefined,
          updatedAt: undefined,
        },
      );
    });

    it('rejects a duplicate id, an unknown dependency and a bad slug without writing anything', async () => {
      const dup = await create({ id: 'payments', name: 'again' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'conflict');
      const unknown = await create({ id: 'orders', name: 'Orders', dependsOn: ['dc-a', 'ghost'] });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'unknown_service');
      assert.equal(unknown.body.error.details[0].field, 'dependsOn[1]');
      const slug = await create({ id: 'Bad Slug!', name: 'x' });
      assert.equal(slug.status, 400);
      assert.equal(slug.body.error.details[0].field, 'body.id');
      assert.equal((await t.call('GET', '/api/v1/services/orders')).status, 404);
    });

    it('rejects a dependency cycle with the path in the message', async () => {
      await create({ id: 'a', name: 'A' });
      await create({ id: 'b', name: 'B', dependsOn: ['a'] });
      await create({ id: 'c', name: 'C', dependsOn: ['b'] });
      const cycle = await t.call('PATCH', '/api/v1/services/a', { as: 'responder', body: { dependsOn: ['c'] } });
      assert.equal(cycle.status, 400);
      assert.equal(cycle.body.error.code, 'dependency_cycle');
      assert.match(cycle.body.error.message, /a → c → b → a|c → b → a → c|b → a → c → b/);
      const self = await t.call('PATCH', '/api/v1/services/a', { as: 'responder', body: { dependsOn: ['a'] } });
      assert.equal(self.body.error.code, 'dependency_cycle');
      assert.deepEqual((await t.call('GET', '/api/v1/services/a')).body.dependsOn, []);
    });

    it('updates fields and keeps the rest', async () => {
      const res = await t.call('PATCH', '/api/v1/services/b', { as: 'responder', body: { critical: true, runbook: 'restart b' } });
      assert.equal(res.status, 200);
      assert.equal(res.body.critical, true);
      assert.equal(res.body.runbook, 'restart b');
      assert.deepEqual(res.body.dependsOn, ['a']);
      assert.equal(res.body.name, 'B');
      const empty = await t.call('PATCH', '/api/v1/services/b', { as: 'responder', body: {} });
      assert.equal(empty.status, 400);
    });

    it('refuses to delete a service others depend on; admins delete leaves', async () => {
      const blocked = await t.call('DELETE', '/api/v1/services/a');
      assert.equal(blocked.status, 409);
      assert.match(blocked.body.error.message, /b/);
      assert.equal((await t.call('DELETE', '/api/v1/services/c', { as: 'responder' })).status, 403);
      assert.equal((await t.call('DELETE', '/api/v1/services/c')).status, 204);
      assert.equal((await t.call('GET', '/api/v1/services/c')).status, 404);
      assert.equal((await t.call('DELETE', '/api/v1/services/c')).status, 404);
    });

    it('lists the catalog in pages', async () => {
      for (let i = 0; i < 5; i++) await create({ id: `svc-${i}`, name: `S${i}` });
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await t.call('GET', `/api/v1/services?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { as: 'viewer' });
        assert.equal(page.status, 200);
        ids.push(...page.body.items.map((s: { id: string }) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(ids, [...ids].sort());
      assert.equal(new Set(ids).size, ids.length);
      assert.ok(ids.includes('svc-4') && ids.includes('payments'));
      const facilities = await t.call('GET', '/api/v1/services?kind=facility');
      assert.deepEqual(
        facilities.body.items.map((s: { id: string }) => s.id),
        ['dc-a'],
      );
    });
  });
}
