import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait-for.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON */

const fields = (res: { body: any }) => ((res.body.error?.details ?? []) as Array<{ field: string }>).map((d) => d.field);

for (const dialect of DIALECTS) {
  describe(`synthetic monitors over HTTP (${dialect})`, () => {
    let t: TestApp;
    let target: Server;
    let targetUrl = '';
    let answer = 200;
    const agents: Record<string, string> = {};
    const openIncidents = async (service: string) =>
      ((await t.call('GET', `/api/v1/incidents?service=${service}&limit=50`)).body.items as any[]).filter((i) => i.status !== 'resolved');

    before(async () => {
      t = await startTestApp(dialect);
      target = createServer((_req, res) => {
        res.statusCode = answer;
        res.end(answer === 200 ? 'all good' : 'unavailable');
      });
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
      for (const id of ['checkout', 'backups', 'search']) {
        assert.equal((await t.call('POST', '/api/v1/services', { body: { id, name: id, kind: 'business', critical: true } })).status, 201);
      }
      for (const name of ['gz-1', 'sh-1', 'bj-1']) {
        const res = await t.call('POST', '/api/v1/locations', { body: { name } });
        assert.equal(res.status, 201, res.text);
        assert.match(res.body.token, /^fha_/);
        agents[name] = res.body.token;
      }
    });
    after(async () => {
      await t.close();
      target.close();
    });

    it('refuses bad monitors with the field named, and weaker roles', async () => {
      const base = { name: 'checkout health', serviceId: 'checkout', kind: 'http', config: { url: targetUrl } };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...base, serviceId: 'nope' }, 'serviceId'],
        [{ ...base, config: { url: 'ftp://x' } }, 'config.url'],
        [{ ...base, intervalSeconds: 5 }, 'body.intervalSeconds'],
        [{ ...base, locations: ['mars-1'] }, 'locations[0]'],
        [{ ...base, locations: ['gz-1'], quorum: 2 }, 'quorum'],
        [{ ...base, kind: 'heartbeat', config: {}, locations: ['gz-1'] }, 'locations'],
        [{ ...base, surprise: true }, 'body.surprise'],
      ];
      for (const [body, field] of cases) {
        const res = await t.call('POST', '/api/v1/monitors', { body });
        assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.text}`);
        assert.ok(fields(res).includes(field) || res.text.includes(field), `${field} not named in ${res.text}`);
      }
      assert.equal((await t.call('POST', '/api/v1/monitors', { body: base, as: 'viewer' })).status, 403);
      assert.equal((await t.call('GET', '/api/v1/monitors')).body.items.length, 0, 'nothing was stored');
    });

    it('checks now, opens an outage incident after the failure threshold, and resolves it on recovery', async () => {
      const created = await t.call('POST', '/api/v1/monitors', {
        body: {
          name: 'checkout health',
          serviceId: 'checkout',
          kind: 'http',
          config: { url: targetUrl },
          intervalSeconds: 30,
          failureThreshold: 2,
        },
      });
      assert.equal(created.status, 201, created.text);
      const id = created.body.monitor.id as string;
      assert.equal(created.body.monitor.state, 'pending');
      assert.deepEqual(created.body.monitor.locations, ['local']);
      assert.equal(created.body.monitor.timeoutMs, 10_000);
      assert.equal(created.body.pushToken, null);

      const ok = await t.call('POST', `/api/v1/monitors/${id}/check`, { as: 'responder' });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.status, 'up');
      assert.equal(ok.body.recorded, true);
      await waitFor('state up', async () => (await t.call('GET', `/api/v1/monitors/${id}`)).body.state === 'up');

      answer = 503;
      const bad = await t.call('POST', `/api/v1/monitors/${id}/check`);
      assert.equal(bad.body.status, 'down');
      assert.match(bad.body.error, /503/);
      await sleep(50);
      assert.equal((await t.call('GET', `/api/v1/monitors/${id}`)).body.state, 'up', 'one failure is below the threshold');
      assert.equal((await openIncidents('checkout')).length, 0);

      await t.call('POST', `/api/v1/monitors/${id}/check`);
      const down = await waitFor('an incident', async () => (await openIncidents('checkout'))[0]);
      assert.equal((await t.call('GET', `/api/v1/monitors/${id}`)).body.state, 'down');
      assert.ok(
        down.affected.some((a: any) => a.impact === 'outage'),
        JSON.stringify(down.affected),
      );
      assert.ok(down.level <= 2, `a critical service's outage is severe (level ${down.level})`);
      const alerts = (await t.call('GET', `/api/v1/incidents/${down.id}/alerts`)).body.items as any[];
      assert.equal(alerts.length, 1);
      assert.match(alerts[0].summary, /HTTP monitor checkout health is down: .*503/);

      answer = 200;
      await t.call('POST', `/api/v1/monitors/${id}/check`);
      await waitFor('the incident resolved', async () => (await openIncidents('checkout')).length === 0);
      const view = (await t.call('GET', `/api/v1/monitors/${id}`)).body;
      assert.equal(view.state, 'up');
      assert.equal(view.lastStatus, 'up');
      assert.equal(view.uptime90d.length, 90);
      assert.equal(view.uptime90d[89], 50, 'today: 2 of 4 checks up');
      assert.equal(view.uptime90d[0], null);

      const results = (await t.call('GET', `/api/v1/monitors/${id}/results?limit=10`)).body.items as any[];
      assert.deepEqual(
        results.map((r) => r.status),
        ['up', 'down', 'down', 'up'],
      );
      assert.equal(results[1].location, 'local');
      assert.match(results[1].error, /expected .*503/);
      const minutes = (await t.call('GET', `/api/v1/monitors/${id}/rollups?grain=minute`)).body.items as any[];
      assert.equal(
        minutes.reduce((n, m) => n + m.up + m.down, 0),
        4,
      );
      const days = (await t.call('GET', `/api/v1/monitors/${id}/rollups?grain=day`)).body.items as any[];
      assert.equal(days.length, 1);
      assert.equal(days[0].uptimePct, 50);
    });

    it('a wrong answer is a degradation; unreachable later raises the same incident to an outage', async () => {
      answer = 200;
      const created = await t.call('POST', '/api/v1/monitors', {
        body: {
          name: 'checkout content',
          serviceId: 'checkout',
          kind: 'http',
          config: { url: targetUrl, keyword: 'shop is open' },
          failureThreshold: 1,
          recoveryThreshold: 1,
        },
      });
      assert.equal(created.status, 201, created.text);
      const id = created.body.monitor.id as string;
      const checked = await t.call('POST', `/api/v1/monitors/${id}/check`);
      assert.equal(checked.body.status, 'degraded');
      assert.match(checked.body.error, /keyword "shop is open" not found/);
      const degraded = await waitFor('a degradation', async () => (await openIncidents('checkout'))[0]);
      assert.deepEqual(
        degraded.affected.map((a: any) => a.impact),
        ['degraded'],
      );

      answer = 503;
      await t.call('POST', `/api/v1/monitors/${id}/check`);
      const outage = await waitFor('the outage', async () => {
        const [open] = await openIncidents('checkout');
        return open?.affected.some((a: any) => a.impact === 'outage') ? open : null;
      });
      assert.equal(outage.id, degraded.id, 'the same incident, regraded');
      assert.ok(outage.level <= degraded.level, `level ${degraded.level} → ${outage.level}`);

      answer = 200;
      assert.equal((await t.call('PATCH', `/api/v1/monitors/${id}`, { body: { config: { url: targetUrl } } })).status, 200);
      await t.call('POST', `/api/v1/monitors/${id}/check`);
      await waitFor('resolved', async () => (await openIncidents('checkout')).length === 0);
      assert.equal((await t.call('DELETE', `/api/v1/monitors/${id}`)).status, 204);
    });

    it('takes a monitor down only when a quorum of its locations sees it down', async () => {
      const created = await t.call('POST', '/api/v1/monitors', {
        body: {
          name: 'search from three places',
          serviceId: 'search',
          kind: 'tcp',
          config: { host: '127.0.0.1', port: 9 },
          intervalSeconds: 20,
          failureThreshold: 1,
          recoveryThreshold: 1,
          locations: ['gz-1', 'sh-1', 'bj-1'],
        },
      });
      assert.equal(created.status, 201, created.text);
      const id = created.body.monitor.id as string;
      const agent = (name: string) => ({ as: { token: agents[name] as string } });
      const report = async (name: string, status: string, at: number) => {
        const res = await t.call('POST', '/api/v1/agent/results', {
          ...agent(name),
          body: {
            results: [
              { monitorId: id, at, status, latencyMs: status === 'up' ? 3 : null, error: status === 'up' ? null : 'connection refused' },
            ],
          },
        });
        assert.equal(res.status, 202, res.text);
      };

      const list = await t.call('GET', '/api/v1/agent/monitors', agent('gz-1'));
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.location, 'gz-1');
      assert.deepEqual(
        list.body.monitors.map((m: any) => m.id),
        [id],
        'an agent gets only the monitors of its location',
      );
      assert.equal((await t.call('GET', '/api/v1/agent/monitors', { as: null })).status, 401);
      assert.equal((await t.call('GET', '/api/v1/agent/monitors', { as: { token: 'fha_wrong' } })).status, 401);
      assert.equal((await t.call('GET', '/api/v1/agent/monitors', { as: 'admin' })).status, 401, 'a user token is not an agent token');

      const now = Date.now();
      for (const name of ['gz-1', 'sh-1', 'bj-1']) await report(name, 'up', now - 3_000);
      await waitFor('up', async () => (await t.call('GET', `/api/v1/monitors/${id}`)).body.state === 'up');
      await report('gz-1', 'down', now - 2_000);
      await sleep(100);
      const one = (await t.call('GET', `/api/v1/monitors/${id}`)).body;
      assert.equal(one.state, 'up', 'one location of three is not a quorum');
      assert.equal(one.locationStates.find((s: any) => s.location === 'gz-1').state, 'down');
      assert.equal((await openIncidents('search')).length, 0);

      await report('sh-1', 'down', now - 1_000);
      const incident = await waitFor('an incident', async () => (await openIncidents('search'))[0]);
      assert.equal((await t.call('GET', `/api/v1/monitors/${id}`)).body.state, 'down');
      const [alert] = (await t.call('GET', `/api/v1/incidents/${incident.id}/alerts`)).body.items as any[];
      assert.match(alert.summary, /2 of 3 locations: gz-1, sh-1/);

      await report('gz-1', 'up', now);
      await waitFor('resolved', async () => (await openIncidents('search')).length === 0);
      // A batch the agent sends late (older than its last verdict) is history: stored, not judged.
      await report('bj-1', 'down', now - 10_000);
      await sleep(100);
      assert.equal((await t.call('GET', `/api/v1/monitors/${id}`)).body.state, 'up');
      assert.equal((await t.call('GET', `/api/v1/monitors/${id}/results?limit=20`)).body.items.length, 7);
      // An agent that lost our 202 sends the batch again: stored once, counted once.
      const counted = async () =>
        ((await t.call('GET', `/api/v1/monitors/${id}/rollups?grain=day`)).body.items as any[]).reduce((n, d) => n + d.up + d.down, 0);
      assert.equal(await counted(), 7);
      await report('gz-1', 'up', now);
      assert.equal((await t.call('GET', `/api/v1/monitors/${id}/results?limit=20`)).body.items.length, 7);
      assert.equal(await counted(), 7);

      const bad = await t.call('POST', '/api/v1/agent/results', {
        ...agent('gz-1'),
        body: { results: [{ monitorId: id, at: now, status: 'sideways', latencyMs: null, error: null }] },
      });
      assert.equal(bad.status, 400);
      assert.equal(
        (
          await t.call(
            'DELETE',
            `/api/v1/locations/${(await t.call('GET', '/api/v1/locations')).body.items.find((l: any) => l.name === 'gz-1').id}`,
          )
        ).status,
        409,
      );

      assert.equal((await t.call('POST', `/api/v1/monitors/${id}/pause`)).body.paused, true);
      assert.equal(
        (await t.call('GET', '/api/v1/agent/monitors', agent('gz-1'))).body.monitors.length,
        0,
        'paused monitors are not handed out',
      );
      assert.equal((await t.call('POST', `/api/v1/monitors/${id}/resume`)).body.paused, false);
    });

    it('watches a heartbeat monitor: pushes are results, a down push opens an incident', async () => {
      const created = await t.call('POST', '/api/v1/monitors', {
        body: {
          name: 'nightly backup',
          serviceId: 'backups',
          kind: 'heartbeat',
          intervalSeconds: 3600,
          graceSeconds: 600,
          failureThreshold: 1,
          recoveryThreshold: 1,
        },
      });
      assert.equal(created.status, 201, created.text);
      const id = created.body.monitor.id as string;
      const token = created.body.pushToken as string;
      assert.match(token, /^fhp_/);
      assert.match(created.body.pushUrl, new RegExp(`/api/push/${token}`));

      assert.deepEqual((await t.call('GET', `/api/push/${token}?status=up&msg=OK&ping=12`, { as: null })).body, { ok: true });
      await waitFor('up', async () => (await t.call('GET', `/api/v1/monitors/${id}`)).body.state === 'up');
      assert.ok((await t.call('GET', `/api/v1/monitors/${id}`)).body.lastBeatAt);

      assert.equal((await t.call('GET', `/api/push/${token}?status=down&msg=disk%20full`, { as: null })).status, 200);
      const incident = await waitFor('an incident', async () => (await openIncidents('backups'))[0]);
      const [alert] = (await t.call('GET', `/api/v1/incidents/${incident.id}/alerts`)).body.items as any[];
      assert.match(alert.summary, /Heartbeat monitor nightly backup is down: disk full/);

      assert.equal((await t.call('GET', '/api/push/fhp_unknown?status=up', { as: null })).status, 404);
      const rotated = await t.call('POST', `/api/v1/monitors/${id}/push-token`);
      assert.equal(rotated.status, 200);
      assert.equal((await t.call('GET', `/api/push/${token}?status=up`, { as: null })).status, 404, 'the old token stops working');
      assert.equal((await t.call('GET', `/api/push/${rotated.body.pushToken}?status=up`, { as: null })).status, 200);
      await waitFor('resolved', async () => (await openIncidents('backups')).length === 0);
      assert.equal((await t.call('POST', `/api/v1/monitors/${id}/check`)).status, 400);
    });

    it('lists, updates and deletes, with every change audited', async () => {
      const list = await t.call('GET', '/api/v1/monitors?limit=2');
      assert.equal(list.body.items.length, 2);
      assert.ok(list.body.nextCursor);
      const rest = await t.call('GET', `/api/v1/monitors?limit=10&cursor=${list.body.nextCursor}`);
      assert.equal(rest.body.items.length, 1);
      const id = list.body.items[0].id as string;
      // The list's text-built items agree with the detail view, field by field.
      const detail = (await t.call('GET', `/api/v1/monitors/${id}`)).body;
      for (const key of [
        'name',
        'serviceId',
        'kind',
        'state',
        'stateSince',
        'paused',
        'intervalSeconds',
        'locations',
        'lastCheckAt',
        'lastStatus',
        'lastLatencyMs',
        'lastError',
        'uptime90d',
      ]) {
        assert.deepEqual(list.body.items[0][key], detail[key], key);
      }
      assert.ok(detail.lastCheckAt, 'a monitor that was checked');
      const patched = await t.call('PATCH', `/api/v1/monitors/${id}`, { body: { intervalSeconds: 60, name: 'checkout /health' } });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.name, 'checkout /health');
      assert.equal((await t.call('PATCH', `/api/v1/monitors/${id}`, { body: { timeoutMs: 90_000 } })).status, 400);
      assert.equal((await t.call('DELETE', `/api/v1/monitors/${id}`, { as: 'responder' })).status, 403);
      const serviceId = patched.body.serviceId as string;
      const refused = await t.call('DELETE', `/api/v1/services/${serviceId}`);
      assert.equal(refused.status, 409, 'a service with monitors stays');
      assert.match(refused.body.error.message, /monitor/);
      assert.equal((await t.call('DELETE', `/api/v1/monitors/${id}`)).status, 204);
      assert.equal((await t.call('GET', `/api/v1/monitors/${id}`)).status, 404);
      assert.equal((await t.call('DELETE', `/api/v1/services/${serviceId}`)).status, 204, 'its last monitor gone, the service can go');
      const audit = (await t.call('GET', '/api/v1/audit?limit=200')).body.items as any[];
      for (const action of [
        'monitor.create',
        'monitor.update',
        'monitor.check_now',
        'monitor.pause',
        'monitor.resume',
        'monitor.delete',
        'monitor.rotate_push_token',
        'location.create',
      ]) {
        assert.ok(
          audit.some((a) => a.action === action),
          `${action} audited`,
        );
      }
    });
  });
}
