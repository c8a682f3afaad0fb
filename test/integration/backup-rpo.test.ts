import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../src/operations/context.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait-for.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON */

const MIN = 60_000;
const T0 = Date.UTC(2026, 4, 1, 2, 0, 0);
const fields = (res: { body: any }) => ((res.body.error?.details ?? []) as Array<{ field: string }>).map((d) => d.field);

for (const dialect of DIALECTS) {
  describe(`backup heartbeats prove the RPO (${dialect})`, () => {
    let t: TestApp;
    let now = T0;
    const clock: Clock = { now: () => now };
    let token = '';
    const service = async (id: string) => (await t.call('GET', `/api/v1/services/${id}`, { as: 'viewer' })).body;
    const incidents = async () => (await t.call('GET', '/api/v1/incidents?service=db&limit=50')).body.items as any[];
    const push = async (status: 'up' | 'down') => {
      const res = await t.call('GET', `/api/push/${token}?status=${status}&msg=backup`, { as: null });
      assert.equal(res.status, 200, res.text);
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      for (const body of [
        { id: 'db', name: 'Orders database', kind: 'infrastructure', rpoMinutes: 60 },
        { id: 'wiki', name: 'Wiki' },
      ]) {
        assert.equal((await t.call('POST', '/api/v1/services', { body })).status, 201);
      }
    });
    after(() => t.close());

    it('accepts config.role "backup" on heartbeats only, and names a bad config', async () => {
      const base = { name: 'nightly', serviceId: 'db', kind: 'heartbeat', intervalSeconds: 3600 };
      for (const [config, field] of [
        [{ role: 'primary' }, 'config.role'],
        [{ foo: 1 }, 'config.foo'],
      ] as const) {
        const res = await t.call('POST', '/api/v1/monitors', { body: { ...base, config } });
        assert.equal(res.status, 400, res.text);
        assert.deepEqual(fields(res), [field]);
      }
      const created = await t.call('POST', '/api/v1/monitors', { as: 'responder', body: { ...base, config: { role: 'backup' } } });
      assert.equal(created.status, 201, created.text);
      token = created.body.pushToken;
      // An ordinary heartbeat of the same service proves nothing about backups.
      const other = await t.call('POST', '/api/v1/monitors', { body: { ...base, name: 'cron', config: {} } });
      assert.equal(other.status, 201, other.text);
      const s = await service('db');
      assert.deepEqual([s.lastGoodBackupAt, s.rpoMet], [null, true], 'a new backup heartbeat has the RPO to prove itself');
      assert.deepEqual([(await service('wiki')).rpoMet, (await service('wiki')).lastGoodBackupAt], [null, null], 'no RPO, no backup');
    });

    it('shows the last good backup on the service; a down push is not a good one', async () => {
      now = T0 + 10 * MIN;
      await push('up');
      now = T0 + 20 * MIN;
      await push('down');
      const s = await service('db');
      assert.equal(s.lastGoodBackupAt, new Date(T0 + 10 * MIN).toISOString());
      assert.equal(s.rpoMet, true);
      const listed = ((await t.call('GET', '/api/v1/services', { as: 'viewer' })).body.items as any[]).find((x) => x.id === 'db');
      assert.deepEqual([listed.lastGoodBackupAt, listed.rpoMet], [s.lastGoodBackupAt, true], 'the list shows the same');
    });

    it('raises an alert (and an incident) once the last good backup is older than the RPO, once', async () => {
      now = T0 + 10 * MIN + 60 * MIN;
      await t.monitors.checkBackups();
      assert.equal((await service('db')).rpoMet, true, 'exactly the RPO old is in time');
      const before = (await incidents()).filter((i) => i.status !== 'resolved').length;

      now = T0 + 10 * MIN + 61 * MIN;
      await t.monitors.checkBackups();
      await t.monitors.checkBackups();
      assert.equal((await service('db')).rpoMet, false);
      const incident = await waitFor('the RPO incident', async () =>
        (await incidents()).find((i) => i.status !== 'resolved' && i.affected.some((a: any) => a.impact === 'vulnerability')),
      );
      assert.equal((await incidents()).filter((i) => i.status !== 'resolved').length, before + 1, 'one incident');
      const alerts = (await t.call('GET', `/api/v1/incidents/${incident.id}/alerts`)).body.items as any[];
      assert.equal(alerts.length, 1);
      assert.match(
        alerts[0].summary,
        /Backup of db is older than its RPO \(60 min\): last good backup 2026-05-01T02:10:00\.000Z, 61 min ago/,
      );
      assert.equal(alerts[0].eventCount, 1, 'a second look does not signal again');
    });

    it('resolves on the next good beat', async () => {
      now = T0 + 90 * MIN;
      await push('up');
      await waitFor('resolved', async () =>
        (await incidents()).every((i) => i.status === 'resolved' || !i.affected.some((a: any) => a.impact === 'vulnerability')),
      );
      const s = await service('db');
      assert.deepEqual([s.lastGoodBackupAt, s.rpoMet], [new Date(T0 + 90 * MIN).toISOString(), true]);
    });

    it('stops proving once the service has no RPO', async () => {
      assert.equal((await t.call('PATCH', '/api/v1/services/db', { as: 'responder', body: { rpoMinutes: null } })).status, 200);
      now = T0 + 10 * 60 * MIN;
      await t.monitors.checkBackups();
      assert.equal((await service('db')).rpoMet, null);
      assert.equal(
        (await incidents()).filter((i) => i.status !== 'resolved' && i.affected.some((a: any) => a.impact === 'vulnerability')).length,
        0,
      );
    });
  });
}
