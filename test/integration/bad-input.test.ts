import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`bad input gets a clear 4xx and changes nothing (${dialect})`, () => {
    let t: TestApp;
    let incidentId: string;
    const counts = async () => ({
      incidents: (await t.call('GET', '/api/v1/incidents?limit=200')).body.items.length,
      services: (await t.call('GET', '/api/v1/services?limit=200')).body.items.length,
      audit: (await t.call('GET', '/api/v1/audit?limit=500')).body.items.length,
    });

    before(async () => {
      t = await startTestApp(dialect, { bodyLimitBytes: 64 * 1024 });
      await t.call('POST', '/api/v1/services', { body: { id: 'api', name: 'API', critical: true } });
      incidentId = (await t.call('POST', '/api/v1/incidents', { body: { title: 'x', services: ['api'], impact: 'degraded' } })).body.id;
    });
    after(() => t.close());

    const cases: Array<{
      name: string;
      method: string;
      url: string;
      body?: unknown;
      raw?: string | Buffer;
      type?: string;
      status: number;
      code: string;
      field?: string;
    }> = [
      {
        name: 'malformed JSON',
        method: 'POST',
        url: '/api/v1/incidents',
        raw: '{"title": "x",',
        type: 'application/json',
        status: 400,
        code: 'invalid_json',
      },
      {
        name: 'empty JSON body',
        method: 'POST',
        url: '/api/v1/services',
        raw: '',
        type: 'application/json',
        status: 400,
        code: 'invalid_json',
      },
      {
        name: 'JSON array instead of object',
        method: 'POST',
        url: '/api/v1/services',
        body: [1, 2],
        status: 400,
        code: 'invalid_request',
        field: 'body',
      },
      {
        name: 'wrong type',
        method: 'POST',
        url: '/api/v1/services',
        body: { id: 'x', name: 'X', critical: 'yes' },
        status: 400,
        code: 'invalid_request',
        field: 'body.critical',
      },
      {
        name: 'number as string is not coerced',
        method: 'POST',
        url: '/api/v1/services',
        body: { id: 'x', name: 'X', rtoMinutes: '30' },
        status: 400,
        code: 'invalid_request',
        field: 'body.rtoMinutes',
      },
      {
        name: 'missing required field',
        method: 'POST',
        url: '/api/v1/services',
        body: { id: 'x' },
        status: 400,
        code: 'invalid_request',
        field: 'body.name',
      },
      {
        name: 'unknown field',
        method: 'POST',
        url: '/api/v1/incidents',
        body: { title: 't', services: ['api'], impact: 'outage', severity: 'P1' },
        status: 400,
        code: 'invalid_request',
        field: 'body.severity',
      },
      {
        name: 'unknown impact',
        method: 'POST',
        url: '/api/v1/incidents',
        body: { title: 't', services: ['api'], impact: 'meltdown' },
        status: 400,
        code: 'invalid_request',
        field: 'body.impact',
      },
      {
        name: 'out-of-range pct',
        method: 'POST',
        url: '/api/v1/grade',
        body: { services: ['api'], impact: 'outage', usersAffectedPct: 101 },
        status: 400,
        code: 'invalid_request',
        field: 'body.usersAffectedPct',
      },
      {
        name: 'incident without services',
        method: 'POST',
        url: '/api/v1/incidents',
        body: { title: 't' },
        status: 400,
        code: 'invalid_request',
        field: 'services',
      },
      {
        name: 'unknown service',
        method: 'POST',
        url: '/api/v1/incidents',
        body: { title: 't', services: ['ghost'], impact: 'outage' },
        status: 400,
        code: 'unknown_service',
        field: 'services[0]',
      },
      {
        name: 'future startedAt',
        method: 'POST',
        url: '/api/v1/incidents',
        body: { title: 't', services: ['api'], impact: 'outage', startedAt: '2999-01-01T00:00:00Z' },
        status: 400,
        code: 'invalid_request',
        field: 'startedAt',
      },
      {
        name: 'bad level',
        method: 'POST',
        url: '/api/v1/incidents/1/level',
        body: { level: 0 },
        status: 400,
        code: 'invalid_request',
        field: 'body.level',
      },
      {
        name: 'text/plain body',
        method: 'POST',
        url: '/api/v1/services',
        raw: 'id=x',
        type: 'text/plain',
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        name: 'form body',
        method: 'POST',
        url: '/api/v1/services',
        raw: 'id=x&name=y',
        type: 'application/x-www-form-urlencoded',
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        name: 'oversized body',
        method: 'POST',
        url: '/api/v1/services',
        raw: JSON.stringify({ id: 'big', name: 'x'.repeat(70 * 1024) }),
        type: 'application/json',
        status: 413,
        code: 'payload_too_large',
      },
      {
        name: 'unknown query parameter',
        method: 'GET',
        url: '/api/v1/incidents?sevrity=1',
        status: 400,
        code: 'invalid_request',
        field: 'querystring.sevrity',
      },
      {
        name: 'bad status filter',
        method: 'GET',
        url: '/api/v1/incidents?status=exploded',
        status: 400,
        code: 'invalid_request',
        field: 'querystring.status',
      },
      {
        name: 'bad level filter',
        method: 'GET',
        url: '/api/v1/incidents?level=9',
        status: 400,
        code: 'invalid_request',
        field: 'querystring.level',
      },
      {
        name: 'forged cursor',
        method: 'GET',
        url: '/api/v1/incidents?cursor=bm90LWEtY3Vyc29y',
        status: 400,
        code: 'invalid_request',
        field: 'querystring.cursor',
      },
      {
        name: 'limit too large',
        method: 'GET',
        url: '/api/v1/incidents?limit=100000',
        status: 400,
        code: 'invalid_request',
        field: 'querystring.limit',
      },
      { name: 'unknown incident', method: 'POST', url: '/api/v1/incidents/424242/acknowledge', status: 404, code: 'not_found' },
      { name: 'unknown service id', method: 'PATCH', url: '/api/v1/services/ghost', body: { name: 'x' }, status: 404, code: 'not_found' },
      { name: 'unknown route', method: 'GET', url: '/api/v1/nothing-here', status: 404, code: 'not_found' },
      {
        name: 'bad response-profile level',
        method: 'PUT',
        url: '/api/v1/response-profiles/7',
        body: {},
        status: 400,
        code: 'invalid_request',
        field: 'params.level',
      },
    ];

    for (const c of cases) {
      it(`${c.name} → ${c.status} ${c.code}`, async () => {
        const before = await counts();
        const res = await t.call(c.method, c.url, {
          body: c.body,
          rawBody: c.raw,
          headers: c.type ? { 'content-type': c.type } : {},
        });
        assert.equal(res.status, c.status, res.text);
        assert.equal(res.body.error.code, c.code, res.text);
        assert.equal(typeof res.body.error.message, 'string');
        assert.ok(res.body.error.message.length > 0);
        if (c.field) {
          const fields = (res.body.error.details ?? []).map((d: { field: string }) => d.field);
          assert.ok(fields.includes(c.field) || res.body.error.message.includes(c.field), `${c.field} not named in ${res.text}`);
        }
        assert.deepEqual(await counts(), before);
      });
    }

    it('an illegal transition after a legal one leaves the incident as it was', async () => {
      assert.equal((await t.call('POST', `/api/v1/incidents/${incidentId}/acknowledge`)).status, 200);
      const snapshot = (await t.call('GET', `/api/v1/incidents/${incidentId}`)).body;
      assert.equal((await t.call('POST', `/api/v1/incidents/${incidentId}/acknowledge`)).status, 409);
      assert.deepEqual((await t.call('GET', `/api/v1/incidents/${incidentId}`)).body, snapshot);
    });

    it('keeps serving, with a request id and nosniff on every answer', async () => {
      const res = await t.call('GET', '/healthz', { as: null });
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['x-request-id']);
    });
  });
}
