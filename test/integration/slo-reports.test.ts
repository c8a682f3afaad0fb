import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../src/operations/context.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** 2026-03-10 10:30:30 UTC: the current minute starts at 10:30:00, the current hour at 10:00. */
const NOW = Date.UTC(2026, 2, 10, 10, 30, 30);
const MINUTE = NOW - 30_000;
const fields = (res: { body: any }) => ((res.body.error?.details ?? []) as Array<{ field: string }>).map((d) => d.field);

/**
 * Checks stored through the monitors' own result path, then read back by three SLOs. Service `api`
 * has monitor A (at `local` and `gz-1`), monitor B (`local`) and a backup heartbeat C (left out by
 * default). Each line: monitor, location, when, up, degraded, down. Hand-computed totals below.
 */
type Batch = ['A' | 'B' | 'C', string, number, number, number, number];
const WINDOW_START = NOW - (NOW % HOUR) - (28 * 24 - 1) * HOUR; // 2026-02-10T11:00Z
const BATCHES: Batch[] = [
  ['A', 'local', NOW - 29 * DAY, 0, 0, 10], // before the 28-day window: never counted
  ['B', 'local', WINDOW_START + 1_000, 1, 0, 0], // the window's first hour
  ['A', 'local', NOW - 5 * DAY, 36, 2, 2], // degraded counts as good
  ['A', 'gz-1', NOW - 5 * DAY, 40, 0, 0],
  ['B', 'local', MINUTE - 20 * HOUR, 20, 0, 0], // in 24 h only
  ['A', 'local', MINUTE - 3 * HOUR, 5, 0, 5], // in 6 h and 24 h
  ['B', 'local', MINUTE - 40 * MIN, 10, 0, 0], // in 1 h, not 30 m
  ['A', 'gz-1', MINUTE - 10 * MIN, 2, 0, 2], // in 30 m, not 5 m
  ['B', 'local', MINUTE - 2 * MIN, 4, 0, 1], // in 5 m
  ['C', 'local', MINUTE - 1 * MIN, 0, 0, 3], // the backup heartbeat: not availability
];

// SLO 1, 90 % over 28 days, the service's monitors (A and B): 120 good of 130.
//   availability 92.307692 %; budget 10 % of 40,320 min = 4,032; spent 10/130 × 40,320 = 3,101.538;
//   left 930.462 min = 0.230769 of it. Burn (bad share ÷ 0.1): 5 m 1/5 → 2; 30 m 3/9 → 3.3333;
//   1 h 3/19 → 1.5789; 6 h 8/29 → 2.7586; 24 h 8/49 → 1.6327.
// SLO 2, 99 % over 28 days, B only: 35 of 36 → 97.222222 %; budget 403.2 min, spent 1,120, left
//   −716.8 (−1.777778). Burn ÷ 0.01: 5 m 1/5 → 20; 30 m 1/5 → 20; 1 h 1/15 → 6.6667; 6 h 6.6667;
//   24 h 1/35 → 2.8571: fast burn needs 1 h ≥ 14.4 (no), slow burn 6 h and 30 m ≥ 6 (yes).
// SLO 3, 95 % over the calendar month: March only, so not B's first check: 119 of 129 →
//   92.248062 %; budget 5 % of 44,640 = 2,232 min; elapsed 9 d 10 h 30.5 min = 13,590.5 min;
//   spent 10/129 × 13,590.5 = 1,053.527; left 1,178.473 (0.52799). Burn ÷ 0.05: 4, 6.6667, 3.1579, 5.5172, 3.2653.

for (const dialect of DIALECTS) {
  describe(`availability SLOs and their report (${dialect})`, () => {
    let t: TestApp;
    let now = NOW;
    const clock: Clock = { now: () => now };
    const ids: Record<string, string> = {};
    const slos: Record<string, string> = {};

    before(async () => {
      t = await startTestApp(dialect, { clock });
      for (const body of [
        { id: 'api', name: 'Public API' },
        { id: 'other', name: 'Other' },
      ]) {
        assert.equal((await t.call('POST', '/api/v1/services', { body })).status, 201);
      }
      assert.equal((await t.call('POST', '/api/v1/locations', { body: { name: 'gz-1' } })).status, 201);
      const monitors = [
        ['A', { kind: 'tcp', config: { host: '127.0.0.1', port: 9 }, locations: ['local', 'gz-1'] }],
        ['B', { kind: 'tcp', config: { host: '127.0.0.1', port: 10 } }],
        ['C', { kind: 'heartbeat', config: { role: 'backup' } }],
      ] as const;
      for (const [name, body] of monitors) {
        const res = await t.call('POST', '/api/v1/monitors', { body: { name, serviceId: 'api', ...body } });
        assert.equal(res.status, 201, res.text);
        ids[name] = res.body.monitor.id;
      }
      for (const [monitor, location, at, up, degraded, down] of BATCHES) {
        const statuses = [
          ...Array<string>(up).fill('up'),
          ...Array<string>(degraded).fill('degraded'),
          ...Array<string>(down).fill('down'),
        ];
        await t.monitors.write(
          statuses.map((status, i) => ({
            monitorId: ids[monitor] as string,
            location,
            at: at + i * 1_000,
            status: status as 'up',
            latencyMs: 5,
            error: status === 'down' ? 'refused' : null,
          })),
        );
      }
    });
    after(() => t.close());

    it('refuses bad SLOs naming the field, and roles too weak', async () => {
      const base = { serviceId: 'api', targetPct: 99.9 };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...base, targetPct: 100 }, 'body.targetPct'],
        [{ ...base, targetPct: 0 }, 'body.targetPct'],
        [{ ...base, targetPct: '99.9' }, 'body.targetPct'],
        [{ ...base, windowDays: 91 }, 'body.windowDays'],
        [{ ...base, window: 'weekly' }, 'body.window'],
        [{ ...base, window: 'calendar-month', windowDays: 30 }, 'windowDays'],
        [{ ...base, serviceId: 'ghost' }, 'serviceId'],
        [{ ...base, serviceId: 'Not A Slug' }, 'body.serviceId'],
        [{ ...base, monitorIds: ['nope'] }, 'monitorIds[0]'],
        [{ ...base, extra: 1 }, 'body.extra'],
        [{ targetPct: 99 }, 'body.serviceId'],
      ];
      for (const [body, field] of cases) {
        const res = await t.call('POST', '/api/v1/slos', { as: 'responder', body });
        assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
        assert.ok(fields(res).includes(field), `${JSON.stringify(body)} names ${field}: ${res.text}`);
      }
      assert.equal((await t.call('POST', '/api/v1/slos', { as: 'viewer', body: base })).status, 403);
      assert.equal((await t.call('POST', '/api/v1/slos', { as: null, body: base })).status, 401);
      assert.equal((await t.call('GET', '/api/v1/slos', { as: null })).status, 401);
      assert.equal((await t.call('GET', '/api/v1/slos', { as: 'viewer' })).body.items.length, 0, 'nothing was written');
    });

    it('creates SLOs (responder) with defaults, and measures them from the rollups', async () => {
      const one = await t.call('POST', '/api/v1/slos', { as: 'responder', body: { serviceId: 'api', targetPct: 90 } });
      assert.equal(one.status, 201, one.text);
      assert.deepEqual(
        { ...one.body, id: undefined, createdAt: undefined, updatedAt: undefined },
        {
          id: undefined,
          serviceId: 'api',
          name: '90% availability',
          targetPct: 90,
          window: 'rolling',
          windowDays: 28,
          monitorIds: null,
          createdAt: undefined,
          updatedAt: undefined,
        },
      );
      slos.one = one.body.id;
      const two = await t.call('POST', '/api/v1/slos', {
        as: 'responder',
        body: { serviceId: 'api', name: 'B only', targetPct: 99, monitorIds: [ids.B] },
      });
      assert.equal(two.status, 201, two.text);
      slos.two = two.body.id;
      const three = await t.call('POST', '/api/v1/slos', {
        as: 'responder',
        body: { serviceId: 'api', name: 'Monthly', targetPct: 95, window: 'calendar-month' },
      });
      assert.equal(three.status, 201, three.text);
      assert.equal(three.body.windowDays, null);
      slos.three = three.body.id;

      const got = await t.call('GET', `/api/v1/slos/${slos.one}`, { as: 'viewer' });
      assert.equal(got.status, 200, got.text);
      assert.deepEqual(got.body.status, {
        at: new Date(NOW).toISOString(),
        windowStart: '2026-02-10T11:00:00.000Z',
        windowEnd: new Date(NOW).toISOString(),
        countedMonitorIds: [ids.A, ids.B],
        availabilityPct: 92.307692,
        goodChecks: 120,
        totalChecks: 130,
        budgetMinutes: 4032,
        budgetSpentMinutes: 3101.538,
        budgetRemainingMinutes: 930.462,
        budgetRemainingFraction: 0.230769,
        burnRates: { '5m': 2, '30m': 3.3333, '1h': 1.5789, '6h': 2.7586, '24h': 1.6327 },
        fastBurn: false,
        slowBurn: false,
      });

      const b = (await t.call('GET', `/api/v1/slos/${slos.two}`, { as: 'viewer' })).body.status;
      assert.deepEqual(
        [
          b.availabilityPct,
          b.goodChecks,
          b.totalChecks,
          b.budgetMinutes,
          b.budgetSpentMinutes,
          b.budgetRemainingMinutes,
          b.budgetRemainingFraction,
        ],
        [97.222222, 35, 36, 403.2, 1120, -716.8, -1.777778],
      );
      assert.deepEqual(b.burnRates, { '5m': 20, '30m': 20, '1h': 6.6667, '6h': 6.6667, '24h': 2.8571 });
      assert.deepEqual([b.fastBurn, b.slowBurn], [false, true]);

      const m = (await t.call('GET', `/api/v1/slos/${slos.three}`, { as: 'viewer' })).body.status;
      assert.deepEqual(
        [
          m.windowStart,
          m.windowEnd,
          m.availabilityPct,
          m.goodChecks,
          m.totalChecks,
          m.budgetMinutes,
          m.budgetSpentMinutes,
          m.budgetRemainingFraction,
        ],
        ['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 92.248062, 119, 129, 2232, 1053.527, 0.52799],
      );
      assert.deepEqual(m.burnRates, { '5m': 4, '30m': 6.6667, '1h': 3.1579, '6h': 5.5172, '24h': 3.2653 });
    });

    it('moves with the clock: an hour later the short windows are empty and the first hour has left', async () => {
      now = NOW + HOUR;
      const s = (await t.call('GET', `/api/v1/slos/${slos.one}`, { as: 'viewer' })).body.status;
      assert.deepEqual(s.burnRates, { '5m': null, '30m': null, '1h': null, '6h': 2.7586, '24h': 1.6327 });
      assert.deepEqual([s.windowStart, s.goodChecks, s.totalChecks], ['2026-02-10T12:00:00.000Z', 119, 129], 'B’s first check is out');
      now = NOW;
    });

    it('changes and deletes SLOs with the right roles, every change audited', async () => {
      const bad = await t.call('PATCH', `/api/v1/slos/${slos.two}`, { as: 'responder', body: {} });
      assert.equal(bad.status, 400);
      const changed = await t.call('PATCH', `/api/v1/slos/${slos.two}`, { as: 'responder', body: { targetPct: 98, windowDays: 7 } });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual([changed.body.targetPct, changed.body.window, changed.body.windowDays], [98, 'rolling', 7]);
      assert.equal((await t.call('PATCH', `/api/v1/slos/${slos.two}`, { as: 'viewer', body: { targetPct: 97 } })).status, 403);
      assert.equal((await t.call('PATCH', '/api/v1/slos/nope', { as: 'responder', body: { targetPct: 97 } })).status, 404);
      assert.equal((await t.call('DELETE', `/api/v1/slos/${slos.two}`, { as: 'responder' })).status, 403);
      const blocked = await t.call('DELETE', '/api/v1/services/api', { as: 'admin' });
      assert.equal(blocked.status, 409, 'a service measured by SLOs (and monitors) stays');
      assert.equal((await t.call('DELETE', `/api/v1/slos/${slos.two}`, { as: 'admin' })).status, 204);
      assert.equal((await t.call('GET', `/api/v1/slos/${slos.two}`, { as: 'viewer' })).status, 404);

      const audit = (await t.call('GET', '/api/v1/audit?targetType=slo&limit=50', { as: 'admin' })).body.items as any[];
      assert.deepEqual(audit.map((a) => a.action).sort(), ['slo.create', 'slo.create', 'slo.create', 'slo.delete', 'slo.update'].sort());
      const ofTwo = (await t.call('GET', `/api/v1/audit?targetType=slo&targetId=${slos.two}`, { as: 'admin' })).body.items as any[];
      assert.deepEqual(
        ofTwo.map((a) => a.action),
        ['slo.delete', 'slo.update', 'slo.create'],
      );
      assert.match(JSON.stringify(ofTwo[1]), /targetPct\\?":99.*targetPct\\?":98/, 'the update keeps before and after');
    });

    it('reports every SLO as JSON and CSV, filtered by service', async () => {
      const res = await t.call('GET', '/api/v1/reports/slos', { as: 'viewer' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.at, new Date(NOW).toISOString());
      assert.deepEqual(
        (res.body.items as any[]).map((i) => [i.name, i.serviceName, i.availabilityPct, i.budgetRemainingFraction]),
        [
          ['90% availability', 'Public API', 92.307692, 0.230769],
          ['Monthly', 'Public API', 92.248062, 0.52799],
        ],
      );
      assert.equal((await t.call('GET', '/api/v1/reports/slos?service=other', { as: 'viewer' })).body.items.length, 0);

      const csv = await t.call('GET', '/api/v1/reports/slos?format=csv', { as: 'viewer' });
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="fenghuo-slos.csv"');
      const lines = csv.text.split('\r\n');
      assert.equal(lines.length, 4, 'header, two SLOs, and the empty string after the last CRLF');
      assert.equal(
        lines[0],
        'sloId,name,serviceId,serviceName,targetPct,window,windowDays,windowStart,windowEnd,availabilityPct,goodChecks,totalChecks,' +
          'budgetMinutes,budgetSpentMinutes,budgetRemainingMinutes,budgetRemainingFraction,burnRate5m,burnRate30m,burnRate1h,burnRate6h,burnRate24h,fastBurn,slowBurn',
      );
      assert.equal(
        lines[1],
        `${slos.one},90% availability,api,Public API,90,rolling,28,2026-02-10T11:00:00.000Z,${new Date(NOW).toISOString()},92.307692,120,130,` +
          '4032,3101.538,930.462,0.230769,2,3.3333,1.5789,2.7586,1.6327,false,false',
      );
      assert.match(lines[2] as string, /,Monthly,api,Public API,95,calendar-month,,2026-03-01T00:00:00\.000Z,2026-04-01T00:00:00\.000Z,/);
      const viaAccept = await t.call('GET', '/api/v1/reports/slos', { as: 'viewer', headers: { accept: 'text/csv' } });
      assert.equal(viaAccept.text, csv.text);

      for (const [query, field] of [
        ['format=xml', 'querystring.format'],
        ['service=Bad%20Slug', 'querystring.service'],
        ['from=2026-01-01', 'querystring.from'],
      ]) {
        const bad = await t.call('GET', `/api/v1/reports/slos?${query}`, { as: 'viewer' });
        assert.equal(bad.status, 400, query);
        assert.deepEqual(fields(bad), [field], query);
      }
      assert.equal((await t.call('GET', '/api/v1/reports/slos', { as: null })).status, 401);
    });
  });
}
