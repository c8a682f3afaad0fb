import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_RESPONSE_PROFILES } from '../../src/domain/response/profiles.js';
import { json, localOnly, startReceiver, type Receiver } from '../../src/notify/channels/testing/receiver.js';
import { Pager } from '../../src/notify/pager.js';
import { readDeliveryConfig } from '../../src/notify/deliveries.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../../src/notify/channels/webhook/signature.js';
import { configSnapshot, type ConfigSnapshot } from '../../src/operations/config-snapshot.js';
import { pagingDirectory } from '../../src/operations/paging/paging-directory.js';
import { findEscalationPolicy, saveEscalationPolicy } from '../../src/store/escalation-policies-repo.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Opening an incident reads policies, rotas, people and settings from a cache kept per
// configuration generation (operations/config-snapshot.ts). Two nodes on one database: `a` takes
// the events and pages (its cache warm), `b` changes the configuration; every change must show in
// the very next page `a` plans — as it did when paging read the tables each time.

const HOUR = 3_600_000;

/** A call that must succeed; its JSON body. */
async function call(app: TestApp, method: string, url: string, body?: unknown) {
  const res = await app.call(method, url, { body });
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${url}: ${res.status} ${res.text}`);
  return res.body;
}

/** A PagerDuty trigger with its own dedup key (so its own alert), accepted. */
async function trigger(app: TestApp, routingKey: string, key: string): Promise<void> {
  const res = await app.call('POST', '/v2/enqueue', {
    as: null,
    body: {
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: key,
      payload: { summary: key, source: 'db-1', severity: 'critical' },
    },
  });
  assert.equal(res.status, 202, res.text);
}

/** The service `payments` paged by `policy`, and a PagerDuty key whose every alert opens an incident. */
async function pagedService(app: TestApp, policy: string): Promise<string> {
  await call(app, 'POST', '/api/v1/services', { id: 'payments', name: 'Payments', escalationPolicyId: policy });
  const integration = await call(app, 'POST', '/api/v1/integrations', {
    name: 'pd',
    kind: 'pagerduty',
    serviceId: 'payments',
    settings: { groupingWindowMinutes: 0 },
  });
  return String(integration.key);
}

interface Paged {
  userId: string | null;
  via: string;
}

for (const dialect of DIALECTS) {
  describe(`paging follows configuration changes made on another node (${dialect})`, () => {
    let a: TestApp;
    let b: TestApp;
    let pdKey = '';
    let events = 0;
    const users = { alice: '', bob: '', carol: '', dave: '' };
    let schedule = '';
    let policy = '';
    let otherPolicy = '';
    let aliceMail = '';

    /** A new alert on the paged service (its own incident); whom its opening paged, and how. */
    const pagedFor = async (): Promise<Paged[]> => {
      const key = `cache-${++events}`;
      await trigger(a, pdKey, key);
      const incidents = (await call(a, 'GET', '/api/v1/incidents?limit=50')).items as Array<{ id: string; title: string; level: number }>;
      const incident = incidents.find((i) => i.title === key);
      assert.ok(incident, `an incident for ${key}`);
      assert.equal(incident.level, 2);
      const paging = await call(a, 'GET', `/api/v1/incidents/${incident.id}/paging`);
      await call(a, 'POST', `/api/v1/incidents/${incident.id}/resolve`, {});
      return (paging.notifications as Paged[]).map((n) => ({ userId: n.userId, via: n.via })).sort((x, y) => x.via.localeCompare(y.via));
    };

    before(async () => {
      a = await startTestApp(dialect);
      b = await startTestApp(dialect, { database: a.database, secrets: a.deps.secrets });
      for (const name of ['alice', 'bob', 'carol', 'dave'] as const) {
        users[name] = (await call(b, 'POST', '/api/v1/users', { email: `${name}@example.test`, name, role: 'responder', locale: 'en' })).id;
      }
      const hook = await call(b, 'POST', `/api/v1/users/${users.alice}/contact-methods`, {
        kind: 'im',
        label: 'hook',
        channel: 'webhook',
        address: 'http://127.0.0.1:9/alice',
        secret: 'alice-secret',
      });
      aliceMail = (
        await call(b, 'POST', `/api/v1/users/${users.alice}/contact-methods`, {
          kind: 'email',
          label: 'work',
          address: 'alice@example.test',
        })
      ).id;
      await call(b, 'PUT', `/api/v1/users/${users.alice}/notification-rules`, [{ contactMethodId: hook.id, delayMinutes: 0 }]);
      schedule = (
        await call(b, 'POST', '/api/v1/schedules', {
          name: 'primary',
          timeZone: 'Asia/Shanghai',
          layers: [
            {
              name: 'always',
              start: '2026-01-01T01:00:00Z',
              rotation: { kind: 'weekly', handoffTime: '09:00' },
              participants: [users.alice],
              restrictions: [],
            },
          ],
        })
      ).id;
      policy = (
        await call(b, 'POST', '/api/v1/escalation-policies', {
          name: 'primary',
          steps: [{ delayMinutes: 30, targets: [{ kind: 'schedule', id: schedule }] }],
          repeat: 0,
        })
      ).id;
      otherPolicy = (
        await call(b, 'POST', '/api/v1/escalation-policies', {
          name: 'other',
          steps: [{ delayMinutes: 30, targets: [{ kind: 'user', id: users.bob }] }],
          repeat: 0,
        })
      ).id;
      pdKey = await pagedService(b, policy);
    });
    after(async () => {
      await b?.close();
      await a?.close();
    });

    it('pages whom the configuration names now, whichever node changed it', async () => {
      assert.deepEqual(await pagedFor(), [{ userId: users.alice, via: 'webhook' }]);
      assert.deepEqual(await pagedFor(), [{ userId: users.alice, via: 'webhook' }], 'again, from the cache');

      // An override on the schedule: bob is on call now; removing it gives the shift back.
      const override = await call(b, 'POST', `/api/v1/schedules/${schedule}/overrides`, {
        userId: users.bob,
        start: new Date(Date.now() - HOUR).toISOString(),
        end: new Date(Date.now() + HOUR).toISOString(),
      });
      assert.deepEqual(await pagedFor(), [{ userId: users.bob, via: 'email' }]);
      await call(b, 'DELETE', `/api/v1/schedules/${schedule}/overrides/${override.id}`);
      assert.deepEqual(await pagedFor(), [{ userId: users.alice, via: 'webhook' }]);

      // The rota itself.
      await call(b, 'PATCH', `/api/v1/schedules/${schedule}`, {
        layers: [
          {
            name: 'always',
            start: '2026-01-01T01:00:00Z',
            rotation: { kind: 'weekly', handoffTime: '09:00' },
            participants: [users.dave],
            restrictions: [],
          },
        ],
      });
      assert.deepEqual(await pagedFor(), [{ userId: users.dave, via: 'email' }]);
      await call(b, 'PATCH', `/api/v1/schedules/${schedule}`, {
        layers: [
          {
            name: 'always',
            start: '2026-01-01T01:00:00Z',
            rotation: { kind: 'weekly', handoffTime: '09:00' },
            participants: [users.alice],
            restrictions: [],
          },
        ],
      });

      // Personal notification rules.
      await call(b, 'PUT', `/api/v1/users/${users.alice}/notification-rules`, [{ contactMethodId: aliceMail, delayMinutes: 0 }]);
      assert.deepEqual(await pagedFor(), [{ userId: users.alice, via: 'email' }]);

      // The escalation policy's steps.
      await call(b, 'PUT', `/api/v1/escalation-policies/${policy}`, {
        name: 'primary',
        steps: [{ delayMinutes: 30, targets: [{ kind: 'user', id: users.carol }] }],
        repeat: 0,
      });
      assert.deepEqual(await pagedFor(), [{ userId: users.carol, via: 'email' }]);

      // A disabled user is not paged.
      await call(b, 'DELETE', `/api/v1/users/${users.carol}`);
      assert.deepEqual(await pagedFor(), []);

      // The service's policy (the catalog generation).
      await call(b, 'PATCH', '/api/v1/services/payments', { escalationPolicyId: otherPolicy });
      assert.deepEqual(await pagedFor(), [{ userId: users.bob, via: 'email' }]);

      // The level's response profile and the paging settings it refers to.
      await call(b, 'PUT', '/api/v1/paging-settings', {
        leadership: [{ kind: 'user', id: users.dave }],
        incidentCommander: [],
        smsGatewayChannelId: null,
        voiceGatewayChannelId: null,
      });
      assert.deepEqual(await pagedFor(), [{ userId: users.bob, via: 'email' }], 'level 2 does not page the leadership');
      await call(b, 'PUT', '/api/v1/response-profiles/2', {
        ...DEFAULT_RESPONSE_PROFILES[2],
        page: ['on-call', 'escalation-policy', 'leadership'],
      });
      const paged = (await pagedFor()).map((p) => `${p.userId} ${p.via}`).sort();
      assert.deepEqual(paged, [`${users.bob} email`, `${users.dave} email`].sort());
      await call(b, 'DELETE', '/api/v1/response-profiles/2');
      assert.deepEqual(await pagedFor(), [{ userId: users.bob, via: 'email' }]);
    });

    it('a configuration change that rolls back leaves nothing behind in the cache', async () => {
      const before = await findEscalationPolicy(a.deps.store.db, otherPolicy);
      assert.ok(before);
      await assert.rejects(
        a.deps.store.db.transaction().execute(async (trx) => {
          await saveEscalationPolicy(
            trx,
            { ...before, steps: [{ delayMinutes: 30, targets: [{ kind: 'user', id: users.alice }] }] },
            false,
          );
          // Inside, the transaction sees its own change …
          const seen = await pagingDirectory(trx, await configSnapshot(trx, a.deps)).policy(otherPolicy);
          assert.deepEqual(seen?.steps[0]?.targets, [{ kind: 'user', id: users.alice }]);
          throw new Error('roll back');
        }),
        /roll back/,
      );
      // … and after the rollback nobody else does: not now, and not once another change brings the
      // generation to the number the rolled-back transaction had seen.
      assert.deepEqual(await pagedFor(), [{ userId: users.bob, via: 'email' }]);
      await call(b, 'PATCH', `/api/v1/users/${users.dave}`, { name: 'Dave' });
      assert.deepEqual(await pagedFor(), [{ userId: users.bob, via: 'email' }]);
    });
  });

  describe(`on-call answers reused within the hour stay exact (${dialect})`, () => {
    // 2026-11-30 08:59:30 in Shanghai: alice's shift of the daily rota ends at 09:00, bob's begins.
    const T = Date.parse('2026-11-30T00:59:30Z');
    const MINUTE = 60_000;
    let now = T;
    let t: TestApp;
    let pdKey = '';
    let events = 0;
    const users = { alice: '', bob: '', carol: '' };

    const call = async (method: string, url: string, body?: unknown) => {
      const res = await t.call(method, url, { body });
      assert.ok(res.status >= 200 && res.status < 300, `${method} ${url}: ${res.status} ${res.text}`);
      return res.body;
    };
    const pagedAt = async (at: number): Promise<Array<string | null>> => {
      now = at;
      const key = `rota-${++events}`;
      await trigger(t, pdKey, key);
      const incident = ((await call('GET', '/api/v1/incidents?limit=50')).items as Array<{ id: string; title: string }>).find(
        (i) => i.title === key,
      );
      assert.ok(incident);
      const paging = await call('GET', `/api/v1/incidents/${incident.id}/paging`);
      await call('POST', `/api/v1/incidents/${incident.id}/resolve`, {});
      return (paging.notifications as Array<{ userId: string | null }>).map((n) => n.userId);
    };

    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => now } });
      for (const name of ['alice', 'bob', 'carol'] as const) {
        users[name] = (await call('POST', '/api/v1/users', { email: `${name}@example.test`, name, role: 'responder', locale: 'en' })).id;
      }
      const schedule = (
        await call('POST', '/api/v1/schedules', {
          name: 'daily',
          timeZone: 'Asia/Shanghai',
          layers: [
            {
              name: 'days',
              start: '2026-11-01T01:00:00Z',
              rotation: { kind: 'daily', handoffTime: '09:00' },
              participants: [users.alice, users.bob],
              restrictions: [],
            },
          ],
        })
      ).id;
      // Made in advance: it starts half an hour in, with no change to the configuration then.
      await call('POST', `/api/v1/schedules/${schedule}/overrides`, {
        userId: users.carol,
        start: new Date(T + 30 * MINUTE).toISOString(),
        end: new Date(T + 90 * MINUTE).toISOString(),
      });
      const policy = (
        await call('POST', '/api/v1/escalation-policies', {
          name: 'daily',
          steps: [{ delayMinutes: 30, targets: [{ kind: 'schedule', id: schedule }] }],
          repeat: 0,
        })
      ).id;
      await call('POST', '/api/v1/services', { id: 'payments', name: 'Payments', escalationPolicyId: policy });
      pdKey = (
        await call('POST', '/api/v1/integrations', {
          name: 'pd',
          kind: 'pagerduty',
          serviceId: 'payments',
          settings: { groupingWindowMinutes: 0 },
        })
      ).key;
    });
    after(async () => {
      await t?.close();
    });

    it('follows handoffs and overrides that begin while nothing changes', async () => {
      assert.deepEqual(await pagedAt(T), [users.alice]);
      assert.deepEqual(await pagedAt(T + MINUTE), [users.bob], 'the 09:00 handoff');
      assert.deepEqual(await pagedAt(T + 31 * MINUTE), [users.carol], 'the override has begun');
      assert.deepEqual(await pagedAt(T + 91 * MINUTE), [users.bob], 'and has ended');
      assert.deepEqual(await pagedAt(T + 24 * 60 * MINUTE), [users.bob], 'still bob the next morning');
      assert.deepEqual(await pagedAt(T + 24 * 60 * MINUTE + MINUTE), [users.alice], 'the next handoff');
    });
  });

  describe(`deliveries follow configuration changes made on another node (${dialect})`, () => {
    let a: TestApp;
    let b: TestApp;
    let receiver: Receiver;
    let pager: Pager;
    let pdKey = '';
    let user = '';
    let events = 0;

    /** Opens an incident on node a, lets a's worker deliver; where the page went and what it said. */
    const delivered = async (): Promise<{ url: string; services: string[] }> => {
      const key = `deliver-${++events}`;
      const before = receiver.requests.length;
      await trigger(a, pdKey, key);
      await pager.runOnce();
      const got = receiver.requests.slice(before);
      assert.equal(got.length, 1, `one page for ${key}`);
      const body = JSON.parse(got[0]!.body.toString('utf8')) as { messages: Array<{ title: string; services: string[] }> };
      assert.equal(body.messages[0]?.title, key);
      return { url: got[0]!.url, services: body.messages[0]?.services ?? [] };
    };
    const hook = async (path: string) => {
      const method = await call(b, 'POST', `/api/v1/users/${user}/contact-methods`, {
        kind: 'im',
        label: path,
        channel: 'webhook',
        address: `${receiver.origin}${path}`,
        secret: 'hook-secret',
      });
      await call(b, 'PUT', `/api/v1/users/${user}/notification-rules`, [{ contactMethodId: method.id, delayMinutes: 0 }]);
      return method.id as string;
    };

    before(async () => {
      a = await startTestApp(dialect);
      b = await startTestApp(dialect, { database: a.database, secrets: a.deps.secrets });
      receiver = await startReceiver(() => json({ ok: true }));
      a.deps.pagingLease = { owner: 'node-a', leaseMs: 60_000 };
      pager = new Pager(a.deps, { owner: 'node-a', publicUrl: 'http://fenghuo.test', smtp: null, http: localOnly() });
      user = (await call(b, 'POST', '/api/v1/users', { email: 'oncall@example.test', name: 'On-call', role: 'responder', locale: 'en' }))
        .id;
      const policy = (
        await call(b, 'POST', '/api/v1/escalation-policies', {
          name: 'direct',
          steps: [{ delayMinutes: 30, targets: [{ kind: 'user', id: user }] }],
          repeat: 0,
        })
      ).id;
      pdKey = await pagedService(b, policy);
    });
    after(async () => {
      await receiver?.close();
      await b?.close();
      await a?.close();
    });

    it('sends to the contact method and with the service names in force', async () => {
      const first = await hook('/one');
      assert.deepEqual(await delivered(), { url: '/one', services: ['Payments'] });
      assert.deepEqual(await delivered(), { url: '/one', services: ['Payments'] }, 'again, from the cache');
      await hook('/two');
      await call(b, 'DELETE', `/api/v1/users/${user}/contact-methods/${first}`);
      await call(b, 'PATCH', '/api/v1/services/payments', { name: 'Payments API' });
      assert.deepEqual(await delivered(), { url: '/two', services: ['Payments API'] });
    });

    it("a page handed over by its commit goes out before the 202, with that commit's configuration, its seal opened once per generation", async () => {
      // As `fenghuo serve` wires it: the ingest commit hands its leased rows, and its snapshot, to the worker.
      const handOvers: Array<ConfigSnapshot | undefined> = [];
      // Which pages were on their way when the sender heard back.
      let issued = 0;
      const http = localOnly();
      const handOver = new Pager(a.deps, {
        owner: 'node-a',
        publicUrl: 'http://fenghuo.test',
        smtp: null,
        http: (request) => {
          issued++;
          return http(request);
        },
      });
      a.deps.wakePaging = (handedOver, config) => {
        handOvers.push(config);
        return handOver.wake(handedOver, config);
      };
      const secrets = a.deps.secrets;
      const open = secrets.open.bind(secrets);
      let opened = 0;
      secrets.open = (sealed) => {
        opened++;
        return open(sealed);
      };
      try {
        const send = async (): Promise<{ url: string; verified: boolean }> => {
          const key = `handover-${++events}`;
          const before = receiver.requests.length;
          const requested = issued;
          await trigger(a, pdKey, key);
          assert.equal(issued, requested + 1, 'the page was on its way before the sender heard back');
          await handOver.drain();
          const got = receiver.requests.slice(before);
          assert.equal(got.length, 1, `one page for ${key}, from the hand-over`);
          const page = got[0]!;
          const timestamp = String(page.headers[TIMESTAMP_HEADER]);
          // The MAC is what this checks (the secret opened right), not the test clock's freshness.
          const verified = verifyWebhookSignature({
            secret: 'hook-secret',
            timestamp,
            signature: String(page.headers[SIGNATURE_HEADER]),
            body: page.body,
            nowMs: Number(timestamp) * 1000,
          }).ok;
          return { url: page.url, verified };
        };
        const method = await hook('/three');
        const first = await send();
        assert.deepEqual(first, { url: '/three', verified: true });
        const at = opened;
        assert.ok(at >= 1, 'the contact method was opened to send the first page');
        assert.deepEqual(await send(), { url: '/three', verified: true });
        assert.equal(opened, at, 'the same seal, the same generation: not opened again');
        assert.ok(handOvers.length >= 2 && handOvers.every((c) => c !== undefined), 'every hand-over came with its snapshot');

        // The snapshot it planned under is the one it sends under; nothing read since.
        const snapshot = handOvers.at(-1)!;
        const untouchable = new Proxy(
          {},
          {
            get() {
              throw new Error('the database was read');
            },
          },
        ) as typeof a.deps.store.db;
        const round = await readDeliveryConfig({ ...a.deps, store: { ...a.deps.store, db: untouchable } }, snapshot);
        assert.equal(round.config, snapshot);

        // A change on the other node moves the generation: the next page goes where the change says.
        await hook('/four');
        await call(b, 'DELETE', `/api/v1/users/${user}/contact-methods/${method}`);
        assert.deepEqual(await send(), { url: '/four', verified: true });
        assert.ok(opened > at, 'the new contact method was opened');
      } finally {
        secrets.open = open;
        a.deps.wakePaging = undefined;
      }
    });
  });
}
