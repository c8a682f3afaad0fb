import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { amAlert, amPayload } from '../helpers/signal-fixtures.js';
import { seedWeChatCatalog, startTestApp, type TestApp } from '../helpers/test-app.js';

const pd = (routingKey: string, dedupKey: string, action: 'trigger' | 'resolve' | 'acknowledge', extra: Record<string, unknown> = {}) => ({
  routing_key: routingKey,
  event_action: action,
  dedup_key: dedupKey,
  ...(action === 'trigger'
    ? { payload: { summary: `problem ${dedupKey}`, source: 'host-1', severity: 'critical', custom_details: extra } }
    : {}),
});

for (const dialect of DIALECTS) {
  describe(`signals become incidents (${dialect})`, () => {
    let t: TestApp;
    const keys: Record<string, string> = {};
    const integration = async (kind: string, extra: Record<string, unknown> = {}) => {
      const res = await t.call('POST', '/api/v1/integrations', { body: { name: `${kind}-${Object.keys(keys).length}`, kind, ...extra } });
      assert.equal(res.status, 201, res.text);
      return res.body.key as string;
    };
    const incidents = async (q = '') => (await t.call('GET', `/api/v1/incidents?limit=200${q}`)).body.items as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any

    before(async () => {
      t = await startTestApp(dialect);
      await seedWeChatCatalog(t);
      // Independent services so each scenario has its own incidents.
      for (const id of ['orders', 'search', 'feed', 'ads', 'profile']) {
        await t.call('POST', '/api/v1/services', { body: { id, name: id } });
      }
      keys.am = await integration('alertmanager');
      keys.pd = await integration('pagerduty', { serviceId: 'orders' });
    });
    after(() => t.close());

    it('turns a facility alarm and the service alerts under it into one level-1 incident', async () => {
      // A service alert arrives first, then the cooling alarm, then more service alerts.
      const early = await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, {
        as: null,
        body: amPayload('{}:{alertname="ChatDown"}', [amAlert('ChatDown', { service: 'chat', severity: 'critical' }, 'firing', 'aa01')]),
      });
      assert.equal(early.status, 200, early.text);
      const cooling = await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, {
        as: null,
        body: amPayload('{}:{alertname="CoolingFailure"}', [
          amAlert('CoolingFailure', { datacenter: 'gz-dc1', severity: 'critical' }, 'firing', 'bb01'),
        ]),
      });
      assert.equal(cooling.status, 200, cooling.text);
      const storm = await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, {
        as: null,
        body: amPayload('{}:{alertname="ServiceDown"}', [
          amAlert('ServiceDown', { service: 'wechat-pay', severity: 'critical' }, 'firing', 'cc01'),
          amAlert('ServiceDown', { service: 'voice-to-text', severity: 'warning' }, 'firing', 'cc02'),
          amAlert('ServiceDown', { service: 'storage', severity: 'critical' }, 'firing', 'cc03'),
        ]),
      });
      assert.equal(storm.status, 200, storm.text);

      const open = (await incidents('&status=open')).filter((i) => i.origin === 'signals');
      assert.equal(open.length, 1, JSON.stringify(open.map((i) => [i.number, i.title, i.services])));
      const incident = open[0];
      assert.equal(incident.level, 1);
      const rules = incident.levelReasons.map((r: { rule: string }) => r.rule);
      assert.ok(rules.includes('infrastructure'), rules.join());
      assert.ok(rules.includes('payment'), rules.join());
      assert.deepEqual([...incident.services].sort(), ['chat', 'gz-dc1', 'storage', 'voice-to-text', 'wechat-pay']);
      assert.equal(incident.alertCount, 5);
      const alerts = await t.call('GET', `/api/v1/incidents/${incident.id}/alerts`);
      assert.equal(alerts.body.items.length, 5);
      const merged = (await incidents('&status=resolved')).find((i) => i.title.startsWith('ChatDown'));
      assert.ok(merged, 'the early chat incident was merged');
      const timeline = await t.call('GET', `/api/v1/incidents/${merged.id}/timeline`);
      assert.ok(timeline.body.items.some((e: { message: string | null }) => /merged into incident #/.test(e.message ?? '')));
    });

    it('deduplicates: the same payload twice changes no incident', async () => {
      const body = amPayload('{}:{alertname="X"}', [amAlert('X', { service: 'feed', severity: 'warning' }, 'firing', 'dd01')]);
      await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, { as: null, body });
      const before = await incidents();
      const again = await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, { as: null, body });
      assert.equal(again.body.results[0].status, 'deduplicated');
      const afterList = await incidents();
      assert.equal(afterList.length, before.length);
      const target = afterList.find((i) => i.title.startsWith('X on feed'));
      assert.ok(target);
      assert.equal(target.alertCount, 1);
    });

    it('resolves the incident when all its alerts resolve, with a timeline entry', async () => {
      const fire = await t.call('POST', '/v2/enqueue', { as: null, body: pd(keys.pd as string, 'k-1', 'trigger') });
      assert.equal(fire.status, 202, fire.text);
      assert.deepEqual(fire.body, { status: 'success', message: 'Event processed', dedup_key: 'k-1' });
      await t.call('POST', '/v2/enqueue', { as: null, body: pd(keys.pd as string, 'k-2', 'trigger') });
      const both = (await incidents('&status=open')).filter((i) => i.title === 'problem k-1');
      assert.equal(both.length, 1);
      assert.equal(both[0].alertCount, 2, 'the second alert for the same service joined the incident');
      await t.call('POST', '/v2/enqueue', { as: null, body: pd(keys.pd as string, 'k-1', 'resolve') });
      assert.equal((await t.call('GET', `/api/v1/incidents/${both[0].id}`)).body.status, 'triggered');
      await t.call('POST', '/v2/enqueue', { as: null, body: pd(keys.pd as string, 'k-2', 'resolve') });
      const resolved = await t.call('GET', `/api/v1/incidents/${both[0].id}`);
      assert.equal(resolved.body.status, 'resolved');
      const timeline = await t.call('GET', `/api/v1/incidents/${both[0].id}/timeline`);
      assert.ok(timeline.body.items.some((e: { message: string | null }) => e.message === 'all alerts resolved'));
    });

    it('generates and returns a dedup_key when a trigger has none', async () => {
      const res = await t.call('POST', '/v2/enqueue', {
        as: null,
        body: { routing_key: keys.pd, event_action: 'trigger', payload: { summary: 'no key', source: 's', severity: 'info' } },
      });
      assert.equal(res.status, 202, res.text);
      assert.match(res.body.dedup_key, /^[0-9a-f]{16,}$/);
    });

    it('answers PagerDuty errors in PagerDuty shape and stores nothing', async () => {
      const before = (await incidents()).length;
      const bad = await t.call('POST', '/v2/enqueue', { as: null, body: { routing_key: keys.pd, event_action: 'trigger' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.status, 'invalid event');
      assert.ok(Array.isArray(bad.body.errors) && bad.body.errors.length > 0);
      const unknown = await t.call('POST', '/v2/enqueue', { as: null, body: pd('not-a-key', 'x', 'trigger') });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.status, 'invalid event');
      const malformed = await t.call('POST', '/v2/enqueue', {
        as: null,
        rawBody: '{"routing_key":',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.status, 'invalid event');
      const huge = await t.call('POST', '/v2/enqueue', {
        as: null,
        rawBody: JSON.stringify({ ...pd(keys.pd as string, 'big', 'trigger'), pad: 'x'.repeat(600 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(huge.status, 413);
      const wrongKind = await t.call('POST', `/api/v1/integrations/${keys.pd}/alertmanager`, { as: null, body: amPayload('g', []) });
      assert.equal(wrongKind.status, 401);
      assert.equal((await incidents()).length, before);
    });

    it('rejects bytes that are not UTF-8', async () => {
      const res = await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, {
        as: null,
        rawBody: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.status, 400);
    });

    it('silences hold back pages but keep the record, marked', async () => {
      const silence = await t.call('POST', '/api/v1/silences', {
        as: 'responder',
        body: {
          matchers: [{ name: 'alertname', op: '=', value: 'NoisyDisk' }],
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
          comment: 'disk swap',
        },
      });
      assert.equal(silence.status, 201, silence.text);
      await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, {
        as: null,
        body: amPayload('{}:{alertname="NoisyDisk"}', [amAlert('NoisyDisk', { service: 'ads', severity: 'warning' }, 'firing', 'ee01')]),
      });
      const alerts = (await t.call('GET', '/api/v1/alerts?open=true')).body.items;
      const noisy = alerts.find((a: { summary: string }) => a.summary.startsWith('NoisyDisk'));
      assert.ok(noisy, 'the alert is recorded');
      assert.equal(noisy.suppressed, `silence:${silence.body.id}`);
    });

    it('maintenance windows hold back pages for their services', async () => {
      const now = Date.now();
      const window = await t.call('POST', '/api/v1/maintenance-windows', {
        as: 'responder',
        body: {
          serviceIds: ['batch'],
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 3600_000).toISOString(),
          comment: 'upgrade',
        },
      });
      assert.equal(window.status, 400, 'unknown service is rejected');
      await t.call('POST', '/api/v1/services', { body: { id: 'batch', name: 'Batch', userFacing: false } });
      const ok = await t.call('POST', '/api/v1/maintenance-windows', {
        as: 'responder',
        body: {
          serviceIds: ['batch'],
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 3600_000).toISOString(),
          comment: 'upgrade',
        },
      });
      assert.equal(ok.status, 201, ok.text);
      await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, {
        as: null,
        body: amPayload('{}:{alertname="BatchLate"}', [amAlert('BatchLate', { service: 'batch', severity: 'warning' }, 'firing', 'ff01')]),
      });
      const incident = (await incidents('&service=batch'))[0];
      assert.ok(incident, 'the incident exists');
      assert.equal(incident.suppressed, `maintenance:${ok.body.id}`);
      const cron = await t.call('POST', '/api/v1/maintenance-windows', {
        as: 'responder',
        body: { serviceIds: ['batch'], cron: 'not a cron', durationMinutes: 60, comment: 'x' },
      });
      assert.equal(cron.status, 400);
      assert.ok(JSON.stringify(cron.body).includes('cron'));
    });

    it('holds a flapping alert instead of opening and closing incidents', async () => {
      const body = (status: 'firing' | 'resolved') =>
        amPayload('{}:{alertname="Flappy"}', [amAlert('Flappy', { service: 'search', severity: 'warning' }, status, 'ab01')]);
      for (let i = 0; i < 4; i++) {
        await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, { as: null, body: body('firing') });
        await t.call('POST', `/api/v1/integrations/${keys.am}/alertmanager`, { as: null, body: body('resolved') });
      }
      const flappy = (await incidents()).filter((i) => i.title.startsWith('Flappy'));
      assert.equal(flappy.length, 1, 'one incident, not four');
      assert.notEqual(flappy[0].status, 'resolved', 'held open while flapping');
      const alerts = (await t.call('GET', `/api/v1/incidents/${flappy[0].id}/alerts`)).body.items;
      assert.ok(alerts.some((a: { flapping: boolean }) => a.flapping));
    });

    it('takes Opsgenie alerts by GenieKey, with alias as the dedup key, and closes them', async () => {
      const key = await integration('opsgenie', { serviceId: 'profile' });
      const create = await t.call('POST', '/v2/alerts', {
        as: null,
        headers: { authorization: `GenieKey ${key}` },
        body: { message: 'Chat latency high', alias: 'chat-latency', priority: 'P2', tags: ['chat'] },
      });
      assert.equal(create.status, 202, create.text);
      assert.equal(create.body.result, 'Request will be processed');
      assert.equal(typeof create.body.took, 'number');
      assert.ok(create.body.requestId);
      const incident = (await incidents('&status=open')).find((i) => i.title === 'Chat latency high');
      assert.ok(incident);
      const close = await t.call('POST', '/v2/alerts/chat-latency/close?identifierType=alias', {
        as: null,
        headers: { authorization: `GenieKey ${key}` },
        body: {},
      });
      assert.equal(close.status, 202, close.text);
      assert.equal((await t.call('GET', `/api/v1/incidents/${incident.id}`)).body.status, 'resolved');
      const denied = await t.call('POST', '/v2/alerts', { as: null, headers: { authorization: 'GenieKey wrong' }, body: { message: 'x' } });
      assert.equal(denied.status, 401);
    });

    it('raises an alert when a heartbeat is missed and resolves it on the next beat', async () => {
      const key = await integration('heartbeat', { serviceId: 'batch', settings: { heartbeat: { intervalSeconds: 10, graceSeconds: 0 } } });
      const beat = await t.call('GET', `/api/push/${key}?status=up&msg=OK&ping=12`, { as: null });
      assert.deepEqual(beat.body, { ok: true });
      const { checkHeartbeats } = await import('../../src/signals/heartbeat/beats.js');
      const later = { ...t.deps, clock: { now: () => Date.now() + 60_000 } };
      assert.equal(await checkHeartbeats(later, t.engine), 1);
      assert.equal(await checkHeartbeats(later, t.engine), 0, 'raised once');
      const missed = (await t.call('GET', '/api/v1/alerts?open=true')).body.items.find(
        (a: { dedupKey: string }) => a.dedupKey === 'heartbeat:default',
      );
      assert.ok(missed);
      assert.match(missed.summary, /missed/);
      await t.call('POST', `/api/push/${key}?status=up`, { as: null });
      const open = (await t.call('GET', '/api/v1/alerts?open=true')).body.items.filter(
        (a: { dedupKey: string }) => a.dedupKey === 'heartbeat:default',
      );
      assert.equal(open.length, 0);
      const unknown = await t.call('GET', '/api/push/nope?status=up', { as: null });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.ok, false);
    });
  });
}

describe('flapping alerts are released once quiet', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
    await t.call('POST', '/api/v1/services', { body: { id: 'search', name: 'Search' } });
  });
  after(() => t.close());

  it('resolves a held alert and its incident after the quiet period', async () => {
    const key = (await t.call('POST', '/api/v1/integrations', { body: { name: 'am', kind: 'alertmanager' } })).body.key as string;
    const body = (status: 'firing' | 'resolved') =>
      amPayload('{}:{alertname="Flappy"}', [amAlert('Flappy', { service: 'search', severity: 'warning' }, status, 'ab01')]);
    for (let i = 0; i < 3; i++) {
      await t.call('POST', `/api/v1/integrations/${key}/alertmanager`, { as: null, body: body('firing') });
      await t.call('POST', `/api/v1/integrations/${key}/alertmanager`, { as: null, body: body('resolved') });
    }
    const incident = (await t.call('GET', '/api/v1/incidents?service=search')).body.items[0];
    assert.notEqual(incident.status, 'resolved');
    const { releaseQuietFlappers } = await import('../../src/signals/ingest/release-flapping.js');
    assert.equal(await releaseQuietFlappers(t.deps), 0, 'not quiet yet');
    const later = { ...t.deps, clock: { now: () => Date.now() + 11 * 60_000 } };
    assert.equal(await releaseQuietFlappers(later), 1);
    assert.equal((await t.call('GET', `/api/v1/incidents/${incident.id}`)).body.status, 'resolved');
    assert.equal((await t.call('GET', '/api/v1/alerts?open=true')).body.items.length, 0);
  });
});

describe('Grafana signatures and the generic webhook over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
    await t.call('POST', '/api/v1/services', { body: { id: 'api', name: 'API', critical: true } });
  });
  after(() => t.close());

  const grafanaBody = {
    receiver: 'fenghuo',
    status: 'firing',
    orgId: 1,
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'HighLatency', service: 'api', severity: 'critical' },
        annotations: { summary: 'p99 above 2 s' },
        startsAt: '2026-11-22T02:00:00Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://grafana/alerting/grafana/abc/view',
        fingerprint: '57c6d9296de2ad39',
        silenceURL: 'http://grafana/alerting/silence/new',
        dashboardURL: '',
        panelURL: '',
        values: { B: 2.3 },
        valueString: "[ var='B' labels={} value=2.3 ]",
      },
    ],
    groupLabels: { alertname: 'HighLatency' },
    commonLabels: { alertname: 'HighLatency' },
    commonAnnotations: {},
    externalURL: 'http://grafana/',
    version: '1',
    groupKey: '{}:{alertname="HighLatency"}',
    truncatedAlerts: 0,
    title: '[FIRING:1] HighLatency',
    state: 'alerting',
    message: 'p99 above 2 s',
  };

  it('accepts a correctly signed payload and refuses a missing or wrong signature', async () => {
    const created = await t.call('POST', '/api/v1/integrations', {
      body: { name: 'grafana', kind: 'grafana', signingSecret: 's3cret-signing' },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.hasSecret, true);
    assert.equal(JSON.stringify(created.body).includes('s3cret-signing'), false, 'the secret is never shown');
    const url = `/api/v1/integrations/${created.body.key}/grafana`;
    const raw = JSON.stringify(grafanaBody);
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', 's3cret-signing').update(raw).digest('hex');
    const headers = { 'content-type': 'application/json' };
    const unsigned = await t.call('POST', url, { as: null, rawBody: raw, headers });
    assert.equal(unsigned.status, 401);
    const wrong = await t.call('POST', url, {
      as: null,
      rawBody: raw,
      headers: { ...headers, 'x-grafana-alerting-signature': 'ab'.repeat(32) },
    });
    assert.equal(wrong.status, 401);
    const tampered = await t.call('POST', url, {
      as: null,
      rawBody: raw.replace('2 s', '3 s'),
      headers: { ...headers, 'x-grafana-alerting-signature': signature },
    });
    assert.equal(tampered.status, 401);
    assert.equal((await t.call('GET', '/api/v1/alerts')).body.items.length, 0, 'nothing stored');
    const ok = await t.call('POST', url, { as: null, rawBody: raw, headers: { ...headers, 'x-grafana-alerting-signature': signature } });
    assert.equal(ok.status, 200, ok.text);
    const incident = (await t.call('GET', '/api/v1/incidents?service=api')).body.items[0];
    assert.equal(incident.level, 1, 'critical → outage of a critical service, scope unknown → level 1');
    const stored = await t.deps.store.db.selectFrom('integrations').select('secret_enc').executeTakeFirstOrThrow();
    assert.ok(stored.secret_enc && !stored.secret_enc.includes('s3cret'), 'stored encrypted');
  });

  it('maps the generic webhook, with impact facts from the payload', async () => {
    await t.call('POST', '/api/v1/services', { body: { id: 'exports', name: 'Exports' } });
    const created = await t.call('POST', '/api/v1/integrations', { body: { name: 'scripts', kind: 'webhook' } });
    const res = await t.call('POST', `/api/v1/integrations/${created.body.key}/webhook`, {
      as: null,
      body: {
        dedupKey: 'leak-1',
        summary: 'customer export bucket public',
        service: 'exports',
        impact: 'data_leak',
        recordsExposed: 2_000_000,
      },
    });
    assert.equal(res.status, 200, res.text);
    const incident = (await t.call('GET', '/api/v1/incidents?q=bucket')).body.items[0];
    assert.equal(incident.level, 1);
    assert.equal(incident.levelReasons[0].rule, 'large-data-leak');
    const revoked = await t.call('PATCH', `/api/v1/integrations/${created.body.id}`, { body: { disabled: true } });
    assert.equal(revoked.status, 200);
    const after = await t.call('POST', `/api/v1/integrations/${created.body.key}/webhook`, { as: null, body: { summary: 'x' } });
    assert.equal(after.status, 401, 'a disabled integration key stops working at once');
    const rotated = await t.call('POST', `/api/v1/integrations/${created.body.id}/rotate-key`);
    assert.notEqual(rotated.body.key, created.body.key);
  });
});

describe('a person resolving an alert-driven incident', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
    await t.call('POST', '/api/v1/services', { body: { id: 'orders', name: 'Orders' } });
  });
  after(() => t.close());

  it('resolves its alerts too; the sender firing again soon after reopens that incident', async () => {
    const key = (await t.call('POST', '/api/v1/integrations', { body: { name: 'pd', kind: 'pagerduty', serviceId: 'orders' } })).body
      .key as string;
    await t.call('POST', '/v2/enqueue', { as: null, body: pd(key, 'disk-full', 'trigger') });
    const incident = (await t.call('GET', '/api/v1/incidents?service=orders')).body.items[0];
    const resolved = await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { as: 'responder', body: { note: 'cleaned up' } });
    assert.equal(resolved.status, 200);
    assert.equal((await t.call('GET', '/api/v1/alerts?open=true')).body.items.length, 0);
    const timeline = (await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.items;
    assert.ok(timeline.some((e: { message: string | null }) => /1 open alert\(s\) resolved/.test(e.message ?? '')));
    // Within the flap window the same key reopens the same incident rather than paging anew.
    await t.call('POST', '/v2/enqueue', { as: null, body: pd(key, 'disk-full', 'trigger') });
    const again = await t.call('GET', `/api/v1/incidents/${incident.id}`);
    assert.equal(again.body.status, 'triggered');
    assert.equal((await t.call('GET', '/api/v1/incidents?service=orders')).body.items.length, 1);
  });
});

describe('Opsgenie named heartbeats and hostile strings', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
  });
  after(() => t.close());

  it('pings a declared heartbeat and refuses an undeclared one', async () => {
    const created = await t.call('POST', '/api/v1/integrations', {
      body: {
        name: 'og',
        kind: 'opsgenie',
        settings: { heartbeats: [{ name: 'nightly-backup', intervalSeconds: 86400, graceSeconds: 600 }] },
      },
    });
    assert.equal(created.status, 201, created.text);
    const headers = { authorization: `GenieKey ${created.body.key}` };
    const ping = await t.call('POST', '/v2/heartbeats/nightly-backup/ping', { as: null, headers });
    assert.equal(ping.status, 202, ping.text);
    assert.equal(ping.body.result, 'PONG - Heartbeat received');
    const unknown = await t.call('GET', '/v2/heartbeats/other/ping', { as: null, headers });
    assert.equal(unknown.status, 404);
    const dup = await t.call('POST', '/api/v1/integrations', {
      body: {
        name: 'og2',
        kind: 'opsgenie',
        settings: {
          heartbeats: [
            { name: 'a', intervalSeconds: 60, graceSeconds: 0 },
            { name: 'a', intervalSeconds: 60, graceSeconds: 0 },
          ],
        },
      },
    });
    assert.equal(dup.status, 400);
  });

  it('dedups keys with lone surrogates and survives deep nesting', async () => {
    const key = (await t.call('POST', '/api/v1/integrations', { body: { name: 'pd', kind: 'pagerduty' } })).body.key as string;
    const body = {
      routing_key: key,
      event_action: 'trigger',
      dedup_key: 'disk\ud83d',
      payload: { summary: 's', source: 'x', severity: 'error' },
    };
    assert.equal((await t.call('POST', '/v2/enqueue', { as: null, body })).status, 202);
    const again = await t.call('POST', '/v2/enqueue', { as: null, body });
    assert.equal(again.status, 202, again.text);
    // Built as text: JSON.stringify itself cannot nest this deep.
    const deep = `${'{"d":'.repeat(5000)}"bottom"${'}'.repeat(5000)}`;
    const raw = JSON.stringify({ ...body, dedup_key: 'deep', payload: { ...body.payload, custom_details: { tree: '@@' } } }).replace(
      '"@@"',
      deep,
    );
    const nested = await t.call('POST', '/v2/enqueue', { as: null, rawBody: raw, headers: { 'content-type': 'application/json' } });
    assert.equal(nested.status, 202, nested.text);
    assert.equal((await t.call('GET', '/api/v1/alerts?open=true')).body.items.length, 2);
  });
});
