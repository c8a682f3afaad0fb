import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../src/operations/context.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const METRICS = '/api/v1/reports/metrics';
const COUNTS = '/api/v1/reports/incident-counts';

for (const dialect of DIALECTS) {
  describe(`reports: bad input, access, incident times in order (${dialect})`, () => {
    let t: TestApp;
    let now = Date.parse('2025-06-10T12:00:00Z');
    const clock: Clock = { now: () => now };
    before(async () => {
      t = await startTestApp(dialect, { clock });
      assert.equal((await t.call('POST', '/api/v1/services', { body: { id: 'chat', name: 'Chat', critical: true } })).status, 201);
    });
    after(() => t.close());

    const cases: Array<[string, string, string]> = [
      ['a date-time that is not one', `${METRICS}?from=yesterday`, 'querystring.from'],
      ['a date that does not exist', `${METRICS}?from=2025-01-01&to=2025-02-30`, 'querystring.to'],
      ['to before from', `${METRICS}?from=2025-06-01&to=2025-05-01`, 'querystring.to'],
      ['to equal to from', `${METRICS}?from=2025-06-01T00:00:00Z&to=2025-06-01T00:00:00Z`, 'querystring.to'],
      ['from after now, without to', `${METRICS}?from=2025-07-01`, 'querystring.from'],
      ['a range over two years', `${METRICS}?from=2023-06-01&to=2025-06-03`, 'querystring.to'],
      ['an unknown groupBy', `${METRICS}?groupBy=quarter`, 'querystring.groupBy'],
      ['an unknown time zone', `${METRICS}?tz=Mars/Olympus_Mons`, 'querystring.tz'],
      ['an offset instead of a zone', `${METRICS}?tz=%2B08:00`, 'querystring.tz'],
      ['a level that is not 1–4', `${METRICS}?level=5`, 'querystring.level'],
      ['an unknown format', `${METRICS}?format=xlsx`, 'querystring.format'],
      ['an unknown drill value', `${METRICS}?drill=yes`, 'querystring.drill'],
      ['an unknown parameter', `${METRICS}?groupby=level`, 'querystring.groupby'],
      ['a bad service id', `${METRICS}?service=Not%20A%20Slug`, 'querystring.service'],
      ['an unknown interval', `${COUNTS}?interval=year`, 'querystring.interval'],
      ['counts: to before from', `${COUNTS}?from=2025-06-01&to=2025-05-01`, 'querystring.to'],
      ['counts: a range over two years', `${COUNTS}?from=2020-01-01&to=2025-01-01&interval=month`, 'querystring.to'],
    ];
    for (const [name, url, field] of cases) {
      it(`${name} → 400 naming ${field}`, async () => {
        const res = await t.call('GET', url, { as: 'viewer' });
        assert.equal(res.status, 400, res.text);
        assert.equal(res.body.error.code, 'invalid_request');
        const fields = (res.body.error.details ?? []).map((d: { field: string }) => d.field);
        assert.ok(fields.includes(field), `${field} not named in ${res.text}`);
      });
    }

    it('accepts exactly two years (731 days) and dates with a time zone', async () => {
      const res = await t.call('GET', `${METRICS}?from=2023-06-01&to=2025-06-01`, { as: 'viewer' });
      assert.equal(res.status, 200, res.text);
      const zoned = await t.call('GET', `${METRICS}?from=2025-06-01T08:00:00%2B08:00&to=2025-06-02`, { as: 'viewer' });
      assert.equal(zoned.body.from, '2025-06-01T00:00:00.000Z');
    });

    for (const url of [METRICS, COUNTS]) {
      it(`${url}: 401 without or with a wrong token; every role may read (viewer is the least)`, async () => {
        for (const as of [null, { token: 'fh_not-a-real-token' }]) {
          const res = await t.call('GET', url, { as });
          assert.equal(res.status, 401);
          assert.equal(res.body.error.code, 'unauthenticated');
        }
        const csv = await t.call('GET', `${url}?format=csv`, { as: null });
        assert.equal(csv.status, 401, 'CSV is no way around authentication');
        for (const role of ['viewer', 'responder', 'admin'] as const) assert.equal((await t.call('GET', url, { as: role })).status, 200);
      });
    }

    it('documents both reports in the OpenAPI document, as JSON and CSV', async () => {
      const res = await t.call('GET', '/api/v1/openapi.json', { as: null });
      const metrics = res.body.paths['/api/v1/reports/metrics'].get;
      const content = metrics.responses['200'].content;
      assert.deepEqual(Object.keys(content).sort(), ['application/json', 'text/csv']);
      assert.ok(content['application/json'].schema.properties.overall.properties.mttaSeconds);
      assert.ok(metrics.parameters.some((p: { name: string }) => p.name === 'groupBy'));
      assert.ok(res.body.paths['/api/v1/reports/incident-counts'].get.responses['200'].content['text/csv']);
    });

    it('rejects a startedAt after detection even once acknowledged (400 naming startedAt), and accepts an earlier one', async () => {
      const created = await t.call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'Chat slow', services: ['chat'], impact: 'degraded' },
      });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      now += 120_000;
      assert.equal((await t.call('POST', `/api/v1/incidents/${id}/acknowledge`, { as: 'responder' })).status, 200);
      // After detection but before the acknowledgement: MTTD would be negative.
      const late = await t.call('PATCH', `/api/v1/incidents/${id}`, { as: 'responder', body: { startedAt: '2025-06-10T12:01:00Z' } });
      assert.equal(late.status, 400, late.text);
      assert.deepEqual(late.body.error.details, [
        { field: 'startedAt', message: 'must be at or before createdAt (2025-06-10T12:00:00.000Z)' },
      ]);
      const atDetection = await t.call('PATCH', `/api/v1/incidents/${id}`, {
        as: 'responder',
        body: { startedAt: '2025-06-10T12:00:00Z' },
      });
      assert.equal(atDetection.status, 200, atDetection.text);
      const earlier = await t.call('PATCH', `/api/v1/incidents/${id}`, { as: 'responder', body: { startedAt: '2025-06-10T11:50:00Z' } });
      assert.equal(earlier.status, 200, earlier.text);
      assert.equal(earlier.body.startedAt, '2025-06-10T11:50:00.000Z');
      // The report measures from the new start: detected 600 s and acknowledged 720 s after it.
      const report = await t.call('GET', `${METRICS}?from=2025-06-10&to=2025-06-11`, { as: 'viewer' });
      assert.equal(report.body.overall.mttdSeconds, 600);
      assert.equal(report.body.overall.mttaSeconds, 720);
    });

    it('rejects a startedAt later than now when opening (400 naming startedAt)', async () => {
      const body = { title: 'From the future', services: ['chat'], impact: 'degraded', startedAt: '2025-06-11T00:00:00Z' };
      const res = await t.call('POST', '/api/v1/incidents', { as: 'responder', body });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.details[0].field, 'startedAt');
    });
  });
}
