import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DrillScheduler } from '../../src/learn/drill-scheduler.js';
import type { Clock } from '../../src/operations/context.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type CallResult, type TestApp } from '../helpers/test-app.js';

// Drills over the API under a controlled clock: the drill record (validation, roles, audit, cron
// schedules), runs through the real ingest pipeline kept apart from real alerts, the scheduler's
// claims, measured times against RTOs, findings and action items. Paging a real receiver from the
// real server process is test/e2e/drill.test.ts.

const MIN = 60_000;
const T0 = Date.parse('2026-04-01T01:00:00.000Z'); // 09:00 in Shanghai
const SERVICES = [
  { id: 'gz-1', name: 'Guangzhou DC 1', kind: 'facility', userFacing: false },
  { id: 'pay', name: 'Payments', critical: true, payment: true, dependsOn: ['gz-1'], rtoMinutes: 30 },
  { id: 'chat', name: 'Chat', critical: true, dependsOn: ['gz-1'], rtoMinutes: 60 },
];
const fields = (res: CallResult): string[] => (res.body?.error?.details ?? []).map((d: { field: string }) => d.field);

interface Run {
  id: string;
  incidents: Array<{ id: string; number: number; status: string; drill: boolean; level: number }>;
  detectSeconds: number | null;
  acknowledgeSeconds: number | null;
  mitigateSeconds: number | null;
  recoverSeconds: number | null;
  services: Array<{ serviceId: string; rtoMinutes: number | null; recoverSeconds: number | null; verdict: string }>;
  verdict: string;
  endedAt: string | null;
  findings: string | null;
  actionItems?: Array<{ id: string; source: string; sourceId: string }>;
}

for (const dialect of DIALECTS) {
  describe(`drills (${dialect})`, () => {
    let t: TestApp;
    let now = T0;
    const clock: Clock = { now: () => now };
    let userId = '';
    let realKey = '';
    const scenario = [{ serviceId: 'gz-1', impact: 'outage' }];

    const create = (body: Record<string, unknown>, as: 'admin' | 'responder' | 'viewer' = 'responder') =>
      t.call('POST', '/api/v1/drills', { as, body });
    const runOf = async (drillId: string, runId: string): Promise<Run> => {
      const res = await t.call('GET', `/api/v1/drills/${drillId}/runs/${runId}`, { as: 'viewer' });
      assert.equal(res.status, 200, res.text);
      return res.body as Run;
    };
    const realAlert = async (body: Record<string, unknown>) => {
      const res = await t.call('POST', `/api/v1/integrations/${realKey}/webhook`, { as: null, body });
      assert.equal(res.status, 200, res.text);
      return res.body.results[0] as { incidentNumber: number };
    };
    const incident = async (ref: string | number) => (await t.call('GET', `/api/v1/incidents/${ref}`, { as: 'viewer' })).body;

    before(async () => {
      t = await startTestApp(dialect, { clock });
      for (const s of SERVICES) {
        const res = await t.call('POST', '/api/v1/services', { body: s });
        assert.equal(res.status, 201, res.text);
      }
      const user = await t.call('POST', '/api/v1/users', { body: { email: 'li@example.test', name: 'Li', role: 'responder' } });
      userId = user.body.id;
      const integration = await t.call('POST', '/api/v1/integrations', { body: { name: 'real', kind: 'webhook' } });
      realKey = integration.body.key;
    });
    after(() => t.close());

    it('bad input is a 400 naming the field and creates nothing; viewers cannot create', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: 'x', scenario: [{ serviceId: 'nope', impact: 'outage' }] }, 'body.scenario[0].serviceId'],
        [{ name: 'x', scenario: [{ serviceId: 'gz-1', impact: 'fire' }] }, 'body.scenario[0].impact'],
        [{ name: 'x', scenario: [] }, 'body.scenario'],
        [{ name: 'x', scenario: [...scenario, ...scenario] }, 'body.scenario[1].serviceId'],
        [{ name: 'x', scenario, participants: [{ userId: 'ghost', role: 'commander' }] }, 'body.participants[0].userId'],
        [{ name: 'x', scenario, schedule: { at: new Date(T0 - MIN).toISOString() } }, 'body.schedule.at'],
        [{ name: 'x', scenario, schedule: { cron: '0 10 * *', timeZone: 'Asia/Shanghai' } }, 'body.schedule.cron'],
        [{ name: 'x', scenario, schedule: { cron: '0 10 * * *', timeZone: 'Mars/Olympus' } }, 'body.schedule.timeZone'],
        [{ name: 'x', scenario, colour: 'red' }, 'body.colour'],
      ];
      for (const [body, field] of cases) {
        const res = await create(body);
        assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
        assert.equal(res.body.error.code, 'invalid_request');
        assert.ok(fields(res).includes(field), `${field} named in ${res.text}`);
      }
      assert.equal((await create({ name: 'x', scenario }, 'viewer')).status, 403);
      assert.equal((await t.call('GET', '/api/v1/drills', { as: 'viewer' })).body.items.length, 0, 'nothing was created');
    });

    it('create, read, change (versioned), audit, delete (admin); cron next run in the drill’s zone', async () => {
      const created = await create({
        name: 'gz-1 loses cooling',
        scenario,
        hypothesis: 'the facility incident pages the on-call within a minute',
        blastRadius: 'gz-1 and everything above it; on-call of the infra team',
        participants: [{ userId, role: 'commander' }],
        schedule: { cron: '0 10 1 * *', timeZone: 'Asia/Shanghai' },
      });
      assert.equal(created.status, 201, created.text);
      const drill = created.body;
      // 10:00 on the 1st in Shanghai; at 09:00 on 1 April it is today's, 02:00 UTC.
      assert.equal(drill.nextRunAt, '2026-04-01T02:00:00.000Z');
      assert.equal(drill.status, 'active');
      assert.deepEqual(drill.participants, [{ userId, role: 'commander' }]);
      assert.equal((await t.call('GET', `/api/v1/drills/${drill.id}`, { as: 'viewer' })).body.name, 'gz-1 loses cooling');

      const paused = await t.call('PATCH', `/api/v1/drills/${drill.id}`, { as: 'responder', body: { status: 'paused', version: 1 } });
      assert.equal(paused.status, 200, paused.text);
      assert.equal(paused.body.nextRunAt, null, 'a paused drill does not fire');
      assert.equal((await t.call('PATCH', `/api/v1/drills/${drill.id}`, { as: 'responder', body: { name: 'y', version: 1 } })).status, 409);
      assert.equal((await t.call('PATCH', `/api/v1/drills/${drill.id}`, { as: 'viewer', body: { name: 'y' } })).status, 403);
      const audit = await t.call('GET', `/api/v1/audit?targetType=drill&targetId=${drill.id}`);
      assert.deepEqual(audit.body.items.map((a: { action: string }) => a.action).sort(), ['drill.create', 'drill.update']);

      assert.equal((await t.call('DELETE', `/api/v1/drills/${drill.id}`, { as: 'responder' })).status, 403);
      assert.equal((await t.call('DELETE', `/api/v1/drills/${drill.id}`)).status, 204);
      assert.equal((await t.call('GET', `/api/v1/drills/${drill.id}`, { as: 'viewer' })).status, 404);
    });

    it('a drill and real alerts never share an incident, either way; grading is the real one', async () => {
      // A real alert on Payments is open before the drill starts.
      const realPay = await realAlert({ summary: 'payments 5xx', service: 'pay', severity: 'critical', dedupKey: 'pay-5xx' });
      const drill = (await create({ name: 'separation', scenario })).body;
      const started = await t.call('POST', `/api/v1/drills/${drill.id}/run`, { as: 'responder' });
      assert.equal(started.status, 201, started.text);
      const run = started.body as Run;
      assert.equal(run.incidents.length, 1);
      const drillIncident = await incident(run.incidents[0]!.id);
      assert.equal(drillIncident.drill, true);
      assert.equal(drillIncident.level, 1, 'graded by the real policy: a facility outage under critical services');
      assert.deepEqual([...drillIncident.services].sort(), ['chat', 'gz-1', 'pay']);
      assert.equal(
        (await incident(realPay.incidentNumber)).status,
        'triggered',
        'the real Payments incident was not merged into the drill',
      );
      assert.equal((await incident(realPay.incidentNumber)).drill, false);

      // Real alerts on a service the drill incident lists, and on the "failed" facility itself.
      const realChat = await realAlert({ summary: 'chat slow', service: 'chat', severity: 'critical', dedupKey: 'chat-slow' });
      assert.notEqual(realChat.incidentNumber, drillIncident.number);
      assert.equal((await incident(realChat.incidentNumber)).drill, false);
      const realDc = await realAlert({ summary: 'gz-1 temperature', facility: 'gz-1', severity: 'critical', dedupKey: 'gz-1-temp' });
      assert.notEqual(realDc.incidentNumber, drillIncident.number);
      const after = await incident(drillIncident.id);
      assert.equal(after.alertCount, 1, 'no real alert joined the drill');
      assert.equal(after.status, 'triggered', 'the real facility incident merged nothing of the drill');

      // Recover: resolving signals through the pipeline resolve the drill incident ("all alerts resolved").
      now += 5 * MIN;
      const recovered = await t.call('POST', `/api/v1/drills/${drill.id}/runs/${run.id}/recover`, { as: 'responder' });
      assert.equal(recovered.status, 200, recovered.text);
      assert.equal(recovered.body.incidents[0].status, 'resolved');
      assert.ok(recovered.body.endedAt);
      assert.equal((await incident(realDc.incidentNumber)).status, 'triggered', 'real incidents stay open');
      const again = await t.call('POST', `/api/v1/drills/${drill.id}/runs/${run.id}/recover`, { as: 'responder' });
      assert.equal(again.status, 409);
      for (const n of [realPay.incidentNumber, realChat.incidentNumber, realDc.incidentNumber]) {
        const inc = await incident(n);
        if (inc.status !== 'resolved') await t.call('POST', `/api/v1/incidents/${inc.id}/resolve`, { as: 'responder', body: {} });
      }
    });

    it('recovery past a service’s RTO breaches the run; findings and action items go to the tracker', async () => {
      const drill = (await create({ name: 'slow recovery', scenario })).body;
      now = T0 + 60 * MIN;
      const run = (await t.call('POST', `/api/v1/drills/${drill.id}/run`, { as: 'responder' })).body as Run;
      now += 4 * MIN;
      const id = run.incidents[0]!.id;
      assert.equal((await t.call('POST', `/api/v1/incidents/${id}/acknowledge`, { as: 'responder', body: {} })).status, 200);
      now += 6 * MIN;
      assert.equal((await t.call('POST', `/api/v1/incidents/${id}/mitigate`, { as: 'responder', body: {} })).status, 200);
      now += 35 * MIN; // 45 minutes in: Payments' RTO (30) is overrun, Chat's (60) is not.
      const open = await runOf(drill.id, run.id);
      assert.equal(open.verdict, 'pending', 'pending while the incident is open');
      assert.equal(open.services.find((s) => s.serviceId === 'pay')?.verdict, 'breached', 'already overrun');
      assert.equal((await t.call('POST', `/api/v1/incidents/${id}/resolve`, { as: 'responder', body: {} })).status, 200);

      // Resolved by a person: the scheduler's sweep ends the run and lifts the injected failure.
      const scheduler = new DrillScheduler(t.deps, t.engine, { owner: 'node-a' });
      await scheduler.runOnce();
      const ended = await runOf(drill.id, run.id);
      assert.equal(ended.detectSeconds, 0);
      assert.equal(ended.acknowledgeSeconds, 4 * 60);
      assert.equal(ended.mitigateSeconds, 10 * 60);
      assert.equal(ended.recoverSeconds, 45 * 60);
      assert.equal(ended.verdict, 'breached');
      assert.deepEqual(ended.services.map((s) => [s.serviceId, s.rtoMinutes, s.verdict]).sort(), [
        ['chat', 60, 'met'],
        ['gz-1', null, 'no_target'],
        ['pay', 30, 'breached'],
      ]);
      const alerts = await t.call('GET', `/api/v1/incidents/${id}/alerts`, { as: 'viewer' });
      assert.ok(
        alerts.body.items.every((a: { status: string }) => a.status === 'resolved'),
        'the injected failure is lifted',
      );

      const findings = await t.call('PATCH', `/api/v1/drills/${drill.id}/runs/${run.id}`, {
        as: 'responder',
        body: { findings: 'failover to gz-2 took 40 minutes: the runbook lacked the DNS step' },
      });
      assert.equal(findings.status, 200, findings.text);
      assert.match(findings.body.findings, /DNS step/);
      assert.equal(
        (await t.call('PATCH', `/api/v1/drills/${drill.id}/runs/${run.id}`, { as: 'viewer', body: { findings: 'x' } })).status,
        403,
      );
      const item = await t.call('POST', `/api/v1/drills/${drill.id}/runs/${run.id}/action-items`, {
        as: 'responder',
        body: { title: 'Add the DNS step to the gz-1 runbook', ownerId: userId, dueDate: '2026-04-15' },
      });
      assert.equal(item.status, 201, item.text);
      assert.equal(item.body.source, 'drill');
      assert.equal(item.body.sourceId, run.id);
      const badItem = await t.call('POST', `/api/v1/drills/${drill.id}/runs/${run.id}/action-items`, {
        as: 'responder',
        body: { title: 'x', ownerId: 'ghost', dueDate: '2026-04-15' },
      });
      assert.equal(badItem.status, 400);
      assert.ok(fields(badItem).includes('body.ownerId'), badItem.text);
      const tracker = await t.call('GET', '/api/v1/action-items?source=drill', { as: 'viewer' });
      assert.deepEqual(
        tracker.body.items.map((i: { id: string }) => i.id),
        [item.body.id],
      );
      assert.deepEqual(
        (await runOf(drill.id, run.id)).actionItems?.map((i) => i.id),
        [item.body.id],
      );
      const audit = await t.call('GET', `/api/v1/audit?targetType=drill-run&targetId=${run.id}`);
      const actions = audit.body.items.map((a: { action: string }) => a.action);
      for (const a of ['drill.run', 'drill.run.injected', 'drill.run.end', 'drill.run.update'])
        assert.ok(actions.includes(a), `${a} in ${actions}`);
    });

    it('a scheduled one-off fires once however many nodes race for it; never on the status page', async () => {
      const page = await t.call('POST', '/api/v1/status-pages', { body: { slug: 'drills', name: 'Status' } });
      assert.equal(page.status, 201, page.text);
      const component = await t.call('POST', `/api/v1/status-pages/${page.body.id}/components`, {
        body: { name: 'Payments', serviceIds: ['pay'] },
      });
      assert.equal(component.status, 201, component.text);

      const version = async () => (await t.call('GET', `/api/v1/status-pages/${page.body.id}`, { as: 'viewer' })).body.version as number;
      const versionBefore = await version();
      now = T0 + 3 * 60 * MIN;
      const drill = (await create({ name: 'scheduled', scenario, schedule: { at: new Date(now + 10_000).toISOString() } })).body;
      const nodes = [new DrillScheduler(t.deps, t.engine, { owner: 'node-a' }), new DrillScheduler(t.deps, t.engine, { owner: 'node-b' })];
      assert.deepEqual(await Promise.all(nodes.map((n) => n.runOnce())), [0, 0], 'not due yet');
      now += 10_000;
      const started = await Promise.all(nodes.map((n) => n.runOnce()));
      assert.equal(started[0]! + started[1]!, 1, `exactly one node starts it (${started})`);
      assert.deepEqual(await Promise.all(nodes.map((n) => n.runOnce())), [0, 0], 'and it does not fire again');
      const runs = (await t.call('GET', `/api/v1/drills/${drill.id}/runs`, { as: 'viewer' })).body.items as Run[];
      assert.equal(runs.length, 1);
      assert.equal((await t.call('GET', `/api/v1/drills/${drill.id}`, { as: 'viewer' })).body.nextRunAt, null);
      assert.equal(runs[0]!.incidents[0]?.drill, true);

      const snapshot = await t.call('GET', `/api/v1/status-pages/${page.body.id}/snapshot`, { as: 'viewer' });
      assert.equal(snapshot.body.components[0].status, 'operational', 'a drill never shows on the status page');
      assert.equal(await version(), versionBefore, 'nor makes it rebuild');
      const summary = await t.call('GET', '/status/drills/summary.json', { as: null });
      assert.equal(summary.status, 200);
      assert.equal(summary.body.status.indicator, 'none');
      assert.deepEqual(summary.body.incidents, []);
      assert.equal((await t.call('GET', `/api/v1/status-pages/${page.body.id}/incidents`, { as: 'viewer' })).body.items.length, 0);

      const recovered = await t.call('POST', `/api/v1/drills/${drill.id}/runs/${runs[0]!.id}/recover`, { as: 'responder' });
      assert.equal(recovered.status, 200, recovered.text);
      assert.equal(recovered.body.verdict, 'met', 'recovered at once: within every RTO');
    });
  });
}
