import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { alertOnPayments, manualClock, ORGANISATION, startLearnApp } from '../helpers/learn-fixtures.js';
import type { TestApp } from '../helpers/test-app.js';

/**
 * A level-1 incident, opened by an alert on Friday 2025-06-06 14:00 in Shanghai, worked and
 * resolved: its postmortem is drafted by itself, filled in, given action items, reviewed,
 * published and exported, over HTTP, on both databases.
 */
const T0 = '2025-06-06T06:00:00.000Z';
const SCRIPT = '<script>alert("x")</script>';

for (const dialect of DIALECTS) {
  describe(`postmortems and action items (${dialect})`, () => {
    const clock = manualClock(T0);
    let t: TestApp;
    let ownerId: string;
    let incident: { id: string; number: number; createdAt: string; startedAt: string };
    let postmortemId: string;
    const items: string[] = [];
    const pm = (suffix = '') => `/api/v1/incidents/${incident.id}/postmortem${suffix}`;

    before(async () => {
      const app = await startLearnApp(dialect, clock);
      t = app.t;
      ownerId = app.ownerId;
      incident = await alertOnPayments(t, app.webhookKey, 'pay-down', 'payments API down');
      clock.advance(5);
      assert.equal((await t.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { as: 'responder' })).status, 200);
      assert.equal(
        (await t.call('PUT', `/api/v1/incidents/${incident.id}/roles`, { as: 'responder', body: { commander: ownerId } })).status,
        200,
      );
      clock.advance(25);
      assert.equal((await t.call('POST', `/api/v1/incidents/${incident.id}/mitigate`, { as: 'responder' })).status, 200);
    });
    after(() => t?.close());

    it('has no postmortem while open, and drafts one when the level-1 incident is resolved', async () => {
      assert.equal((await t.call('GET', pm(), { as: 'viewer' })).status, 404);
      clock.set('2025-06-06T07:30:00.000Z');
      const resolved = await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { as: 'responder' });
      assert.equal(resolved.status, 200, resolved.text);
      assert.equal(resolved.body.response.postmortemRequired, true);

      const res = await t.call('GET', pm(), { as: 'viewer' });
      assert.equal(res.status, 200, res.text);
      const p = res.body;
      postmortemId = p.id;
      assert.equal(p.status, 'draft');
      assert.equal(p.required, true);
      // Resolved Friday 15:30 in Shanghai; 5 working days: Mon 9 … Fri 13, due at the end of Friday 13 (+08:00).
      assert.equal(p.dueAt, '2025-06-13T16:00:00.000Z');
      assert.equal(p.overdue, false);
      assert.deepEqual(p.owner, { id: ownerId, name: 'Li Lei' }, 'the incident commander owns it');
      assert.equal(p.factsFrozen, false);
      assert.equal(p.accountabilitySection, false);
      assert.deepEqual(p.actionItems, []);
    });

    it('drafts the facts from the incident, field by field', async () => {
      const f = (await t.call('GET', pm(), { as: 'viewer' })).body.facts;
      assert.deepEqual(f.incident, { id: incident.id, number: incident.number, title: 'payments API down', drill: false });
      assert.equal(f.level, 1);
      assert.equal(f.levelLabel.en, 'Level 1 — major');
      assert.equal(f.levelReasons[0].rule, 'payment');
      assert.match(f.levelReasons[0].detail, /pay/);
      assert.equal(f.startedAt, T0);
      assert.equal(f.detectedAt, T0);
      assert.equal(f.acknowledgedAt, '2025-06-06T06:05:00.000Z');
      assert.equal(f.mitigatedAt, '2025-06-06T06:30:00.000Z');
      assert.equal(f.resolvedAt, '2025-06-06T07:30:00.000Z');
      assert.equal(f.durationSeconds, 90 * 60);
      assert.equal(f.timeToDetectSeconds, 0);
      assert.deepEqual(f.services[0], { id: 'pay', name: 'Payments', impact: 'outage' });
      assert.equal(f.usersAffectedPct, 35);
      assert.equal(f.usersAffected, null);
      const kinds = f.timeline.map((e: { kind: string }) => e.kind);
      for (const kind of ['created', 'level', 'status', 'role', 'postmortem'])
        assert.ok(kinds.includes(kind), `timeline has ${kind}: ${kinds}`);
      const statuses = f.timeline.filter((e: { kind: string }) => e.kind === 'status').map((e: { to: string }) => e.to);
      assert.deepEqual(statuses, ['acknowledged', 'mitigated', 'resolved']);
      assert.equal(f.alerts.length, 1);
      assert.equal(f.alerts[0].summary, 'payments API down');
      assert.equal(f.alerts[0].service, 'pay');
      assert.equal(f.alerts[0].status, 'resolved', 'resolving the incident resolved its alert');
      assert.equal(f.alerts[0].resolvedAt, '2025-06-06T07:30:00.000Z');
    });

    it('does not make a second postmortem, and makes one on demand for any incident', async () => {
      assert.equal((await t.call('POST', pm(), { as: 'responder' })).status, 409);
      const minor = await t.call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'wiki complaint', affected: [{ service: 'wiki', impact: 'complaint' }] },
      });
      assert.equal(minor.body.level, 4);
      assert.equal((await t.call('POST', `/api/v1/incidents/${minor.body.id}/resolve`, { as: 'responder' })).status, 200);
      assert.equal((await t.call('GET', `/api/v1/incidents/${minor.body.id}/postmortem`)).status, 404, 'level 4 requires none');
      assert.equal((await t.call('POST', `/api/v1/incidents/${minor.body.id}/postmortem`, { as: 'viewer' })).status, 403);
      const made = await t.call('POST', `/api/v1/incidents/${minor.body.id}/postmortem`, { as: 'responder' });
      assert.equal(made.status, 201, made.text);
      assert.equal(made.body.required, false);
      assert.equal(made.body.dueAt, null);
      const submit = await t.call('POST', `/api/v1/incidents/${minor.body.id}/postmortem/submit`, { as: 'responder' });
      assert.equal(submit.status, 400, 'an empty postmortem cannot go to review');
      assert.deepEqual(
        submit.body.error.details.map((d: { field: string }) => d.field),
        ['summary', 'impact', 'rootCause'],
      );
      assert.equal((await t.call('POST', '/api/v1/incidents/999999/postmortem', { as: 'responder' })).status, 404);
    });

    it('drafts none for a drill, even at a level that requires one; the list finds a postmortem by its incident', async () => {
      const drill = await t.call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'drill: payments down', drill: true, affected: [{ service: 'pay', impact: 'outage' }] },
      });
      assert.equal(drill.status, 201, drill.text);
      assert.equal(drill.body.level, 1);
      assert.equal((await t.call('POST', `/api/v1/incidents/${drill.body.id}/resolve`, { as: 'responder' })).status, 200);
      assert.equal((await t.call('GET', `/api/v1/incidents/${drill.body.id}/postmortem`)).status, 404, 'a drill drafts none');
      const none = await t.call('GET', `/api/v1/postmortems?incidentId=${drill.body.id}`);
      assert.equal(none.status, 200);
      assert.deepEqual(none.body.items, []);
      const one = await t.call('GET', `/api/v1/postmortems?incidentId=${incident.id}`);
      assert.deepEqual(
        one.body.items.map((p: { incidentId: string }) => p.incidentId),
        [incident.id],
      );
    });

    it('rejects bad edits, naming the field, and changes nothing', async () => {
      const before = (await t.call('GET', pm())).body;
      const cases: Array<[unknown, string, number]> = [
        [{ summary: 'x', colour: 'red' }, 'body', 400],
        [{ summary: 42 }, 'body.summary', 400],
        [{ accountability: 'Zhang San pushed the change' }, 'body.accountability', 400],
        [{ ownerId: 'nobody' }, 'body.ownerId', 400],
        [{}, 'body', 400],
        [{ summary: 'x'.repeat(50_001) }, 'body.summary', 400],
      ];
      for (const [body, field, status] of cases) {
        const res = await t.call('PATCH', pm(), { as: 'responder', body });
        assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 60)}: ${res.text}`);
        assert.equal(res.body.error.code, 'invalid_request');
        assert.ok(res.body.error.message.includes(field), `${res.body.error.message} names ${field}`);
      }
      assert.equal((await t.call('PATCH', pm(), { as: 'viewer', body: { summary: 'x' } })).status, 403);
      assert.equal((await t.call('PATCH', pm(), { as: null, body: { summary: 'x' } })).status, 401);
      const stale = await t.call('PATCH', pm(), { as: 'responder', body: { summary: 'x', version: before.version + 5 } });
      assert.equal(stale.status, 409);
      const afterwards = (await t.call('GET', pm())).body;
      assert.equal(afterwards.version, before.version);
      assert.deepEqual(afterwards.text, before.text);
    });

    it('takes what people write', async () => {
      const res = await t.call('PATCH', pm(), {
        as: 'responder',
        body: {
          summary: `Payments were down for 90 minutes. ${SCRIPT}`,
          impact: '35% of users could not pay.',
          rootCause: 'A storage node ran out of disk.',
          contributingFactors: 'Disk alerts were silenced.',
          wentWell: 'Fast acknowledgement.',
          wentBadly: 'Slow failover.',
        },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.text.rootCause, 'A storage node ran out of disk.');
      assert.equal(res.body.text.accountability, null);
      const audit = await t.call('GET', `/api/v1/audit?targetType=postmortem&targetId=${postmortemId}`);
      assert.deepEqual(
        audit.body.items.map((a: { action: string }) => a.action),
        ['postmortem.update', 'postmortem.create'],
      );
    });

    it('tracks action items with owner, due date and status, and lists the overdue ones', async () => {
      const create = (body: Record<string, unknown>, as: 'responder' | 'viewer' = 'responder') =>
        t.call('POST', '/api/v1/action-items', { as, body: { ownerId, postmortemId, ...body } });
      const bad: Array<[Record<string, unknown>, string]> = [
        [{ title: 'x', dueDate: '2025-02-30' }, 'body.dueDate'],
        [{ title: 'x', dueDate: '10/06/2025' }, 'body.dueDate'],
        [{ title: 'x', dueDate: '2025-06-10', ownerId: 'ghost' }, 'body.ownerId'],
        [{ title: 'x', dueDate: '2025-06-10', postmortemId: 'nope' }, 'body.postmortemId'],
        [{ title: '', dueDate: '2025-06-10' }, 'body.title'],
        [{ title: 'x', dueDate: '2025-06-10', status: 'later' }, 'body.status'],
      ];
      for (const [body, field] of bad) {
        const res = await create(body);
        assert.equal(res.status, 400, res.text);
        assert.ok(res.body.error.message.includes(field), `${res.body.error.message} names ${field}`);
      }
      assert.equal((await create({ title: 'x', dueDate: '2025-06-10' }, 'viewer')).status, 403);
      assert.equal((await t.call('GET', '/api/v1/action-items')).body.items.length, 0, 'nothing was written');

      const first = await create({ title: 'Alert on disk usage at 80%', dueDate: '2025-06-10' });
      assert.equal(first.status, 201, first.text);
      assert.deepEqual(first.body.owner, { id: ownerId, name: 'Li Lei' });
      assert.equal(first.body.dueAt, '2025-06-10T16:00:00.000Z', 'the end of 10 June in Shanghai');
      assert.equal(first.body.status, 'open');
      assert.equal(first.body.source, 'postmortem');
      assert.equal(first.body.sourceId, postmortemId);
      assert.equal(first.body.incidentId, incident.id);
      const second = await create({ title: 'Automate storage failover', dueDate: '2025-06-20', status: 'in_progress' });
      const third = await create({ title: 'Un-silence disk alerts', dueDate: '2025-06-09', status: 'done' });
      assert.equal(third.body.completedAt, '2025-06-06T07:30:00.000Z', 'made done: completed as it was made');
      items.push(first.body.id, second.body.id, third.body.id);

      clock.set('2025-06-10T15:59:00.000Z');
      assert.deepEqual((await t.call('GET', '/api/v1/action-items?overdue=true')).body.items, []);
      clock.set('2025-06-11T00:00:00.000Z');
      const overdue = await t.call('GET', '/api/v1/action-items?overdue=true', { as: 'viewer' });
      assert.deepEqual(
        overdue.body.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue]),
        [[first.body.id, true]],
      );
      const summary = (await t.call('GET', '/api/v1/action-items/summary', { as: 'viewer' })).body;
      assert.deepEqual(summary.byStatus, { open: 1, in_progress: 1, done: 1, cancelled: 0 });
      assert.equal(summary.overdue, 1);
      assert.deepEqual(summary.overdueByOwner, [{ ownerId, name: 'Li Lei', count: 1 }]);
      const byStatus = await t.call('GET', '/api/v1/action-items?status=open,in_progress');
      assert.equal(byStatus.body.items.length, 2);
      assert.equal((await t.call('GET', '/api/v1/action-items?status=soon')).status, 400);
      const page = await t.call('GET', '/api/v1/action-items?limit=2');
      assert.equal(page.body.items.length, 2);
      const rest = await t.call('GET', `/api/v1/action-items?limit=2&cursor=${page.body.nextCursor}`);
      assert.deepEqual(
        rest.body.items.map((i: { id: string }) => i.id),
        [third.body.id],
      );

      const started = await t.call('PATCH', `/api/v1/action-items/${first.body.id}`, { as: 'responder', body: { status: 'in_progress' } });
      assert.equal(started.body.overdue, true, 'in progress is still owed');
      const done = await t.call('PATCH', `/api/v1/action-items/${first.body.id}`, {
        as: 'responder',
        body: { status: 'done', version: started.body.version },
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.overdue, false);
      assert.equal(done.body.completedAt, '2025-06-11T00:00:00.000Z');
      assert.equal((await t.call('PATCH', `/api/v1/action-items/${first.body.id}`, { body: { status: 'open', version: 1 } })).status, 409);
      assert.equal((await t.call('PATCH', `/api/v1/action-items/${first.body.id}`, { body: { dueDate: '2025-13-01' } })).status, 400);
      assert.equal((await t.call('PATCH', '/api/v1/action-items/missing', { body: { status: 'done' } })).status, 404);
      assert.deepEqual((await t.call('GET', '/api/v1/action-items?overdue=true')).body.items, []);
      const listed = (await t.call('GET', pm())).body.actionItems.map((i: { title: string; status: string }) => [i.title, i.status]);
      assert.deepEqual(listed, [
        ['Alert on disk usage at 80%', 'done'],
        ['Automate storage failover', 'in_progress'],
        ['Un-silence disk alerts', 'done'],
      ]);
    });

    it('goes through review: submit, publish (admin only), then it is frozen', async () => {
      assert.equal((await t.call('POST', pm('/publish'), { as: 'admin' })).status, 409, 'a draft cannot be published');
      assert.equal((await t.call('POST', pm('/submit'), { as: 'viewer' })).status, 403);
      const submitted = await t.call('POST', pm('/submit'), { as: 'responder', body: { note: 'ready' } });
      assert.equal(submitted.status, 200, submitted.text);
      assert.equal(submitted.body.status, 'in_review');
      assert.equal((await t.call('POST', pm('/submit'), { as: 'responder' })).status, 409);
      assert.equal((await t.call('POST', pm('/return'), { as: 'responder' })).status, 403);
      const returned = await t.call('POST', pm('/return'), { as: 'admin', body: { note: 'add the timeline of the failover' } });
      assert.equal(returned.body.status, 'draft');
      await t.call('POST', pm('/submit'), { as: 'responder' });
      assert.equal((await t.call('POST', pm('/publish'), { as: 'responder' })).status, 403, 'publishing needs an admin');
      assert.equal((await t.call('POST', pm('/publish'), { as: 'admin', body: { bogus: 1 } })).status, 400);
      const published = await t.call('POST', pm('/publish'), { as: 'admin' });
      assert.equal(published.status, 200, published.text);
      assert.equal(published.body.status, 'published');
      assert.equal(published.body.factsFrozen, true);
      assert.equal(published.body.publishedBy, 'token:test-admin');
      assert.equal(published.body.publishedAt, '2025-06-11T00:00:00.000Z');
      assert.equal((await t.call('PATCH', pm(), { as: 'responder', body: { summary: 'rewrite' } })).status, 409);

      // Later changes to the incident do not move a published document's facts.
      await t.call('PATCH', `/api/v1/incidents/${incident.id}`, { as: 'responder', body: { title: 'renamed later' } });
      assert.equal((await t.call('GET', pm())).body.facts.incident.title, 'payments API down');

      const timeline = (await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.items.filter(
        (e: { kind: string }) => e.kind === 'postmortem',
      );
      assert.deepEqual(
        timeline
          .filter(
            (e: { from: string | null; to: string | null }) =>
              e.to !== null && e.from !== null && ['draft', 'in_review', 'published'].includes(e.to),
          )
          .map((e: { to: string }) => e.to),
        ['in_review', 'draft', 'in_review', 'published'],
      );
      const audit = await t.call('GET', `/api/v1/audit?targetType=postmortem&targetId=${postmortemId}`);
      assert.deepEqual(audit.body.items.map((a: { action: string }) => a.action).slice(0, 4), [
        'postmortem.publish',
        'postmortem.submit',
        'postmortem.return',
        'postmortem.submit',
      ]);
      const listed = await t.call('GET', '/api/v1/postmortems?status=published', { as: 'viewer' });
      assert.deepEqual(
        listed.body.items.map((p: { id: string }) => p.id),
        [postmortemId],
      );
    });

    it('exports Markdown in Chinese and English, user text escaped', async () => {
      const zh = await t.call('GET', pm('.md?lang=zh-CN'), { as: 'viewer' });
      assert.equal(zh.status, 200, zh.text);
      assert.match(String(zh.headers['content-type']), /^text\/markdown/);
      assert.match(String(zh.headers['content-disposition']), /postmortem-\d+\.zh-CN\.md/);
      for (const text of [
        `# 事故复盘报告：#${incident.number} payments API down`,
        `**单位:** ${ORGANISATION}`,
        '## 关键时间',
        '**发生时间:** 2025-06-06 14:00 +08:00',
        '**解决时间:** 2025-06-06 15:30 +08:00',
        '**持续时间（发生至解决）:** 1小时30分钟',
        '## 根本原因',
        'A storage node ran out of disk.',
        '## 改进措施',
        '| Alert on disk usage at 80% | Li Lei | 2025-06-10 | 已完成 |',
        '| Automate storage failover | Li Lei | 2025-06-20 | 进行中 |',
        '本复盘遵循无责原则',
        '## 时间线',
        '## 关联告警',
        '**状态:** 已发布',
      ]) {
        assert.ok(zh.text.includes(text), `zh Markdown has ${text}\n${zh.text}`);
      }
      assert.ok(zh.text.includes('\\<script>'), 'raw HTML in people’s text is escaped');
      assert.ok(!zh.text.includes(' <script>'));
      assert.ok(!zh.text.includes('责任认定'), 'blameless: no accountability section');
      const en = await t.call('GET', pm('.md?lang=en'), { as: 'viewer' });
      for (const text of [
        '# Postmortem: #',
        '## Root cause',
        '## Action items',
        '**Duration (start to resolution):** 1 h 30 min',
        '| done |',
        'This postmortem is blameless',
      ]) {
        assert.ok(en.text.includes(text), `en Markdown has ${text}`);
      }
      assert.equal((await t.call('GET', pm('.md'), { as: 'viewer' })).status, 200);
      assert.ok((await t.call('GET', pm('.md'))).text.includes('事故复盘报告'), 'Chinese by default');
      assert.equal((await t.call('GET', pm('.md?lang=fr'))).status, 400);
      assert.equal((await t.call('GET', pm('.md'), { as: null })).status, 401);
    });

    it('renders a printable HTML page under a strict CSP, nothing injected', async () => {
      const res = await t.call('GET', pm('.html?lang=en'), { as: 'viewer' });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /script-src/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.ok(res.text.startsWith('<!doctype html>'));
      assert.ok(res.text.includes('<html lang="en">'));
      assert.ok(res.text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
      assert.ok(!res.text.includes('<script'), 'no script element at all');
      assert.ok(res.text.includes('<h2>Root cause</h2>'));
      assert.ok(res.text.includes('@media print'));
      const zh = await t.call('GET', pm('.html?lang=zh-CN'), { as: 'viewer' });
      assert.ok(zh.text.includes('<html lang="zh-CN">'));
      assert.ok(zh.text.includes('<h2>根本原因</h2>'));
      assert.ok(zh.text.includes(ORGANISATION));
    });

    it('adds the accountability section only where the organisation asks for it', async () => {
      assert.equal((await t.call('PATCH', '/api/v1/organisation', { as: 'responder', body: { accountabilitySection: true } })).status, 403);
      assert.equal((await t.call('PATCH', '/api/v1/organisation', { body: { timeZone: 'Mars/Olympus' } })).status, 400);
      const org = await t.call('PATCH', '/api/v1/organisation', { body: { accountabilitySection: true } });
      assert.deepEqual(org.body, { name: ORGANISATION, timeZone: 'Asia/Shanghai', accountabilitySection: true });
      const md = await t.call('GET', pm('.md?lang=zh-CN'));
      assert.ok(md.text.includes('## 责任认定'));
      await t.call('PATCH', '/api/v1/organisation', { body: { accountabilitySection: false } });
    });
  });
}
