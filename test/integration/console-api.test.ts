import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { bootstrapAdmin } from '../../src/operations/access/bootstrap-admin.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON */

const fields = (res: { body: any }) => ((res.body?.error?.details ?? []) as Array<{ field: string }>).map((d) => d.field);

async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const login = await t.call('POST', '/api/v1/auth/login', { as: null, body: { email, password } });
  assert.equal(login.status, 200, login.text);
  return String(login.headers['set-cookie']).split(';')[0] ?? '';
}

for (const dialect of DIALECTS) {
  describe(`console support: first run (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('says firstRun only to an admin, while the bootstrap admin is the only active user', async () => {
      const me = async (as: Parameters<TestApp['call']>[2]) => (await t.call('GET', '/api/v1/auth/me', as)).body;
      assert.equal((await me({})).firstRun, false, 'no users at all: nothing was bootstrapped');

      await bootstrapAdmin(t.deps, { email: 'admin@example.com', password: 'first-start-pw' });
      const admin = await me({});
      assert.deepEqual(Object.keys(admin).sort(), ['firstRun', 'id', 'locale', 'name', 'role', 'timeZone', 'type']);
      assert.equal(admin.firstRun, true);
      assert.equal(admin.type, 'token');
      assert.deepEqual([admin.timeZone, admin.locale], [null, null], 'a token has no settings of its own');
      assert.equal((await me({ as: 'responder' })).firstRun, false, 'not an admin');
      assert.equal((await me({ as: 'viewer' })).firstRun, false);
      const cookie = await signIn(t, 'admin@example.com', 'first-start-pw');
      const session = await me({ as: null, headers: { cookie } });
      assert.equal(session.type, 'user');
      assert.equal(session.firstRun, true);
      assert.equal(typeof session.timeZone, 'string', "a user's own zone");

      const colleague = await t.call('POST', '/api/v1/users', {
        body: { email: 'colleague@example.com', name: 'Colleague', role: 'responder', password: 'colleague-pw' },
      });
      assert.equal(colleague.status, 201);
      assert.equal((await me({ as: null, headers: { cookie } })).firstRun, false, 'someone else is set up');
      assert.equal((await t.call('DELETE', `/api/v1/users/${colleague.body.id}`)).status, 200);
      assert.equal((await me({})).firstRun, true, 'the only active user is the bootstrap admin again');

      const second = await t.call('POST', '/api/v1/users', { body: { email: 'second@example.com', name: 'Second', role: 'admin' } });
      const bootstrapped = (await t.call('GET', '/api/v1/users?limit=200')).body.items.find((u: any) => u.email === 'admin@example.com');
      assert.equal((await t.call('DELETE', `/api/v1/users/${bootstrapped.id}`)).status, 200);
      assert.equal((await me({})).firstRun, false, `the only active user (${second.body.id}) is not the bootstrap admin`);
    });

    it('still needs credentials', async () => {
      assert.equal((await t.call('GET', '/api/v1/auth/me', { as: null })).status, 401);
    });
  });

  describe(`console support: incident roles (${dialect})`, () => {
    let t: TestApp;
    let incident: any;
    const users: Record<string, { id: string; name: string }> = {};
    const url = () => `/api/v1/incidents/${incident.id}/roles`;
    const current = async () => (await t.call('GET', `/api/v1/incidents/${incident.id}`)).body;
    const timeline = async () => (await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.items as any[];
    const audits = async () =>
      ((await t.call('GET', `/api/v1/audit?targetType=incident&targetId=${incident.id}`)).body.items as any[]).filter(
        (a) => a.action === 'incident.roles',
      );

    before(async () => {
      t = await startTestApp(dialect);
      assert.equal((await t.call('POST', '/api/v1/services', { body: { id: 'pay', name: 'Pay' } })).status, 201);
      for (const [key, name] of [
        ['lead', 'Li Lead'],
        ['voice', 'Wang Voice'],
        ['gone', 'Zhao Gone'],
      ] as const) {
        const res = await t.call('POST', '/api/v1/users', { body: { email: `${key}@example.com`, name, role: 'responder' } });
        assert.equal(res.status, 201, res.text);
        users[key] = { id: res.body.id, name };
      }
      assert.equal((await t.call('DELETE', `/api/v1/users/${users.gone?.id}`)).status, 200);
      const created = await t.call('POST', '/api/v1/incidents', { body: { title: 'Payments down', services: ['pay'], impact: 'outage' } });
      assert.equal(created.status, 201, created.text);
      incident = created.body;
      assert.deepEqual(incident.roles, { commander: null, communications: null });
    });
    after(() => t.close());

    it('assigns the commander, with a timeline entry, an audit row and a new version', async () => {
      const lead = users.lead as { id: string; name: string };
      const res = await t.call('PUT', url(), { as: 'responder', body: { commander: lead.id } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.roles, { commander: { id: lead.id, name: lead.name }, communications: null });
      assert.equal(res.body.version, incident.version + 1);
      assert.ok(Date.parse(res.body.updatedAt) >= Date.parse(incident.updatedAt));
      assert.deepEqual((await current()).roles, res.body.roles, 'stored');
      const listed = (await t.call('GET', '/api/v1/incidents?limit=10')).body.items.find((i: any) => i.id === incident.id);
      assert.deepEqual(listed.roles, res.body.roles, 'lists show the roles too');
      const entry = (await timeline()).filter((e) => e.kind === 'role');
      assert.equal(entry.length, 1);
      assert.equal(entry[0].message, 'commander');
      assert.equal(entry[0].from, null);
      assert.equal(entry[0].to, lead.name);
      assert.equal(entry[0].actor.name, 'token:test-responder');
      const audit = await audits();
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0].before, { commander: null, communications: null });
      assert.deepEqual(audit[0].after, { commander: lead.id, communications: null });
      incident = res.body;
    });

    it('changes both roles at once by number, clears one with null, and keeps an absent one', async () => {
      const voice = users.voice as { id: string; name: string };
      const lead = users.lead as { id: string; name: string };
      const both = await t.call('PUT', `/api/v1/incidents/${incident.number}/roles`, {
        as: 'responder',
        body: { commander: voice.id, communications: lead.id },
      });
      assert.equal(both.status, 200, both.text);
      assert.deepEqual(both.body.roles, {
        commander: { id: voice.id, name: voice.name },
        communications: { id: lead.id, name: lead.name },
      });
      assert.equal(both.body.version, incident.version + 1, 'one change, one version');
      const entries = (await timeline()).filter((e) => e.kind === 'role');
      assert.deepEqual(
        entries.slice(-2).map((e) => [e.message, e.from, e.to]),
        [
          ['commander', lead.name, voice.name],
          ['communications', null, lead.name],
        ],
      );
      const cleared = await t.call('PUT', url(), { as: 'responder', body: { commander: null } });
      assert.equal(cleared.status, 200);
      assert.deepEqual(cleared.body.roles, { commander: null, communications: { id: lead.id, name: lead.name } });
      incident = cleared.body;
    });

    it('changes nothing when the roles are already so', async () => {
      const lead = users.lead as { id: string; name: string };
      const before = (await timeline()).length;
      const same = await t.call('PUT', url(), { as: 'responder', body: { commander: null, communications: lead.id } });
      assert.equal(same.status, 200);
      assert.equal(same.body.version, incident.version);
      assert.equal((await timeline()).length, before);
      assert.equal((await audits()).length, 3);
    });

    it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
      const gone = users.gone as { id: string };
      const cases: Array<[unknown, string, RegExp?]> = [
        [{}, 'body'],
        [{ commander: 42 }, 'body.commander'],
        [{ commander: ['x'] }, 'body.commander'],
        [{ commander: '' }, 'body.commander'],
        [{ communications: { id: 'x' } }, 'body.communications'],
        [{ commander: 'x'.repeat(101) }, 'body.commander'],
        [{ deputy: users.lead?.id }, 'body.deputy'],
        [{ commander: 'no-such-user' }, 'commander', /unknown user "no-such-user"/],
        [{ commander: users.voice?.id, communications: 'nobody' }, 'communications', /unknown user/],
        [{ communications: gone.id }, 'communications', /disabled/],
      ];
      for (const [body, field, message] of cases) {
        const res = await t.call('PUT', url(), { as: 'responder', body });
        assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
        assert.equal(res.body.error.code, 'invalid_request');
        assert.ok(fields(res).includes(field), `${JSON.stringify(body)} names ${fields(res).join(', ')}, not ${field}`);
        if (message) assert.match(res.body.error.message, message);
      }
      const notJson = await t.call('PUT', url(), {
        as: 'responder',
        rawBody: '{"commander":',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(notJson.status, 400);
      assert.equal(notJson.body.error.code, 'invalid_json');
      const form = await t.call('PUT', url(), {
        as: 'responder',
        rawBody: 'commander=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(form.status, 415);
      const after = await current();
      assert.equal(after.version, incident.version, 'nothing changed');
      assert.deepEqual(after.roles, incident.roles);
      assert.equal((await audits()).length, 3);
    });

    it('answers 404 for an unknown incident, 403 to a viewer and 401 without credentials', async () => {
      const lead = users.lead as { id: string };
      const missing = await t.call('PUT', '/api/v1/incidents/no-such-incident/roles', { as: 'responder', body: { commander: lead.id } });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not_found');
      assert.equal((await t.call('PUT', '/api/v1/incidents/999999/roles', { as: 'responder', body: { commander: lead.id } })).status, 404);
      const viewer = await t.call('PUT', url(), { as: 'viewer', body: { commander: lead.id } });
      assert.equal(viewer.status, 403);
      assert.equal(viewer.body.error.code, 'forbidden');
      assert.equal((await t.call('PUT', url(), { as: null, body: { commander: lead.id } })).status, 401);
      assert.equal((await current()).version, incident.version);
    });

    it('lets one of two simultaneous changes win, never both on the same version', async () => {
      const lead = users.lead as { id: string };
      const voice = users.voice as { id: string };
      const results = await Promise.all([
        t.call('PUT', url(), { as: 'responder', body: { commander: lead.id } }),
        t.call('PUT', url(), { as: 'responder', body: { commander: voice.id } }),
      ]);
      const statuses = results.map((r) => r.status);
      assert.ok(
        statuses.every((s) => s === 200 || s === 409),
        statuses.join(),
      );
      const won = results.filter((r) => r.status === 200);
      assert.ok(won.length >= 1);
      const final = await current();
      assert.equal(final.version, incident.version + won.length, 'every success is exactly one version');
      assert.equal((await audits()).length, 3 + won.length);
    });
  });

  describe(`console support: monitors by state (${dialect})`, () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    const listed = async (query: string) => {
      const res = await t.call('GET', `/api/v1/monitors?${query}`);
      assert.equal(res.status, 200, res.text);
      return (res.body.items as any[]).map((m) => m.id as string).sort();
    };

    before(async () => {
      t = await startTestApp(dialect);
      assert.equal((await t.call('POST', '/api/v1/services', { body: { id: 'jobs', name: 'Jobs' } })).status, 201);
      for (const name of ['up', 'down', 'degraded', 'pending', 'paused', 'paused-down']) {
        const res = await t.call('POST', '/api/v1/monitors', {
          body: { name, serviceId: 'jobs', kind: 'heartbeat', intervalSeconds: 3600 },
        });
        assert.equal(res.status, 201, res.text);
        ids[name] = res.body.monitor.id;
      }
      // The states the checks would have reached.
      for (const [name, state] of [
        ['up', 'up'],
        ['down', 'down'],
        ['degraded', 'degraded'],
        ['paused-down', 'down'],
      ] as const) {
        await sql`update monitors set state = ${state} where id = ${ids[name]}`.execute(t.deps.store.db);
      }
      for (const name of ['paused', 'paused-down']) {
        assert.equal((await t.call('POST', `/api/v1/monitors/${ids[name]}/pause`)).status, 200);
      }
    });
    after(() => t.close());

    it('filters by state; a paused monitor is `paused` whatever state it kept', async () => {
      const of = (...names: string[]) => names.map((n) => ids[n] as string).sort();
      assert.deepEqual(await listed('state=down'), of('down'));
      assert.deepEqual(await listed('state=up'), of('up'));
      assert.deepEqual(await listed('state=degraded'), of('degraded'));
      assert.deepEqual(await listed('state=pending'), of('pending'));
      assert.deepEqual(await listed('state=paused'), of('paused', 'paused-down'));
      assert.deepEqual(await listed('state=down,paused'), of('down', 'paused', 'paused-down'));
      assert.deepEqual(await listed('state=down, degraded'), of('down', 'degraded'));
      assert.deepEqual(await listed('state=up,down,degraded,pending,paused'), await listed(''));
      assert.deepEqual(await listed('state=down&serviceId=jobs'), of('down'));
      assert.deepEqual(await listed('state=down&serviceId=other'), []);
      const items = (await t.call('GET', '/api/v1/monitors?state=paused')).body.items as any[];
      assert.ok(items.every((m) => m.paused === true));
    });

    it('pages through a filtered list', async () => {
      const first = await t.call('GET', '/api/v1/monitors?state=down,paused&limit=2');
      assert.equal(first.body.items.length, 2);
      assert.ok(first.body.nextCursor);
      const second = await t.call('GET', `/api/v1/monitors?state=down,paused&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      assert.equal(second.body.items.length, 1);
      assert.equal(second.body.nextCursor, null);
      const all = [...first.body.items, ...second.body.items].map((m: any) => m.id).sort();
      assert.deepEqual(all, [ids.down, ids.paused, ids['paused-down']].sort());
    });

    it('refuses an unknown state with a 400 naming querystring.state', async () => {
      for (const state of ['bogus', 'DOWN', 'down,', ',', '', 'down,lost', 'up;down', 'x'.repeat(101)]) {
        const res = await t.call('GET', `/api/v1/monitors?state=${encodeURIComponent(state)}`);
        assert.equal(res.status, 400, `${state}: ${res.text}`);
        assert.deepEqual(fields(res), ['querystring.state'], state);
      }
      const twice = await t.call('GET', '/api/v1/monitors?state=up&state=down');
      assert.equal(twice.status, 400, twice.text);
      assert.equal((await t.call('GET', '/api/v1/monitors?state=down', { as: null })).status, 401);
    });
  });
}
