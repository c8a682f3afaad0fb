import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeSmtp, type FakeSmtp } from '../../src/notify/channels/email/fake-smtp.js';
import { json, localOnly, startReceiver, type ReceivedRequest, type Receiver } from '../../src/notify/channels/testing/receiver.js';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook/signature.js';
import { Pager } from '../../src/notify/pager.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Escalation timing end to end inside one process, with an injected clock: the ingest API opens
// incidents, the paging worker (run one round at a time) delivers to a real webhook receiver and
// a real SMTP server, and the acknowledge link stops what would come next.

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-30T02:00:00Z'); // 10:00 in Shanghai
const PUBLIC = 'http://fenghuo.test';

interface WebhookBody {
  idempotencyKey: string;
  messages: Array<{ level: number; kind: string; title: string; ackUrl: string | null; resolveUrl: string | null; incidentNumber: number }>;
}

for (const dialect of DIALECTS) {
  describe(`paging: escalation, personal rules, ack links (${dialect})`, () => {
    let t: TestApp;
    let now = T0;
    let receiver: Receiver;
    let smtp: FakeSmtp;
    let pager: Pager;
    let pdKey = '';
    let failTeamOnce = true;
    const users = { alice: '', bob: '', carol: '' };
    const clock = { now: () => now };

    const hits = (path: string): ReceivedRequest[] => receiver.requests.filter((r) => r.url === path);
    const bodyOf = (r: ReceivedRequest): WebhookBody => JSON.parse(r.body.toString('utf8')) as WebhookBody;
    const mailsTo = (address: string) => smtp.mails.filter((m) => m.rcptTo.includes(address));
    const at = async (minutes: number) => {
      now = T0 + minutes * MINUTE;
      await pager.runOnce();
    };
    const trigger = async (dedupKey: string, severity = 'critical') => {
      const res = await t.call('POST', '/v2/enqueue', {
        as: null,
        body: {
          routing_key: pdKey,
          event_action: 'trigger',
          dedup_key: dedupKey,
          payload: { summary: `${dedupKey} on payments`, source: 'db-1', severity },
        },
      });
      assert.equal(res.status, 202, res.text);
      const incidents = (await t.call('GET', '/api/v1/incidents?status=triggered&limit=50')).body.items as Array<{
        id: string;
        title: string;
        level: number;
      }>;
      const incident = incidents.find((i) => i.title === `${dedupKey} on payments`);
      assert.ok(incident, `an incident for ${dedupKey}`);
      return incident;
    };
    const paging = async (id: string) => (await t.call('GET', `/api/v1/incidents/${id}/paging`, { as: 'viewer' })).body;
    const status = async (id: string) => (await t.call('GET', `/api/v1/incidents/${id}`)).body.status as string;
    const post = async (url: string, body: unknown) => {
      const res = await t.call('POST', url, { body });
      assert.ok(res.status === 200 || res.status === 201, `${url}: ${res.status} ${res.text}`);
      return res.body;
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      receiver = await startReceiver((r) => {
        if (r.url === '/team' && failTeamOnce) {
          failTeamOnce = false;
          return json({ error: 'busy' }, 503);
        }
        if (r.url.startsWith('/wecom')) return json({ errcode: 0, errmsg: 'ok' });
        return json({ ok: true });
      });
      smtp = await startFakeSmtp();
      // As `fenghuo serve` does: pages due at once are leased to this worker as they are written.
      t.deps.pagingLease = { owner: 'test-pager', leaseMs: 60_000 };
      pager = new Pager(t.deps, {
        owner: 'test-pager',
        publicUrl: PUBLIC,
        smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'Fenghuo <fenghuo@example.test>' },
        http: localOnly(),
      });

      for (const [name, locale] of [
        ['alice', 'en'],
        ['bob', 'zh-CN'],
        ['carol', 'en'],
      ] as const) {
        users[name] = (await post('/api/v1/users', { email: `${name}@example.test`, name, role: 'responder', locale })).id;
      }
      const im = await post(`/api/v1/users/${users.alice}/contact-methods`, {
        kind: 'im',
        label: 'pager hook',
        channel: 'webhook',
        address: `${receiver.origin}/alice`,
        secret: 'alice-secret',
      });
      const mail = await post(`/api/v1/users/${users.alice}/contact-methods`, {
        kind: 'email',
        label: 'work',
        address: 'alice@example.test',
      });
      const rules = await t.call('PUT', `/api/v1/users/${users.alice}/notification-rules`, {
        body: [
          { contactMethodId: im.id, delayMinutes: 0 },
          { contactMethodId: mail.id, delayMinutes: 5 },
        ],
      });
      assert.equal(rules.status, 200, rules.text);
      await post(`/api/v1/users/${users.bob}/contact-methods`, { kind: 'email', label: 'work', address: 'bob@example.test' });
      // carol sets nothing: she is reached at her account e-mail.

      const team = await post('/api/v1/teams', { name: 'payments-sre', members: [users.alice, users.bob] });
      await post('/api/v1/channels', {
        name: 'payments room',
        kind: 'webhook',
        teamId: team.id,
        locale: 'zh-CN',
        config: { url: `${receiver.origin}/team`, secret: 'team-secret' },
      });
      const schedule = await post('/api/v1/schedules', {
        name: 'primary',
        timeZone: 'Asia/Shanghai',
        layers: [
          {
            name: 'all day',
            start: '2026-11-01T01:00:00Z',
            rotation: { kind: 'daily', handoffTime: '09:00' },
            participants: [users.alice],
            restrictions: [],
          },
        ],
      });
      const policy = await post('/api/v1/escalation-policies', {
        name: 'payments',
        steps: [
          { delayMinutes: 10, targets: [{ kind: 'schedule', id: schedule.id }] },
          { delayMinutes: 10, targets: [{ kind: 'user', id: users.bob }] },
        ],
        repeat: 1,
      });
      await post('/api/v1/services', { id: 'payments-api', name: 'Payments API', teamId: team.id, escalationPolicyId: policy.id });
      await post('/api/v1/services', {
        id: 'wallet',
        name: 'Wallet',
        payment: true,
        critical: true,
        teamId: team.id,
        escalationPolicyId: policy.id,
      });
      const reports = await post('/api/v1/teams', { name: 'reports', members: [users.carol] });
      await post('/api/v1/channels', {
        name: 'reports robot',
        kind: 'wecom',
        teamId: reports.id,
        locale: 'en',
        config: { webhookUrl: `${receiver.origin}/wecom?key=robot` },
      });
      await post('/api/v1/services', { id: 'reports', name: 'Reports', teamId: reports.id });
      pdKey = (await post('/api/v1/integrations', { name: 'pd', kind: 'pagerduty', serviceId: 'payments-api' })).key;
    });
    after(async () => {
      await pager.stop();
      await t.close();
      await receiver.close();
      await smtp.close();
    });

    it('pages the on-call at once, then by personal rules and steps; the ack link stops the rest', async () => {
      now = T0;
      const incident = await trigger('disk-full');
      assert.equal(incident.level, 2, 'an outage of a non-critical service at unknown scope is level 2');

      await pager.runOnce();
      const first = hits('/alice');
      assert.equal(first.length, 1, 'alice (on call) is paged at once through her webhook');
      const request = first[0]!;
      const signed = verifyWebhookSignature({
        secret: 'alice-secret',
        timestamp: request.headers['x-fenghuo-timestamp'] as string,
        signature: request.headers['x-fenghuo-signature'] as string,
        body: request.body,
        nowMs: now,
      });
      assert.deepEqual(signed, { ok: true });
      const page = bodyOf(request);
      assert.equal(request.headers['idempotency-key'], page.idempotencyKey);
      assert.equal(page.messages[0]?.level, 2);
      const ackUrl = page.messages[0]?.ackUrl ?? '';
      assert.match(ackUrl, /^http:\/\/fenghuo\.test\/respond\/ack\//);
      assert.equal(mailsTo('alice@example.test').length, 0, 'her e-mail rule waits 5 minutes');
      assert.equal(hits('/team').length, 0, 'level 2 does not post to the team channel');

      await at(4);
      assert.equal(mailsTo('alice@example.test').length, 0);
      await at(5);
      const aliceMail = mailsTo('alice@example.test');
      assert.equal(aliceMail.length, 1, 'then by e-mail');
      assert.match(aliceMail[0]!.header('subject') ?? '', /Level 2/);

      await at(9);
      assert.equal(mailsTo('bob@example.test').length, 0, 'step 2 waits for step 1 delay');
      await at(10);
      const bobMail = mailsTo('bob@example.test');
      assert.equal(bobMail.length, 1, 'step 2 pages bob');
      assert.match(bobMail[0]!.header('subject') ?? '', /二级/, 'in his language');

      // A link preview (GET) changes nothing; the button (POST) acknowledges as alice.
      const path = ackUrl.slice(PUBLIC.length);
      const preview = await t.app.inject({ method: 'GET', url: path });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /<form method="post">/);
      assert.equal(await status(incident.id), 'triggered');
      const pressed = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      assert.equal(pressed.statusCode, 200, pressed.body);
      assert.equal(await status(incident.id), 'acknowledged');
      const timeline = (await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.items as Array<{
        kind: string;
        to: string;
        actor: { name: string };
      }>;
      assert.ok(timeline.some((e) => e.kind === 'status' && e.to === 'acknowledged' && e.actor.name === 'alice'));

      const sent = receiver.requests.length + smtp.mails.length;
      for (const minute of [15, 20, 25, 30, 39]) await at(minute);
      assert.equal(receiver.requests.length + smtp.mails.length, sent, 'nothing fires after the ack (the repeat round was due at 20)');

      const record = await paging(incident.id);
      assert.equal(record.escalation.status, 'acknowledged');
      const fired = record.escalation.firings.filter((f: { fired: boolean }) => f.fired).map((f: { step: number }) => f.step);
      assert.deepEqual(fired, [1, 2]);
      assert.ok(
        record.escalation.firings
          .filter((f: { fired: boolean }) => !f.fired)
          .every((f: { cancelledAt: string | null }) => f.cancelledAt !== null),
      );
      assert.deepEqual(
        record.notifications.map((n: { via: string; status: string }) => `${n.via}:${n.status}`),
        ['webhook:sent', 'email:sent', 'email:sent'],
      );

      // The same link cannot act twice; resolve through the API for the next scenario.
      const again = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      assert.equal(again.statusCode, 200);
      assert.match(again.body, /Not done/);
      assert.equal((await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { body: {} })).status, 200);
    });

    it('an acknowledgement that is not followed by mitigation re-escalates after the level timeout', async () => {
      const start = 60;
      await at(start);
      const incident = await trigger('latency');
      await pager.runOnce();
      const before = hits('/alice').length;
      assert.equal((await t.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { body: {} })).status, 200);
      await at(start + 29);
      assert.equal(await status(incident.id), 'acknowledged');
      assert.equal(hits('/alice').length, before);
      await at(start + 30);
      assert.equal(await status(incident.id), 'triggered', 'level 2 holds an ack for 30 minutes');
      assert.equal(hits('/alice').length, before + 1, 'the current step (alice) is paged again');
      const timeline = (await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.items as Array<{ message: string | null }>;
      assert.ok(timeline.some((e) => /acknowledgement timed out/.test(e.message ?? '')));
      assert.equal((await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { body: {} })).status, 200);
      const cancelled = (await paging(incident.id)).notifications.filter((n: { status: string }) => n.status === 'pending');
      assert.equal(cancelled.length, 0, 'resolving leaves nothing pending');
    });

    it('level 4 posts to the team channel, pages nobody, and retries a busy receiver', async () => {
      await at(200);
      const pagesBefore = hits('/alice').length + smtp.mails.length;
      const incident = await trigger('slow-report', 'info');
      assert.equal(incident.level, 4);
      await pager.runOnce();
      assert.equal(hits('/team').length, 1, 'posted once; the receiver answered 503');
      let record = await paging(incident.id);
      assert.deepEqual(
        record.notifications.map((n: { kind: string; status: string; attempts: number }) => [n.kind, n.status, n.attempts]),
        [['channel', 'pending', 1]],
      );
      await at(200 + 4 / 60); // 4 s: still backing off
      assert.equal(hits('/team').length, 1);
      await at(200 + 5 / 60);
      assert.equal(hits('/team').length, 2, 'retried after 5 s');
      const post = bodyOf(hits('/team')[1]!);
      assert.equal(post.messages[0]?.ackUrl, null, 'a channel post carries no personal ack link');
      record = await paging(incident.id);
      assert.equal(record.notifications[0].status, 'sent');
      assert.equal(hits('/alice').length + smtp.mails.length, pagesBefore, 'nobody was paged');
      assert.equal(record.escalation.firings.length, 0);
    });

    it('level 1 starts at step 2 with the on-call and adds the leadership list', async () => {
      await at(300);
      assert.equal(
        (
          await t.call('PUT', '/api/v1/paging-settings', {
            body: {
              leadership: [{ kind: 'user', id: users.carol }],
              incidentCommander: [],
              smsGatewayChannelId: null,
              voiceGatewayChannelId: null,
            },
          })
        ).status,
        200,
      );
      const created = await t.call('POST', '/api/v1/incidents', {
        body: { title: 'wallet down', affected: [{ service: 'wallet', impact: 'outage' }] },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.level, 1);
      const alice = hits('/alice').length;
      const bob = mailsTo('bob@example.test').length;
      await pager.runOnce();
      assert.equal(hits('/alice').length, alice + 1, 'the on-call joins the start step');
      assert.equal(mailsTo('bob@example.test').length, bob + 1, 'step 2 at once');
      assert.equal(mailsTo('carol@example.test').length, 1, 'leadership, at her account e-mail');
      const record = await paging(created.body.id);
      assert.equal(record.escalation.firings[0].step, 2);
    });

    it('a WeCom robot gets at most 20 messages a minute: the rest are bundled, none dropped', async () => {
      await at(400);
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        const created = await t.call('POST', '/api/v1/incidents', {
          body: { title: `report ${i} late`, affected: [{ service: 'reports', impact: 'complaint' }] },
        });
        assert.equal(created.status, 201, created.text);
        assert.equal(created.body.level, 4);
        ids.push(created.body.id);
      }
      await pager.runOnce();
      const robot = hits('/wecom?key=robot');
      assert.equal(robot.length, 20, '19 single messages and one bundle, within the limit');
      const last = JSON.parse(robot[19]!.body.toString('utf8')) as { msgtype: string; markdown: { content: string } };
      assert.equal(last.msgtype, 'markdown');
      assert.match(last.markdown.content, /6 new incidents/);
      const statuses: string[] = [];
      for (const id of ids) statuses.push(...(await paging(id)).notifications.map((n: { status: string }) => n.status));
      assert.equal(statuses.length, 25);
      assert.equal(statuses.filter((s) => s === 'sent').length, 20);
      assert.equal(statuses.filter((s) => s === 'bundled').length, 5);
      await at(401);
      assert.equal(hits('/wecom?key=robot').length, 20, 'nothing is sent twice');
    });

    it('exposes the outbox on /metrics: pending rows and how late the oldest is', async () => {
      await at(500);
      // Without the hand-over, so the due page waits in `pending` for the worker (as on a node that does not run it).
      const lease = t.deps.pagingLease;
      t.deps.pagingLease = undefined;
      const incident = await trigger('metrics-check');
      t.deps.pagingLease = lease;
      // Two minutes later, the worker not having run: alice's webhook page is late, her e-mail (rule: +5 min) not yet due.
      now = T0 + 502 * MINUTE;
      const metrics = await t.call('GET', '/metrics', { as: null });
      assert.equal(metrics.status, 200);
      assert.match(metrics.text, /fenghuo_notifications\{status="pending"\} 2\b/);
      assert.match(metrics.text, /fenghuo_notifications_oldest_pending_seconds 120\b/);
      await pager.runOnce();
      const after = await t.call('GET', '/metrics', { as: null });
      assert.match(after.text, /fenghuo_notifications\{status="pending"\} 1\b/, 'the e-mail, due in 3 minutes');
      assert.match(after.text, /fenghuo_notifications_oldest_pending_seconds 0\b/, 'nothing due is waiting');
      assert.equal((await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { body: {} })).status, 200);
    });

    it('a page handed over by its commit is sent once, however a worker round races it', async () => {
      await at(600);
      // As `fenghuo serve` wires it: the ingest commit hands its leased rows to the worker directly.
      t.deps.wakePaging = (handedOver, config) => pager.wake(handedOver, config);
      try {
        const before = hits('/alice').length;
        const incident = await trigger('handed-over');
        // Rounds that run while the hand-over is under way, and after it, must not send the page again.
        await Promise.all([pager.runOnce(), pager.runOnce().then(() => pager.runOnce())]);
        await pager.drain();
        await pager.runOnce();
        const pages = hits('/alice').slice(before);
        assert.equal(pages.length, 1, 'one page to the on-call');
        assert.equal(bodyOf(pages[0]!).messages[0]?.title, 'handed-over on payments');
        const rows = (await paging(incident.id)).notifications as Array<{ status: string; attempts: number; via: string }>;
        const webhook = rows.filter((n) => n.via === 'webhook');
        assert.deepEqual(
          webhook.map((n) => [n.status, n.attempts]),
          [['sent', 1]],
        );
        assert.equal((await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { body: {} })).status, 200);
      } finally {
        t.deps.wakePaging = undefined;
      }
    });
  });
}
