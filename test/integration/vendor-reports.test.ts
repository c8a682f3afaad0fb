import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../src/operations/context.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON */

const at = (s: string) => Date.parse(s);
// A nullable field's schema is a union: its issue may be reported once per branch.
const fields = (res: { body: any }) => [...new Set(((res.body.error?.details ?? []) as Array<{ field: string }>).map((d) => d.field))];
const NOC = { name: 'IDC NOC', role: '24×7', email: 'noc@idc.example', phone: '+86 20 1234 5678' };

for (const dialect of DIALECTS) {
  describe(`vendors: contacts, SLA and the vendor report (${dialect})`, () => {
    let t: TestApp;
    let now = at('2025-06-01T00:00:00Z');
    const clock: Clock = { now: () => now };
    const open = async (startedAt: string, services: string[], impact: string, drill = false) => {
      const res = await t.call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: `${services.join('+')} ${impact}`, services, impact, startedAt, drill },
      });
      assert.equal(res.status, 201, res.text);
      return res.body.id as string;
    };
    const act = async (id: string, action: 'mitigate' | 'resolve', when: string) => {
      now = at(when);
      assert.equal((await t.call('POST', `/api/v1/incidents/${id}/${action}`, { as: 'responder' })).status, 200);
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      const catalog = [
        { id: 'gz-dc1', name: 'GZ DC 1', kind: 'facility', userFacing: false },
        { id: 'idc-op', name: 'IDC operator', kind: 'vendor', contacts: [NOC], contractedSlaPct: 99.9 },
        { id: 'cloud', name: 'Cloud, Inc.', kind: 'vendor' },
        { id: 'cdn-vendor', name: 'CDN', kind: 'vendor', dependsOn: ['gz-dc1'] },
        { id: 'pay', name: 'Payments', payment: true, dependsOn: ['idc-op'] },
      ];
      for (const body of catalog) {
        const res = await t.call('POST', '/api/v1/services', { as: 'responder', body });
        assert.equal(res.status, 201, res.text);
      }
      // 1: idc-op outage 00:00–00:30 (mitigated), resolved 01:00. 2: idc-op and cloud outage 00:10–00:50.
      const i1 = await open('2025-06-01T00:00:00Z', ['idc-op'], 'outage');
      now = at('2025-06-01T00:10:00Z');
      const i2 = await open('2025-06-01T00:10:00Z', ['idc-op', 'cloud'], 'outage');
      await act(i1, 'mitigate', '2025-06-01T00:30:00Z');
      await act(i2, 'mitigate', '2025-06-01T00:50:00Z');
      await act(i1, 'resolve', '2025-06-01T01:00:00Z');
      // 3: idc-op degraded: attributed, no outage minutes. 4: pay (which depends on idc-op): not idc-op's.
      now = at('2025-06-02T00:00:00Z');
      await act(await open('2025-06-02T00:00:00Z', ['idc-op'], 'degraded'), 'resolve', '2025-06-02T00:20:00Z');
      now = at('2025-06-02T05:00:00Z');
      await act(await open('2025-06-02T05:00:00Z', ['pay'], 'outage'), 'resolve', '2025-06-02T05:10:00Z');
      // 5: the facility under cdn-vendor: the CDN is reached through the catalog (not named), 15 minutes.
      now = at('2025-06-03T00:00:00Z');
      await act(await open('2025-06-03T00:00:00Z', ['gz-dc1'], 'outage'), 'resolve', '2025-06-03T00:15:00Z');
      // 6: a drill, and 7: an outage started before the range: neither counts.
      now = at('2025-06-04T00:00:00Z');
      await open('2025-06-04T00:00:00Z', ['idc-op'], 'outage', true);
      now = at('2025-06-04T01:00:00Z');
      await open('2025-05-31T23:00:00Z', ['idc-op'], 'outage');
      // 8: cloud outage still open: counts to now (01:00), 60 minutes.
      now = at('2025-06-05T00:00:00Z');
      await open('2025-06-05T00:00:00Z', ['cloud'], 'outage');
      now = at('2025-06-05T01:00:00Z');
      // idc-op's own monitor: 199 good checks and 1 bad = 99.5 %, under the 99.9 % contracted.
      const monitor = await t.call('POST', '/api/v1/monitors', {
        body: { name: 'idc ping', serviceId: 'idc-op', kind: 'tcp', config: { host: '127.0.0.1', port: 9 } },
      });
      assert.equal(monitor.status, 201, monitor.text);
      await t.monitors.write(
        Array.from({ length: 200 }, (_, i) => ({
          monitorId: monitor.body.monitor.id as string,
          location: 'local',
          at: at('2025-06-01T12:00:00Z') + i * 1_000,
          status: i === 199 ? ('down' as const) : ('up' as const),
          latencyMs: 3,
          error: i === 199 ? 'refused' : null,
        })),
      );
    });
    after(() => t.close());

    it('keeps a vendor’s contacts and contracted SLA, and names a bad one', async () => {
      const got = (await t.call('GET', '/api/v1/services/idc-op', { as: 'viewer' })).body;
      assert.deepEqual([got.contacts, got.contractedSlaPct], [[NOC], 99.9]);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ contacts: [{ name: 'NOC' }] }, 'contacts[0]'],
        [{ contacts: [NOC, { name: 'x', email: 'not-mail' }] }, 'body.contacts[1].email'],
        [{ contacts: [{ name: 'x', phone: 'call me' }] }, 'body.contacts[0].phone'],
        [{ contacts: [{ name: '', email: 'a@b.example' }] }, 'body.contacts[0].name'],
        [{ contacts: [{ name: 'x', email: 'a@b.example', pager: '1' }] }, 'body.contacts[0].pager'],
        [{ contractedSlaPct: 100.5 }, 'body.contractedSlaPct'],
        [{ contractedSlaPct: 0 }, 'body.contractedSlaPct'],
      ];
      for (const [body, field] of cases) {
        const res = await t.call('PATCH', '/api/v1/services/idc-op', { as: 'responder', body });
        assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
        assert.deepEqual(fields(res), [field], JSON.stringify(body));
      }
      assert.equal((await t.call('PATCH', '/api/v1/services/idc-op', { as: 'viewer', body: { contractedSlaPct: 99 } })).status, 403);
      const sales = { name: 'Account manager', email: 'am@idc.example' };
      const changed = await t.call('PATCH', '/api/v1/services/idc-op', { as: 'responder', body: { contacts: [NOC, sales] } });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(changed.body.contacts, [NOC, { ...sales, role: null, phone: null }]);
      const audit = (await t.call('GET', '/api/v1/audit?targetType=service&targetId=idc-op')).body.items as any[];
      assert.deepEqual(
        audit.map((a) => a.action),
        ['service.update', 'service.create'],
        'the refused changes wrote nothing',
      );
      assert.match(JSON.stringify(audit[0]), /Account manager/);
    });

    it('attributes incidents per vendor, adds outage minutes once, and measures availability against the SLA', async () => {
      const res = await t.call('GET', '/api/v1/reports/vendors?from=2025-06-01&to=2025-07-01', { as: 'viewer' });
      assert.equal(res.status, 200, res.text);
      const { vendors, ...rest } = res.body;
      assert.deepEqual(rest, { from: '2025-06-01T00:00:00.000Z', to: '2025-07-01T00:00:00.000Z', timeZone: 'UTC' });
      const summary = (vendors as any[]).map((v) => [
        v.serviceId,
        v.incidentCount,
        v.directCount,
        v.outageMinutes,
        v.measuredAvailabilityPct,
        v.totalChecks,
        v.contractedSlaPct,
        v.slaMet,
        v.incidents.map((i: any) => [i.number, i.direct]),
      ]);
      assert.deepEqual(summary, [
        ['cdn-vendor', 1, 0, 15, null, 0, null, null, [[5, false]]],
        [
          'cloud',
          2,
          2,
          100,
          null,
          0,
          null,
          null,
          [
            [2, true],
            [8, true],
          ],
        ],
        [
          'idc-op',
          3,
          3,
          50,
          99.5,
          200,
          99.9,
          false,
          [
            [1, true],
            [2, true],
            [3, true],
          ],
        ],
      ]);
      const idc = (vendors as any[]).find((v) => v.serviceId === 'idc-op');
      assert.equal(idc.contacts.length, 2);
      assert.deepEqual(idc.incidents[0], {
        id: idc.incidents[0].id,
        number: 1,
        title: 'idc-op outage',
        level: idc.incidents[0].level,
        direct: true,
        startedAt: '2025-06-01T00:00:00.000Z',
        mitigatedAt: '2025-06-01T00:30:00.000Z',
        resolvedAt: '2025-06-01T01:00:00.000Z',
      });
    });

    it('answers CSV, and 400s naming the parameter', async () => {
      const csv = await t.call('GET', '/api/v1/reports/vendors?from=2025-06-01&to=2025-07-01&format=csv', { as: 'viewer' });
      assert.equal(csv.status, 200);
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="fenghuo-vendors.csv"');
      assert.equal(
        csv.text,
        'serviceId,name,contractedSlaPct,measuredAvailabilityPct,totalChecks,slaMet,incidentCount,directCount,outageMinutes,incidentNumbers\r\n' +
          'cdn-vendor,CDN,,,0,,1,0,15,5\r\n' +
          'cloud,"Cloud, Inc.",,,0,,2,2,100,2 8\r\n' +
          'idc-op,IDC operator,99.9,99.5,200,false,3,3,50,1 2 3\r\n',
      );
      for (const [query, field] of [
        ['from=2025-02-30', 'querystring.from'],
        ['from=2025-06-01&to=2025-05-01', 'querystring.to'],
        ['format=xml', 'querystring.format'],
        ['groupBy=level', 'querystring.groupBy'],
        ['tz=Mars/Base', 'querystring.tz'],
      ]) {
        const bad = await t.call('GET', `/api/v1/reports/vendors?${query}`, { as: 'viewer' });
        assert.equal(bad.status, 400, `${query}: ${bad.text}`);
        assert.deepEqual(fields(bad), [field], query);
      }
      assert.equal((await t.call('GET', '/api/v1/reports/vendors', { as: null })).status, 401);
    });
  });
}
