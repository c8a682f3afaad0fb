import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type CallResult, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait-for.js';

const fields = (res: CallResult): string[] => [...new Set<string>((res.body?.error?.details ?? []).map((d: { field: string }) => d.field))];

for (const dialect of DIALECTS) {
  describe(`status pages: components mapped to monitors (${dialect})`, () => {
    let t: TestApp;
    const ids = { page: '', component: '', monitor: '', other: '', token: '' };
    const base = () => `/api/v1/status-pages/${ids.page}`;
    const version = async (): Promise<number> => (await t.call('GET', base(), { as: 'viewer' })).body.version;
    const shown = async (): Promise<string> => {
      const res = await t.call('GET', `${base()}/snapshot`, { as: 'viewer' });
      assert.equal(res.status, 200, res.text);
      return res.body.components.find((c: { id: string }) => c.id === ids.component)?.status;
    };
    const publicStatus = async (): Promise<string> => {
      const res = await t.call('GET', '/status/mon/summary.json', { as: null });
      assert.equal(res.status, 200, res.text);
      return res.body.components.find((c: { id: string }) => c.id === ids.component)?.status;
    };
    const monitorState = async (): Promise<string> => (await t.call('GET', `/api/v1/monitors/${ids.monitor}`)).body.state;
    const push = async (status: 'up' | 'down'): Promise<void> => {
      assert.equal((await t.call('GET', `/api/push/${ids.token}?status=${status}`, { as: null })).status, 200);
    };
    const heartbeat = async (name: string) => {
      const res = await t.call('POST', '/api/v1/monitors', {
        body: {
          name,
          serviceId: 'svc-jobs',
          kind: 'heartbeat',
          intervalSeconds: 3600,
          graceSeconds: 600,
          failureThreshold: 1,
          recoveryThreshold: 1,
        },
      });
      assert.equal(res.status, 201, res.text);
      return res.body as { monitor: { id: string }; pushToken: string };
    };

    before(async () => {
      t = await startTestApp(dialect);
      assert.equal((await t.call('POST', '/api/v1/services', { body: { id: 'svc-jobs', name: 'Jobs' } })).status, 201);
      const monitor = await heartbeat('nightly export');
      ids.monitor = monitor.monitor.id;
      ids.token = monitor.pushToken;
      ids.other = (await heartbeat('hourly sync')).monitor.id;
      const page = await t.call('POST', '/api/v1/status-pages', { as: 'responder', body: { slug: 'mon', name: 'Mon' } });
      assert.equal(page.status, 201, page.text);
      ids.page = page.body.id;
    });
    after(() => t.close());

    it('accepts monitorIds on create and update, audited; unknown, repeated or too many are 400s and change nothing', async () => {
      const created = await t.call('POST', `${base()}/components`, {
        as: 'responder',
        body: { name: 'Exports', monitorIds: [ids.monitor] },
      });
      assert.equal(created.status, 201, created.text);
      ids.component = created.body.id;
      assert.deepEqual(created.body.monitorIds, [ids.monitor]);
      assert.deepEqual(created.body.serviceIds, []);

      const before = await version();
      const listed = async () => (await t.call('GET', `${base()}/components`, { as: 'viewer' })).body.items;
      const listBefore = await listed();

      const unknown = await t.call('POST', `${base()}/components`, {
        as: 'responder',
        body: { name: 'Ghost', monitorIds: [ids.monitor, 'mon-ghost'] },
      });
      assert.equal(unknown.status, 400, unknown.text);
      assert.deepEqual(fields(unknown), ['monitorIds[1]']);
      assert.match(unknown.body.error.message, /unknown monitor "mon-ghost"/);
      const unknownUpdate = await t.call('PATCH', `${base()}/components/${ids.component}`, {
        as: 'responder',
        body: { monitorIds: ['mon-ghost'] },
      });
      assert.equal(unknownUpdate.status, 400, unknownUpdate.text);
      assert.deepEqual(fields(unknownUpdate), ['monitorIds[0]']);
      const repeated = await t.call('PATCH', `${base()}/components/${ids.component}`, {
        as: 'responder',
        body: { monitorIds: [ids.other, ids.other] },
      });
      assert.equal(repeated.status, 400, repeated.text);
      assert.deepEqual(fields(repeated), ['body.monitorIds']);
      const tooMany = await t.call('PATCH', `${base()}/components/${ids.component}`, {
        as: 'responder',
        body: { monitorIds: Array.from({ length: 51 }, (_, i) => `m-${i}`) },
      });
      assert.equal(tooMany.status, 400, tooMany.text);
      assert.deepEqual(fields(tooMany), ['body.monitorIds']);
      assert.equal(await version(), before, 'nothing was written');
      assert.deepEqual(await listed(), listBefore);

      const both = await t.call('PATCH', `${base()}/components/${ids.component}`, {
        as: 'responder',
        body: { monitorIds: [ids.monitor, ids.other] },
      });
      assert.equal(both.status, 200, both.text);
      assert.deepEqual(both.body.monitorIds, [ids.monitor, ids.other]);
      const renamed = await t.call('PATCH', `${base()}/components/${ids.component}`, {
        as: 'responder',
        body: { name: 'Exports and sync' },
      });
      assert.deepEqual(renamed.body.monitorIds, [ids.monitor, ids.other], 'kept when not given');
      const audit = await t.call('GET', `/api/v1/audit?targetType=status-component&targetId=${ids.component}`);
      const update = audit.body.items.find(
        (a: { action: string; changes?: { after?: { monitorIds?: string[] } } }) =>
          a.action === 'status-component.update' && JSON.stringify(a).includes(ids.other),
      );
      assert.ok(update, JSON.stringify(audit.body.items));
      assert.equal(await shown(), 'operational', 'pending monitors say nothing');
    });

    it('a mapped monitor going down makes the component a major outage, in the same transaction as the page version; recovering clears it', async () => {
      await push('up');
      await waitFor('monitor up', async () => (await monitorState()) === 'up');
      assert.equal(await shown(), 'operational');
      assert.equal(await waitFor('public page operational', async () => (await publicStatus()) === 'operational' && 'ok'), 'ok');

      const before = await version();
      await push('down');
      await waitFor('monitor down', async () => (await monitorState()) === 'down');
      assert.ok((await version()) > before, 'the state change bumped the page version');
      assert.equal(await shown(), 'major_outage');
      const startedAt = Date.now();
      await waitFor('public page major outage', async () => (await publicStatus()) === 'major_outage', 2_000);
      assert.ok(Date.now() - startedAt < 1_500, 'public readers see it within about a second');
      const snap = await t.call('GET', `${base()}/snapshot`, { as: 'viewer' });
      const today = snap.body.components.find((c: { id: string }) => c.id === ids.component).uptimeDays.at(-1);
      assert.equal(today.worst, 'major_outage');

      // The override still wins outright.
      const overridden = await t.call('PATCH', `${base()}/components/${ids.component}`, {
        as: 'responder',
        body: { statusOverride: 'operational' },
      });
      assert.equal(overridden.status, 200, overridden.text);
      assert.equal(await shown(), 'operational');
      await t.call('PATCH', `${base()}/components/${ids.component}`, { as: 'responder', body: { statusOverride: null } });
      assert.equal(await shown(), 'major_outage');

      const down = await version();
      await push('up');
      await waitFor('monitor up again', async () => (await monitorState()) === 'up');
      assert.ok((await version()) > down);
      assert.equal(await shown(), 'operational');
      await waitFor('public page operational again', async () => (await publicStatus()) === 'operational', 2_000);
    });

    it('pausing a mapped monitor clears what it said on the page at once; resuming brings it back', async () => {
      await push('down');
      await waitFor('monitor down', async () => (await monitorState()) === 'down');
      await waitFor('public page major outage', async () => (await publicStatus()) === 'major_outage', 2_000);

      const down = await version();
      assert.equal((await t.call('POST', `/api/v1/monitors/${ids.monitor}/pause`)).status, 200);
      assert.ok((await version()) > down, 'pausing bumped the page version');
      assert.equal(await shown(), 'operational');
      await waitFor('public page operational while paused', async () => (await publicStatus()) === 'operational', 2_000);

      const paused = await version();
      assert.equal((await t.call('POST', `/api/v1/monitors/${ids.monitor}/resume`)).status, 200);
      assert.ok((await version()) > paused, 'resuming bumped the page version');
      assert.equal(await shown(), 'major_outage', 'the state it kept counts again');
      await waitFor('public page major outage again', async () => (await publicStatus()) === 'major_outage', 2_000);

      // A change that is not a pause leaves the page alone.
      const resumed = await version();
      assert.equal((await t.call('PATCH', `/api/v1/monitors/${ids.monitor}`, { body: { name: 'nightly export (renamed)' } })).status, 200);
      assert.equal(await version(), resumed);
    });

    it('a mapped monitor deleted later is ignored, on the public page too', async () => {
      await push('down');
      await waitFor('monitor down', async () => (await monitorState()) === 'down');
      assert.equal(await shown(), 'major_outage');
      await waitFor('public page major outage', async () => (await publicStatus()) === 'major_outage', 2_000);
      const before = await version();
      assert.equal((await t.call('DELETE', `/api/v1/monitors/${ids.monitor}`)).status, 204);
      assert.ok((await version()) > before, 'deleting bumped the page version');
      assert.equal(await shown(), 'operational');
      await waitFor('public page operational', async () => (await publicStatus()) === 'operational', 2_000);
      const component = (await t.call('GET', `${base()}/components`, { as: 'viewer' })).body.items.find(
        (c: { id: string }) => c.id === ids.component,
      );
      assert.deepEqual(component.monitorIds, [ids.monitor, ids.other], 'the stored mapping is left as it was');
    });
  });
}
