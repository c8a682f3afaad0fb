import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sweepReminders } from '../../src/operations/learn/sweep-reminders.js';
import { DIALECTS } from '../helpers/dialects.js';
import { alertOnPayments, manualClock, ORGANISATION, startLearnApp } from '../helpers/learn-fixtures.js';
import type { TestApp } from '../helpers/test-app.js';

/**
 * The regulator's report of a level-1 incident (default profile: within 60 minutes of detection):
 * the clock on the incident, the initial report drafted, written, sent and frozen, the final report
 * drafted from the postmortem; and the reminders of every deadline, each fired once.
 */
const T0 = '2025-06-06T06:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`regulator reports and reminders (${dialect})`, () => {
    const clock = manualClock(T0);
    let t: TestApp;
    let ownerId: string;
    let webhookKey: string;
    let incident: { id: string; number: number; createdAt: string };
    let initialId: string;
    const base = () => `/api/v1/incidents/${incident.id}/regulator-reports`;

    before(async () => {
      ({ t, ownerId, webhookKey } = await startLearnApp(dialect, clock));
      incident = await alertOnPayments(t, webhookKey, 'pay-down', 'payments API down');
    });
    after(() => t?.close());

    it('starts the clock at detection, visible on the incident', async () => {
      const i = (await t.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'viewer' })).body;
      assert.deepEqual(i.regulatorReport, {
        required: true,
        startsAt: T0,
        dueAt: '2025-06-06T07:00:00.000Z',
        status: 'due',
        sentAt: null,
        overdue: false,
        sentLate: false,
      });
      assert.equal(i.response.regulatorReportDueAt, '2025-06-06T07:00:00.000Z');
      const list = (await t.call('GET', base(), { as: 'viewer' })).body;
      assert.equal(list.clock.dueAt, '2025-06-06T07:00:00.000Z');
      assert.deepEqual(list.items, []);
      const listed = (await t.call('GET', '/api/v1/incidents?level=1')).body.items[0];
      assert.equal(listed.regulatorReport.status, 'due', 'lists show the clock too');
    });

    it('follows the level profile: a 4-hour clock from the start, when an admin sets one', async () => {
      const minor = await t.call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'wiki complaints', affected: [{ service: 'wiki', impact: 'complaint' }], startedAt: '2025-06-06T05:30:00.000Z' },
      });
      assert.equal(minor.body.level, 4);
      assert.deepEqual(
        [minor.body.regulatorReport.required, minor.body.regulatorReport.status, minor.body.regulatorReport.dueAt],
        [false, 'not_required', null],
      );
      const profile = (await t.call('GET', '/api/v1/response-profiles')).body.items.find((p: { level: number }) => p.level === 4).profile;
      const put = await t.call('PUT', '/api/v1/response-profiles/4', {
        body: { ...profile, regulatorReport: { required: true, dueMinutes: 240, clockStartsAt: 'started' } },
      });
      assert.equal(put.status, 200, put.text);
      const clock4h = (await t.call('GET', `/api/v1/incidents/${minor.body.id}`)).body.regulatorReport;
      assert.equal(clock4h.required, true);
      assert.equal(clock4h.startsAt, '2025-06-06T05:30:00.000Z', 'from the start, not detection');
      assert.equal(clock4h.dueAt, '2025-06-06T09:30:00.000Z');
      assert.equal((await t.call('DELETE', '/api/v1/response-profiles/4')).status, 200);
      assert.equal((await t.call('GET', `/api/v1/incidents/${minor.body.id}`)).body.regulatorReport.required, false);
    });

    it('drafts the initial report with the organisation, and rejects bad input without writing', async () => {
      clock.advance(10);
      const bad: Array<[Record<string, unknown>, string, number]> = [
        [{ kind: 'interim' }, 'body.kind', 400],
        [{ kind: 'initial', summary: 'not yet' }, 'body.summary', 400],
        [{ kind: 'initial', location: 7 }, 'body.location', 400],
        [{ kind: 'initial', extra: 'x' }, 'body', 400],
        [{ kind: 'final' }, 'initial', 409],
      ];
      for (const [body, field, status] of bad) {
        const res = await t.call('POST', base(), { as: 'responder', body });
        assert.equal(res.status, status, res.text);
        assert.ok(res.body.error.message.includes(field), `${res.body.error.message} names ${field}`);
      }
      assert.equal((await t.call('POST', base(), { as: 'viewer', body: { kind: 'initial' } })).status, 403);
      assert.deepEqual((await t.call('GET', base())).body.items, []);

      const created = await t.call('POST', base(), { as: 'responder', body: { kind: 'initial', location: 'Shanghai DC 2' } });
      assert.equal(created.status, 201, created.text);
      initialId = created.body.id;
      assert.equal(created.body.kind, 'initial');
      assert.equal(created.body.status, 'draft');
      assert.equal(created.body.text.organisation, ORGANISATION);
      assert.equal(created.body.text.location, 'Shanghai DC 2');
      assert.equal(created.body.text.impact, null);
      assert.equal((await t.call('POST', base(), { as: 'responder', body: { kind: 'initial' } })).status, 409);
    });

    it('will not record a report as sent before it says what regulators ask', async () => {
      const send = (body: unknown, as: 'responder' | 'viewer' = 'responder') => t.call('POST', `${base()}/${initialId}/send`, { as, body });
      const missing = await send({ recipient: 'Shanghai CAC' });
      assert.equal(missing.status, 400);
      assert.deepEqual(
        missing.body.error.details.map((d: { field: string }) => d.field),
        ['impact', 'measuresTaken'],
      );
      const patched = await t.call('PATCH', `${base()}/${initialId}`, {
        as: 'responder',
        body: {
          contact: 'Li Lei, +86 21 5555 0100',
          impact: '35% of payments failed for 45 minutes. <b>bold</b>',
          measuresTaken: 'Failed over to the standby storage cluster.',
          causeAnalysis: 'A storage node ran out of disk (first analysis).',
          nextSteps: 'Root-cause review; final report within 5 working days.',
        },
      });
      assert.equal(patched.status, 200, patched.text);
      assert.equal((await t.call('PATCH', `${base()}/${initialId}`, { as: 'responder', body: { correctiveMeasures: 'x' } })).status, 400);
      assert.equal((await send({ recipient: 'Shanghai CAC' }, 'viewer')).status, 403);
      assert.equal((await send({})).status, 400);
      const future = await send({ recipient: 'Shanghai CAC', sentAt: '2025-06-07T00:00:00Z' });
      assert.equal(future.status, 400);
      assert.ok(future.body.error.message.includes('body.sentAt'));
      const early = await send({ recipient: 'Shanghai CAC', sentAt: '2025-06-01T00:00:00Z' });
      assert.equal(early.status, 400);
      assert.equal((await t.call('GET', `${base()}/${initialId}`)).body.status, 'draft', 'nothing recorded');
    });

    it('records the sending (who, when, to whom, how), audited and on the timeline', async () => {
      clock.set('2025-06-06T06:45:00.000Z');
      const sent = await t.call('POST', `${base()}/${initialId}/send`, {
        as: 'responder',
        body: { recipient: 'Shanghai CAC duty office', channel: 'portal', note: 'receipt no. 42', sentAt: '2025-06-06T06:44:00.000Z' },
      });
      assert.equal(sent.status, 200, sent.text);
      assert.equal(sent.body.status, 'sent');
      assert.equal(sent.body.sentAt, '2025-06-06T06:44:00.000Z');
      assert.equal(sent.body.sentBy, 'token:test-responder');
      assert.equal(sent.body.recipient, 'Shanghai CAC duty office');
      assert.equal(sent.body.channel, 'portal');
      assert.equal(sent.body.note, 'receipt no. 42');
      const i = (await t.call('GET', `/api/v1/incidents/${incident.id}`)).body;
      assert.equal(i.regulatorReport.status, 'sent');
      assert.equal(i.regulatorReport.sentAt, '2025-06-06T06:44:00.000Z');
      assert.equal(i.regulatorReport.overdue, false);
      assert.equal(i.regulatorReport.sentLate, false);
      assert.equal((await t.call('POST', `${base()}/${initialId}/send`, { as: 'responder', body: { recipient: 'again' } })).status, 409);
      assert.equal((await t.call('PATCH', `${base()}/${initialId}`, { as: 'responder', body: { impact: 'changed' } })).status, 409);
      const audit = await t.call('GET', `/api/v1/audit?targetType=regulator-report&targetId=${initialId}`);
      assert.deepEqual(
        audit.body.items.map((a: { action: string }) => a.action),
        ['regulator-report.send', 'regulator-report.update', 'regulator-report.create'],
      );
      assert.equal(audit.body.items[0].after.recipient, 'Shanghai CAC duty office');
      assert.equal(audit.body.items[0].actor.name, 'token:test-responder');
      const timeline = (await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.items;
      const line = timeline.find((e: { kind: string; to: string }) => e.kind === 'regulator' && e.to === 'sent');
      assert.match(line.message, /initial regulator report sent to Shanghai CAC duty office by portal at 2025-06-06T06:44:00.000Z/);
    });

    it('exports the initial report, as sent, in Chinese and English', async () => {
      // A change after sending does not reach what was sent.
      await t.call('PATCH', `/api/v1/incidents/${incident.id}`, { as: 'responder', body: { title: 'renamed later' } });
      const zh = await t.call('GET', `${base()}/${initialId}.md?lang=zh-CN`, { as: 'viewer' });
      assert.equal(zh.status, 200, zh.text);
      for (const text of [
        '# 网络安全事件报告（初报）',
        `**单位:** ${ORGANISATION}`,
        '**联系人及联系方式:** Li Lei, +86 21 5555 0100',
        `**事件:** #${incident.number} payments API down`,
        '**事件发生时间:** 2025-06-06 14:00 +08:00',
        '**事件发生地点:** Shanghai DC 2',
        '**事件类型:** 服务中断',
        '**事件等级:** 一级 · 重大事故',
        '**受影响的系统或服务:** Payments (pay): 服务中断',
        '**受影响用户比例:** 35%',
        '## 已采取的处置措施',
        'Failed over to the standby storage cluster.',
        '## 初步原因分析',
        '## 下一步工作',
        '**报送时间:** 2025-06-06 14:44 +08:00',
        '**报送对象:** Shanghai CAC duty office',
        '**报送方式:** portal',
        '**报告时限:** 2025-06-06 15:00 +08:00',
      ]) {
        assert.ok(zh.text.includes(text), `zh report has ${text}\n${zh.text}`);
      }
      assert.ok(zh.text.includes('\\<b>bold'), 'raw HTML escaped');
      assert.ok(!zh.text.includes('## 整改措施'), 'corrective measures are the final report’s');
      const en = await t.call('GET', `${base()}/${initialId}.html?lang=en`, { as: 'viewer' });
      assert.equal(en.status, 200);
      assert.match(String(en.headers['content-security-policy']), /default-src 'none'/);
      for (const text of [
        'Incident report to the regulator (initial)',
        'Time of occurrence',
        'First cause analysis',
        'Measures taken',
        '&lt;b&gt;bold&lt;/b&gt;',
      ]) {
        assert.ok(en.text.includes(text), `en page has ${text}`);
      }
      assert.ok(!en.text.includes('<b>'));
      assert.equal((await t.call('GET', `${base()}/nope.md`)).status, 404);
      assert.equal((await t.call('GET', `${base()}/${initialId}.html`, { as: null })).status, 401);
    });

    it('drafts the final report from the postmortem and its action items', async () => {
      clock.set('2025-06-06T07:30:00.000Z');
      await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { as: 'responder' });
      const pm = `/api/v1/incidents/${incident.id}/postmortem`;
      await t.call('PATCH', pm, {
        as: 'responder',
        body: { summary: 'Payments down 90 minutes.', rootCause: 'Disk full on a storage node.', impact: '35% of users.' },
      });
      const postmortemId = (await t.call('GET', pm)).body.id;
      await t.call('POST', '/api/v1/action-items', {
        as: 'responder',
        body: { title: 'Disk alerts at 80%', ownerId, dueDate: '2025-06-20', postmortemId },
      });
      const created = await t.call('POST', base(), { as: 'responder', body: { kind: 'final' } });
      assert.equal(created.status, 201, created.text);
      const final = created.body;
      assert.equal(final.text.organisation, ORGANISATION);
      assert.equal(final.text.location, 'Shanghai DC 2', 'carried over from the initial report');
      assert.equal(final.text.summary, 'Payments down 90 minutes.');
      assert.equal(final.text.causeAnalysis, 'Disk full on a storage node.');
      assert.equal(final.text.correctiveMeasures, '- Disk alerts at 80% (2025-06-20)');
      const sent = await t.call('POST', `${base()}/${final.id}/send`, { as: 'responder', body: { recipient: 'Shanghai CAC' } });
      assert.equal(sent.status, 200, sent.text);
      const zh = await t.call('GET', `${base()}/${final.id}.md?lang=zh-CN`);
      for (const text of [
        '# 网络安全事件报告（总结报告）',
        '## 事件总结',
        '## 整改措施',
        'Disk alerts at 80%',
        '## 原因分析',
        '**解决时间:** 2025-06-06 15:30 +08:00',
      ]) {
        assert.ok(zh.text.includes(text), `final zh has ${text}`);
      }
      const list = (await t.call('GET', base())).body;
      assert.deepEqual(
        list.items.map((r: { kind: string; status: string }) => [r.kind, r.status]),
        [
          ['initial', 'sent'],
          ['final', 'sent'],
        ],
      );
    });

    it('reminds of the regulator clock at half-time, 10 minutes before and when overdue, each once', async () => {
      clock.set('2025-06-12T02:00:00.000Z');
      const other = await alertOnPayments(t, webhookKey, 'pay-down-2', 'payments down again');
      const fired = async () =>
        (await t.call('GET', `/api/v1/reminders?incidentId=${other.id}`, { as: 'viewer' })).body.items
          .map((r: { kind: string }) => r.kind)
          .reverse();
      clock.advance(29);
      await sweepReminders(t.deps);
      assert.deepEqual(await fired(), []);
      clock.advance(1);
      await sweepReminders(t.deps);
      await sweepReminders(t.deps);
      assert.deepEqual(await fired(), ['regulator_report.half_time']);
      clock.advance(20);
      await Promise.all([sweepReminders(t.deps), sweepReminders(t.deps)]);
      assert.deepEqual(
        await fired(),
        ['regulator_report.half_time', 'regulator_report.due_soon'],
        'two nodes sweeping at once fire it once',
      );
      clock.advance(10);
      assert.equal(
        (await t.call('GET', `/api/v1/incidents/${other.id}`)).body.regulatorReport.overdue,
        false,
        'due at 03:00 is not late at 03:00',
      );
      clock.advance(1);
      await sweepReminders(t.deps);
      await sweepReminders(t.deps);
      assert.deepEqual(await fired(), ['regulator_report.half_time', 'regulator_report.due_soon', 'regulator_report.overdue']);
      const i = (await t.call('GET', `/api/v1/incidents/${other.id}`)).body;
      assert.equal(i.regulatorReport.overdue, true);
      const reminder = (await t.call('GET', `/api/v1/reminders?incidentId=${other.id}`)).body.items[0];
      assert.equal(reminder.dueAt, '2025-06-12T03:00:00.000Z');
      assert.equal(reminder.subjectType, 'incident');
      const lines = (await t.call('GET', `/api/v1/incidents/${other.id}/timeline`)).body.items.filter(
        (e: { kind: string }) => e.kind === 'regulator',
      );
      assert.equal(lines.length, 3);
      assert.match(lines[2].message, /overdue/);
      const audit = await t.call('GET', `/api/v1/audit?targetType=incident&targetId=${other.id}`);
      assert.equal(audit.body.items.filter((a: { action: string }) => a.action === 'reminder.fire').length, 3);
      // A late initial report stops the clock and is marked late.
      const r = await t.call('POST', `/api/v1/incidents/${other.id}/regulator-reports`, {
        as: 'responder',
        body: { kind: 'initial', impact: 'payments', measuresTaken: 'failover' },
      });
      await t.call('POST', `/api/v1/incidents/${other.id}/regulator-reports/${r.body.id}/send`, {
        as: 'responder',
        body: { recipient: 'CAC' },
      });
      const late = (await t.call('GET', `/api/v1/incidents/${other.id}`)).body.regulatorReport;
      assert.deepEqual([late.status, late.overdue, late.sentLate], ['sent', false, true]);
    });

    it('reminds of a postmortem due within a day and overdue, and of overdue action items, each once', async () => {
      // The second incident resolved Thu 12 June 11:30 in Shanghai: 5 working days end Thu 19 June (+08:00).
      clock.set('2025-06-12T03:30:00.000Z');
      const other = (await t.call('GET', '/api/v1/incidents?q=payments%20down%20again')).body.items[0];
      await t.call('POST', `/api/v1/incidents/${other.id}/resolve`, { as: 'responder' });
      const pm = (await t.call('GET', `/api/v1/incidents/${other.id}/postmortem`)).body;
      assert.equal(pm.dueAt, '2025-06-19T16:00:00.000Z');
      const item = await t.call('POST', '/api/v1/action-items', {
        as: 'responder',
        body: { title: 'Fix it', ownerId, dueDate: '2025-06-13', postmortemId: pm.id },
      });
      const kinds = async (subjectId: string) =>
        (await t.call('GET', `/api/v1/reminders?subjectId=${subjectId}`)).body.items.map((r: { kind: string }) => r.kind).reverse();

      clock.set('2025-06-18T15:00:00.000Z');
      await sweepReminders(t.deps);
      assert.deepEqual(await kinds(pm.id), []);
      assert.deepEqual(await kinds(item.body.id), ['action_item.overdue']);
      clock.set('2025-06-18T17:00:00.000Z');
      await sweepReminders(t.deps);
      await sweepReminders(t.deps);
      assert.deepEqual(await kinds(pm.id), ['postmortem.due_soon']);
      clock.set('2025-06-19T16:00:00.000Z');
      await sweepReminders(t.deps);
      await sweepReminders(t.deps);
      assert.deepEqual(await kinds(pm.id), ['postmortem.due_soon', 'postmortem.overdue']);
      assert.deepEqual(await kinds(item.body.id), ['action_item.overdue'], 'once, however often it sweeps');
      const reminder = (await t.call('GET', `/api/v1/reminders?subjectId=${item.body.id}`)).body.items[0];
      assert.equal(reminder.userId, ownerId, 'addressed to the owner');
      assert.match(reminder.message, /action item overdue: Fix it/);
      // This one, and the first incident's (due 13 June, never published in this file).
      const overdue = await t.call('GET', '/api/v1/postmortems?overdue=true');
      assert.equal(overdue.body.items.length, 2);
      assert.deepEqual(overdue.body.items[0], { ...overdue.body.items[0], id: pm.id, overdue: true, status: 'draft' });
      assert.ok(overdue.body.items.every((p: { overdue: boolean }) => p.overdue));
      // Moving the due date owes a new reminder when the new date passes.
      await t.call('PATCH', `/api/v1/action-items/${item.body.id}`, { as: 'responder', body: { dueDate: '2025-06-25' } });
      await sweepReminders(t.deps);
      assert.deepEqual(await kinds(item.body.id), ['action_item.overdue']);
      clock.set('2025-06-26T00:00:00.000Z');
      await sweepReminders(t.deps);
      assert.deepEqual(await kinds(item.body.id), ['action_item.overdue', 'action_item.overdue']);
      assert.equal((await t.call('GET', '/api/v1/reminders?limit=0')).status, 400);
      assert.equal((await t.call('GET', '/api/v1/reminders', { as: null })).status, 401);
    });
  });
}
