import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeSmtp, type FakeSmtp } from '../../src/notify/channels/email/fake-smtp.js';
import { json, localOnly, startReceiver, type ReceivedRequest, type Receiver } from '../../src/notify/channels/testing/receiver.js';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook/signature.js';
import { Pager } from '../../src/notify/pager.js';
import { queueReminder } from '../../src/operations/learn/queue-reminder.js';
import { sweepReminders } from '../../src/operations/learn/sweep-reminders.js';
import { DIALECTS } from '../helpers/dialects.js';
import { alertOnPayments, manualClock, startLearnApp } from '../helpers/learn-fixtures.js';
import type { TestApp } from '../helpers/test-app.js';

/**
 * Reminders delivered through the paging outbox: the sweep that records a reminder queues it for
 * its person in the same transaction, and the paging worker sends it over their contact methods (a
 * real SMTP server, a real webhook receiver), in their language, with retries like any page.
 * The level-1 clock (default profile): the initial regulator report is due 60 minutes after detection.
 */
const T0 = '2025-06-06T06:00:00.000Z'; // 14:00 in Shanghai
const PUBLIC = 'http://fenghuo.test';

interface Row {
  id: string;
  kind: string;
  userId: string | null;
  via: string;
  status: string;
  attempts: number;
  lastError: string | null;
  reminderId: string | null;
}

for (const dialect of DIALECTS) {
  describe(`reminders delivered through the outbox (${dialect})`, () => {
    const clock = manualClock(T0);
    let t: TestApp;
    let ownerId: string;
    let webhookKey: string;
    let smtp: FakeSmtp;
    let receiver: Receiver;
    let pager: Pager;
    let failOwnerHookOnce = true;
    const people = { wang: '', zhao: '' };
    let incident: { id: string; number: number };
    let disabledCase: { id: string };
    let nobodyCase: { id: string };

    const rowsOf = async (incidentId: string): Promise<Row[]> =>
      (await t.call('GET', `/api/v1/incidents/${incidentId}/paging`, { as: 'viewer' })).body.notifications;
    const reminderRowsOf = async (incidentId: string) => (await rowsOf(incidentId)).filter((r) => r.kind === 'reminder');
    const remindersOf = async (incidentId: string) =>
      (await t.call('GET', `/api/v1/reminders?incidentId=${incidentId}`)).body.items as Array<{ id: string; kind: string }>;
    const regulatorLines = async (incidentId: string) =>
      ((await t.call('GET', `/api/v1/incidents/${incidentId}/timeline`)).body.items as Array<{ kind: string; message: string }>)
        .filter((e) => e.kind === 'regulator')
        .map((e) => e.message);
    const mailsTo = (address: string) => smtp.mails.filter((m) => m.rcptTo.includes(address));
    const post = async (url: string, body: unknown) => {
      const res = await t.call('POST', url, { body });
      assert.ok(res.status === 200 || res.status === 201, `${url}: ${res.status} ${res.text}`);
      return res.body;
    };
    const openLevel1 = async (title: string) => {
      const body = await post('/api/v1/incidents', { title, affected: [{ service: 'pay', impact: 'outage' }], usersAffectedPct: 35 });
      assert.equal(body.level, 1, body.title);
      return body as { id: string; number: number };
    };

    before(async () => {
      ({ t, ownerId, webhookKey } = await startLearnApp(dialect, clock));
      smtp = await startFakeSmtp();
      receiver = await startReceiver((r) => {
        if (r.url === '/li' && failOwnerHookOnce) {
          failOwnerHookOnce = false;
          return json({ error: 'busy' }, 503);
        }
        return json({ ok: true });
      });
      pager = new Pager(t.deps, {
        owner: 'test-pager',
        publicUrl: PUBLIC,
        smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'Fenghuo <fenghuo@example.test>' },
        http: localOnly(),
      });

      // Wang (Chinese) is the commander: e-mail at once, SMS after 5 minutes by her rules.
      people.wang = (await post('/api/v1/users', { email: 'wang@example.test', name: 'Wang Fang', role: 'responder', locale: 'zh-CN' })).id;
      const mail = await post(`/api/v1/users/${people.wang}/contact-methods`, {
        kind: 'email',
        label: 'work',
        address: 'wang.fang@example.test',
      });
      const sms = await post(`/api/v1/users/${people.wang}/contact-methods`, { kind: 'sms', label: 'mobile', address: '+8613800000000' });
      const rules = await t.call('PUT', `/api/v1/users/${people.wang}/notification-rules`, {
        body: [
          { contactMethodId: mail.id, delayMinutes: 0 },
          { contactMethodId: sms.id, delayMinutes: 5 },
        ],
      });
      assert.equal(rules.status, 200, rules.text);
      // Li Lei (the action items' owner) reads English and is reached by his own webhook.
      assert.equal((await t.call('PATCH', `/api/v1/users/${ownerId}`, { body: { locale: 'en' } })).status, 200);
      await post(`/api/v1/users/${ownerId}/contact-methods`, {
        kind: 'im',
        label: 'my hook',
        channel: 'webhook',
        address: `${receiver.origin}/li`,
        secret: 'li-secret',
      });
      people.zhao = (await post('/api/v1/users', { email: 'zhao@example.test', name: 'Zhao Min', role: 'responder' })).id;

      incident = await alertOnPayments(t, webhookKey, 'pay-down', 'payments API down');
      disabledCase = await openLevel1('card payments failing');
      nobodyCase = await openLevel1('refunds failing');
      for (const [id, commander] of [
        [incident.id, people.wang],
        [disabledCase.id, people.zhao],
      ] as const) {
        const res = await t.call('PUT', `/api/v1/incidents/${id}/roles`, { as: 'responder', body: { commander } });
        assert.equal(res.status, 200, res.text);
      }
      // Zhao leaves after being named commander: disabled users are never reminded.
      assert.equal((await t.call('DELETE', `/api/v1/users/${people.zhao}`)).status, 200);
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
      await receiver?.close();
    });

    it('the half-time reminder reaches the commander by e-mail, in her language, over her first rule only', async () => {
      clock.advance(30);
      assert.ok((await sweepReminders(t.deps)) >= 1);
      const [reminder] = await remindersOf(incident.id);
      assert.equal(reminder?.kind, 'regulator_report.half_time');
      const rows = await reminderRowsOf(incident.id);
      assert.deepEqual(
        rows.map((r) => [r.userId, r.via, r.status, r.reminderId]),
        [[people.wang, 'email', 'pending', reminder!.id]],
        'e-mail only: the SMS rule is a later step, and a reminder is not an escalation',
      );

      await pager.runOnce();
      const mails = mailsTo('wang.fang@example.test');
      assert.equal(mails.length, 1);
      const mail = mails[0]!;
      assert.equal(
        mail.header('subject'),
        `[提醒] 监管报告时限已过半，初报须于 2025-06-06 15:00 +08:00 前报送 — #${incident.number} payments API down`,
      );
      assert.match(mail.text, /事件：一级 · #\d+ payments API down/);
      assert.match(mail.text, /截止时间：2025-06-06 15:00 \+08:00/);
      assert.match(mail.text, new RegExp(`详情：${PUBLIC}/incidents/${incident.number}`));
      assert.doesNotMatch(mail.text, /确认：|\/respond\//, 'no acknowledge link in a reminder');
      assert.deepEqual(
        (await reminderRowsOf(incident.id)).map((r) => [r.status, r.attempts]),
        [['sent', 1]],
      );
      assert.match((await regulatorLines(incident.id))[0] ?? '', /half the regulator's reporting time.*; reminding Wang Fang \(email\)$/);
    });

    it('a disabled commander, a missing one and no commander get no row, and the timeline says so', async () => {
      assert.equal((await remindersOf(disabledCase.id)).length, 1, 'the reminder is still recorded');
      assert.deepEqual(await reminderRowsOf(disabledCase.id), []);
      assert.match((await regulatorLines(disabledCase.id))[0] ?? '', /; nobody to remind: Zhao Min is disabled$/);
      assert.deepEqual(await reminderRowsOf(nobodyCase.id), []);
      assert.match(
        (await regulatorLines(nobodyCase.id))[0] ?? '',
        /; nobody to remind: the incident has no communications lead or commander$/,
      );
      // A user id that names nobody (the sweep reads ids the store holds; users are never deleted).
      const ghost = {
        id: t.deps.ids.newId(),
        key: `test:${nobodyCase.id}`,
        kind: 'regulator_report.due_soon' as const,
        subjectType: 'incident' as const,
        subjectId: nobodyCase.id,
        incidentId: nobodyCase.id,
        userId: 'no-such-user',
        dueAt: clock.now(),
        message: 'test',
        firedAt: clock.now(),
      };
      assert.deepEqual(await queueReminder(t.deps, t.deps.store.db, ghost), { queued: 0, nobody: 'user no-such-user no longer exists' });
      assert.deepEqual(await reminderRowsOf(nobodyCase.id), []);
    });

    it('two sweeps at once deliver the reminder once, and acknowledging the incident does not cancel it', async () => {
      clock.advance(20); // 10 minutes before the deadline
      const [a, b] = await Promise.all([sweepReminders(t.deps), sweepReminders(t.deps)]);
      assert.ok(a + b >= 1);
      const kinds = (await remindersOf(incident.id)).map((r) => r.kind).reverse();
      assert.deepEqual(kinds, ['regulator_report.half_time', 'regulator_report.due_soon']);
      const pending = (await reminderRowsOf(incident.id)).filter((r) => r.status === 'pending');
      assert.equal(pending.length, 1, 'one row for the one reminder');

      const ack = await t.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { as: 'responder' });
      assert.equal(ack.status, 200, ack.text);
      assert.equal((await reminderRowsOf(incident.id)).find((r) => r.id === pending[0]!.id)?.status, 'pending', 'not cancelled');

      await pager.runOnce();
      await pager.runOnce();
      const mails = mailsTo('wang.fang@example.test');
      assert.equal(mails.length, 2, 'one more e-mail, once');
      assert.match(mails[1]!.header('subject') ?? '', /^\[提醒\] 监管初报即将到期（2025-06-06 15:00 \+08:00）/);
      assert.deepEqual(
        (await reminderRowsOf(incident.id)).map((r) => r.status),
        ['sent', 'sent'],
      );
    });

    it("an overdue action item's owner gets it over his webhook, signed, retried with the same key", async () => {
      clock.set('2025-06-06T08:00:00.000Z');
      await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { as: 'responder' });
      const pm = (await t.call('GET', `/api/v1/incidents/${incident.id}/postmortem`)).body;
      const item = await t.call('POST', '/api/v1/action-items', {
        as: 'responder',
        body: { title: 'Add a second payment route', ownerId, dueDate: '2025-06-09', postmortemId: pm.id },
      });
      assert.equal(item.status, 201, item.text);

      clock.set('2025-06-09T16:01:00.000Z'); // just past the end of 9 June in Shanghai
      await sweepReminders(t.deps);
      const rows = (await reminderRowsOf(incident.id)).filter((r) => r.userId === ownerId);
      assert.deepEqual(
        rows.map((r) => [r.via, r.status]),
        [['webhook', 'pending']],
      );

      await pager.runOnce();
      let row = (await reminderRowsOf(incident.id)).find((r) => r.id === rows[0]!.id)!;
      assert.deepEqual([row.status, row.attempts], ['pending', 1], 'the 503 is retried');
      assert.match(row.lastError ?? '', /503/);
      clock.advance(1);
      await pager.runOnce();
      row = (await reminderRowsOf(incident.id)).find((r) => r.id === rows[0]!.id)!;
      assert.deepEqual([row.status, row.attempts], ['sent', 2]);

      const hits = receiver.requests.filter((r) => r.url === '/li');
      assert.equal(hits.length, 2);
      const keys = hits.map((r: ReceivedRequest) => r.headers['idempotency-key']);
      assert.deepEqual(keys, [row.id, row.id], 'the same Idempotency-Key on every attempt');
      const last = hits[1]!;
      assert.deepEqual(
        verifyWebhookSignature({
          secret: 'li-secret',
          timestamp: last.headers['x-fenghuo-timestamp'] as string,
          signature: last.headers['x-fenghuo-signature'] as string,
          body: last.body,
          nowMs: clock.now(),
        }),
        { ok: true },
      );
      const payload = JSON.parse(last.body.toString('utf8'));
      assert.equal(payload.locale, 'en');
      assert.equal(payload.subject, `[Reminder] Action item overdue: Add a second payment route — #${incident.number} payments API down`);
      assert.match(payload.text, /\nDue: 2025-06-09\n/);
      assert.deepEqual(payload.messages[0].reminder, {
        kind: 'action_item.overdue',
        dueAt: '2025-06-09T16:00:00.000Z',
        dueDate: '2025-06-09',
        about: 'Add a second payment route',
      });
      assert.equal(payload.messages[0].kind, 'reminder');
      assert.equal(payload.messages[0].ackUrl, null);
      assert.equal(payload.messages[0].resolveUrl, null);
    });
  });
}
