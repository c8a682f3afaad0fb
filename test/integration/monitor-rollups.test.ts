import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../src/operations/context.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2026, 10, 20);

for (const dialect of DIALECTS) {
  describe(`monitor rollups, bars and retention (${dialect})`, () => {
    let t: TestApp;
    let now = D0 + 9 * HOUR - 60_000;
    const clock: Clock = { now: () => now };
    let id = '';
    const result = (at: number, status: 'up' | 'down', latencyMs: number | null) => ({
      monitorId: id,
      location: 'local',
      at,
      status,
      latencyMs,
      error: status === 'down' ? 'connection refused' : null,
    });

    before(async () => {
      t = await startTestApp(dialect, { clock });
      await t.call('POST', '/api/v1/services', { body: { id: 'api', name: 'API' } });
      const created = await t.call('POST', '/api/v1/monitors', {
        body: { name: 'api', serviceId: 'api', kind: 'tcp', config: { host: '127.0.0.1', port: 9 } },
      });
      assert.equal(created.status, 201, created.text);
      id = created.body.monitor.id;
      // Yesterday, 03:00–04:00: 3 up and 1 down.
      await t.monitors.write([
        result(D0 - DAY + 3 * HOUR + 1_000, 'up', 5),
        result(D0 - DAY + 3 * HOUR + 2_000, 'up', 5),
        result(D0 - DAY + 3 * HOUR + 3_000, 'up', 5),
        result(D0 - DAY + 3 * HOUR + 4_000, 'down', null),
      ]);
      // Today, 08:00–09:00: ten checks of 10, 20 … 100 ms, in two minutes.
      await t.monitors.write(Array.from({ length: 10 }, (_, i) => result(D0 + 8 * HOUR + i * 10_000, 'up', (i + 1) * 10)));
    });
    after(() => t.close());

    it('counts every result into its minute, hour and day as it arrives', async () => {
      const minutes = (await t.call('GET', `/api/v1/monitors/${id}/rollups?grain=minute&from=${new Date(D0).toISOString()}`)).body
        .items as any[];
      assert.deepEqual(
        minutes.map((m) => [m.start, m.up]),
        [
          [new Date(D0 + 8 * HOUR).toISOString(), 6],
          [new Date(D0 + 8 * HOUR + 60_000).toISOString(), 4],
        ],
      );
      const days = (await t.call('GET', `/api/v1/monitors/${id}/rollups?grain=day`)).body.items as any[];
      assert.deepEqual(
        days.map((d) => [d.start, d.up, d.down, d.uptimePct]),
        [
          [new Date(D0 - DAY).toISOString(), 3, 1, 75],
          [new Date(D0).toISOString(), 10, 0, 100],
        ],
      );
      assert.equal(days[1].latencyMeanMs, 55);
    });

    it('sets an hour’s percentiles from its raw results once it is over', async () => {
      now = D0 + 10 * HOUR;
      await t.monitors.maintain();
      const hours = (await t.call('GET', `/api/v1/monitors/${id}/rollups?grain=hour&from=${new Date(D0).toISOString()}`)).body
        .items as any[];
      assert.equal(hours.length, 1);
      assert.deepEqual([hours[0].p50, hours[0].p95, hours[0].p99], [50, 100, 100]);
      const monitor = (await t.call('GET', `/api/v1/monitors/${id}`)).body;
      assert.equal(monitor.uptime90d.length, 90);
      assert.equal(monitor.uptime90d[88], 75, 'yesterday in the bars');
      assert.equal(monitor.uptime90d[89], 100, 'today from the live counts');
      const listed = (await t.call('GET', '/api/v1/monitors')).body.items[0];
      assert.deepEqual(listed.uptime90d, monitor.uptime90d, 'the list shows the same bars');
    });

    it('after midnight: day percentiles from the hours, bars moved on a day, old raw results pruned', async () => {
      now = D0 + DAY + 10 * 60_000;
      const listed = (await t.call('GET', '/api/v1/monitors')).body.items[0];
      // Before the daily job has run, the saved bars shift by the day that passed (which shows as not yet known).
      assert.equal(listed.uptime90d[87], 75);
      assert.equal(listed.uptime90d[88], null);
      assert.equal(listed.uptime90d[89], null, 'nothing checked yet today');
      await t.monitors.maintain();
      const days = (await t.call('GET', `/api/v1/monitors/${id}/rollups?grain=day`)).body.items as any[];
      assert.deepEqual([days[1].p50, days[1].p95], [50, 100]);
      const monitor = (await t.call('GET', `/api/v1/monitors/${id}`)).body;
      assert.deepEqual(monitor.uptime90d.slice(86), [null, 75, 100, null]);
      const results = (await t.call('GET', `/api/v1/monitors/${id}/results?limit=100`)).body.items as any[];
      assert.equal(results.length, 10, 'yesterday’s raw results are past the 24 h retention; today’s remain');
      assert.ok(results.every((r) => Date.parse(r.at) >= D0));
    });
  });
}
