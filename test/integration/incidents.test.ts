import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { seedWeChatCatalog, startTestApp, type TestApp } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`incidents over HTTP (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await seedWeChatCatalog(t);
    });
    after(() => t.close());

    const open = async (body: Record<string, unknown>) => {
      const res = await t.call('POST', '/api/v1/incidents', { as: 'responder', body });
      assert.equal(res.status, 201, res.text);
      return res.body;
    };

    it('grades the data-centre cooling failure as level 1 and lists every service it reaches', async () => {
      const incident = await open({ title: 'GZ DC1 cooling failure', services: ['gz-dc1'], impact: 'outage' });
      assert.equal(incident.level, 1);
      assert.equal(incident.status, 'triggered');
      const rules = incident.levelReasons.map((r: { rule: string }) => r.rule);
      assert.ok(rules.includes('infrastructure'), rules.join());
      assert.ok(rules.includes('payment'), rules.join());
      assert.equal(incident.services[0], 'gz-dc1');
      assert.deepEqual([...incident.services].sort(), ['chat', 'gz-dc1', 'storage', 'voice-to-text', 'wechat-pay']);
      assert.equal(incident.levelLabel.zh, '一级 · 重大事故');
      assert.ok(incident.response.ackDueAt, 'level 1 has an ack target');
      assert.ok(incident.response.regulatorReportDueAt, 'level 1 owes a regulator report');
      assert.equal(typeof incident.number, 'number');
      assert.equal(incident.alertCount, 0);
      assert.equal(incident.drill, false);
    });

    it('gets an incident by id and by number', async () => {
      const incident = await open({ title: 'Chat slow', services: ['chat'], impact: 'degraded' });
      const byId = await t.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'viewer' });
      const byNumber = await t.call('GET', `/api/v1/incidents/${incident.number}`, { as: 'viewer' });
      assert.equal(byId.status, 200);
      assert.equal(byId.body.level, 2);
      assert.deepEqual(byNumber.body, byId.body);
      assert.equal((await t.call('GET', '/api/v1/incidents/999999')).status, 404);
      assert.equal((await t.call('GET', '/api/v1/incidents/no-such-id')).body.error.code, 'not_found');
    });

    it('walks the lifecycle and writes who, when, what and before/after to the timeline', async () => {
      const incident = await open({ title: 'Moments down', services: ['moments'], impact: 'outage', scope: 'partial' });
      assert.equal(incident.level, 2);
      const ack = await t.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { as: 'responder' });
      assert.equal(ack.status, 200, ack.text);
      assert.equal(ack.body.status, 'acknowledged');
      assert.ok(ack.body.acknowledgedAt);
      const mitigate = await t.call('POST', `/api/v1/incidents/${incident.id}/mitigate`, {
        as: 'responder',
        body: { note: 'failed over to gz-dc2' },
      });
      assert.equal(mitigate.body.status, 'mitigated');
      const note = await t.call('POST', `/api/v1/incidents/${incident.id}/updates`, {
        as: 'responder',
        body: { message: 'traffic back to normal' },
      });
      assert.equal(note.status, 201);
      const resolve = await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { as: 'responder' });
      assert.equal(resolve.body.status, 'resolved');
      assert.ok(resolve.body.resolvedAt >= resolve.body.acknowledgedAt);

      const timeline = await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`, { as: 'viewer' });
      const statuses = timeline.body.items.filter((e: { kind: string }) => e.kind === 'status');
      assert.deepEqual(
        statuses.map((e: { from: string; to: string }) => `${e.from}→${e.to}`),
        ['triggered→acknowledged', 'acknowledged→mitigated', 'mitigated→resolved'],
      );
      assert.equal(statuses[1].message, 'failed over to gz-dc2');
      assert.equal(statuses[0].actor.name, 'token:test-responder');
      assert.ok(statuses.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at))));
      const updates = await t.call('GET', `/api/v1/incidents/${incident.id}/updates`, { as: 'viewer' });
      assert.deepEqual(
        updates.body.items.map((e: { message: string }) => e.message),
        ['traffic back to normal'],
      );

      const reopen = await t.call('POST', `/api/v1/incidents/${incident.number}/reopen`, { as: 'responder' });
      assert.equal(reopen.body.status, 'triggered');
      assert.equal(reopen.body.resolvedAt, null);
    });

    it('rejects illegal transitions with 409 and changes nothing', async () => {
      const incident = await open({ title: 'Voice to text down', services: ['voice-to-text'], impact: 'outage', usersAffectedPct: 15 });
      assert.equal(incident.level, 2);
      await t.call('POST', `/api/v1/incidents/${incident.id}/resolve`, { as: 'responder' });
      const auditBefore = await t.call('GET', `/api/v1/audit?targetId=${incident.id}`);
      for (const action of ['acknowledge', 'mitigate', 'resolve']) {
        const res = await t.call('POST', `/api/v1/incidents/${incident.id}/${action}`, { as: 'responder' });
        assert.equal(res.status, 409, action);
        assert.equal(res.body.error.code, 'invalid_transition');
        assert.match(res.body.error.message, /resolved/);
      }
      const auditAfter = await t.call('GET', `/api/v1/audit?targetId=${incident.id}`);
      assert.equal(auditAfter.body.items.length, auditBefore.body.items.length);
      const after = await t.call('GET', `/api/v1/incidents/${incident.id}`);
      assert.equal(after.body.version, 2);
    });

    it('lets exactly one of two simultaneous acknowledges win', async () => {
      for (let round = 0; round < 5; round++) {
        const incident = await open({ title: `race ${round}`, services: ['chat'], impact: 'degraded' });
        const results = await Promise.all([
          t.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { as: 'responder' }),
          t.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { as: 'admin' }),
        ]);
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, [200, 409], results.map((r) => r.text).join('\n'));
        const loser = results.find((r) => r.status === 409);
        assert.ok(['conflict', 'invalid_transition'].includes(loser?.body.error.code));
        const timeline = await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`);
        assert.equal(timeline.body.items.filter((e: { kind: string }) => e.kind === 'status').length, 1);
      }
    });

    it('raises the level automatically when new facts are graver, and never lowers it by itself', async () => {
      const incident = await open({ title: 'Storage latency', services: ['voice-to-text'], impact: 'degraded', usersAffectedPct: 2 });
      assert.equal(incident.level, 3);
      const raised = await t.call('PATCH', `/api/v1/incidents/${incident.id}`, {
        as: 'responder',
        body: { services: ['voice-to-text', 'wechat-pay'], impact: 'degraded' },
      });
      assert.equal(raised.status, 200, raised.text);
      assert.equal(raised.body.level, 1);
      assert.equal(raised.body.levelReasons[0].rule, 'payment');
      const milder = await t.call('PATCH', `/api/v1/incidents/${incident.id}`, {
        as: 'responder',
        body: { services: ['voice-to-text'], impact: 'degraded' },
      });
      assert.equal(milder.body.level, 1, 'automatic regrading never lowers');
      const timeline = await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`);
      const levels = timeline.body.items.filter((e: { kind: string }) => e.kind === 'level');
      assert.deepEqual(
        levels.map((e: { from: string | null; to: string }) => `${e.from}→${e.to}`),
        ['null→3', '3→1'],
      );
      assert.ok(timeline.body.items.some((e: { message: string | null }) => /stays level 1/.test(e.message ?? '')));
    });

    it('lowers the level only by a person with a reason', async () => {
      const incident = await open({ title: 'Pay errors', services: ['wechat-pay'], impact: 'degraded' });
      assert.equal(incident.level, 1);
      const noReason = await t.call('POST', `/api/v1/incidents/${incident.id}/level`, { as: 'responder', body: { level: 3 } });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.error.code, 'reason_required');
      assert.equal(noReason.body.error.details[0].field, 'reason');
      const lowered = await t.call('POST', `/api/v1/incidents/${incident.id}/level`, {
        as: 'responder',
        body: { level: 3, reason: 'only the sandbox merchant was affected' },
      });
      assert.equal(lowered.status, 200);
      assert.equal(lowered.body.level, 3);
      assert.equal(lowered.body.levelReasons[0].rule, 'manual');
      assert.match(lowered.body.levelReasons[0].detail, /sandbox merchant/);
      const timeline = await t.call('GET', `/api/v1/incidents/${incident.id}/timeline`);
      const last = timeline.body.items.filter((e: { kind: string }) => e.kind === 'level').at(-1);
      assert.equal(last.from, '1');
      assert.equal(last.to, '3');
      assert.equal(last.message, 'only the sandbox merchant was affected');
      assert.equal(last.actor.name, 'token:test-responder');
    });

    it('lists with filters by status, level, service and text, paging with a cursor', async () => {
      const made: number[] = [];
      for (let i = 0; i < 7; i++) {
        const inc = await open({ title: `paging probe ${i}`, services: ['moments'], impact: 'complaint' });
        made.push(inc.number);
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/api/v1/incidents?q=paging%20probe&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.call('GET', query, { as: 'viewer' });
        assert.equal(page.status, 200, page.text);
        seen.push(...page.body.items.map((i: { number: number }) => i.number));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(pages, 3);
      assert.deepEqual(seen, [...made].reverse());

      const level4 = await t.call('GET', '/api/v1/incidents?level=4&status=triggered&limit=200');
      assert.ok(level4.body.items.length >= 7);
      assert.ok(level4.body.items.every((i: { level: number; status: string }) => i.level === 4 && i.status === 'triggered'));
      const byService = await t.call('GET', '/api/v1/incidents?service=wechat-pay&limit=200');
      assert.ok(byService.body.items.length >= 2);
      assert.ok(byService.body.items.every((i: { services: string[] }) => i.services.includes('wechat-pay')));
      const open1 = await t.call('GET', '/api/v1/incidents?status=open&level=1,2&limit=200');
      assert.ok(open1.body.items.every((i: { status: string; level: number }) => i.status !== 'resolved' && i.level <= 2));
      const resolved = await t.call('GET', '/api/v1/incidents?status=resolved');
      assert.ok(resolved.body.items.every((i: { status: string }) => i.status === 'resolved'));
      const literal = await t.call('GET', '/api/v1/incidents?q=100%25_');
      assert.equal(literal.body.items.length, 0, 'LIKE wildcards in q are literal');
    });

    it('writes an audit row with before and after for every change', async () => {
      const incident = await open({ title: 'audited', services: ['chat'], impact: 'degraded' });
      await t.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { as: 'responder' });
      const audit = await t.call('GET', `/api/v1/audit?targetType=incident&targetId=${incident.id}`);
      assert.deepEqual(
        audit.body.items.map((a: { action: string }) => a.action),
        ['incident.acknowledge', 'incident.create'],
      );
      const ack = audit.body.items[0];
      assert.equal(ack.actor.name, 'token:test-responder');
      assert.deepEqual(ack.before, { status: 'triggered' });
      assert.equal(ack.after.status, 'acknowledged');
      assert.ok(ack.requestId);
      const viewer = await t.call('GET', '/api/v1/audit', { as: 'responder' });
      assert.equal(viewer.status, 403);
    });

    it('grades without storing through POST /grade', async () => {
      const before = await t.call('GET', '/api/v1/incidents?limit=200');
      const graded = await t.call('POST', '/api/v1/grade', { as: 'viewer', body: { services: ['wechat-pay'], impact: 'degraded' } });
      assert.equal(graded.status, 200);
      assert.equal(graded.body.level, 1);
      assert.equal(graded.body.reasons[0].rule, 'payment');
      assert.match(graded.body.reasons[0].detail, /wechat-pay/);
      const leak = await t.call('POST', '/api/v1/grade', {
        as: 'viewer',
        body: { services: ['chat'], impact: 'data_leak', recordsExposed: 20 },
      });
      assert.equal(leak.body.level, 3);
      const unknown = await t.call('POST', '/api/v1/grade', { as: 'viewer', body: { services: ['nope'], impact: 'outage' } });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'unknown_service');
      const after = await t.call('GET', '/api/v1/incidents?limit=200');
      assert.equal(after.body.items.length, before.body.items.length);
    });
  });
}
