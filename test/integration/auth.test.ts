import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Role } from '../../src/domain/actor.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ROLE_RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };
const concrete = (url: string) => url.replace(':level', '1').replace(/:[a-z]+/gi, 'x-1');

for (const dialect of DIALECTS) {
  describe(`authentication and roles (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('declares access on every route and keeps only the intended ones public', () => {
      const publicRoutes = t.routes
        .filter((r) => r.access === 'public')
        .map((r) => `${r.method} ${r.url}`)
        .sort();
      assert.deepEqual(publicRoutes, [
        // Public status pages, by slug or on a custom domain mapped by the Host header.
        'GET /',
        'GET /api/v1/openapi.json',
        // Calendar apps cannot send headers: a signed token in the query is the credential.
        'GET /api/v1/schedules/:id/feed.ics',
        'GET /api/v1/users/:id/oncall.ics',
        // The operator console's hashed assets (its shell is the not-found answer to a browser): no data.
        'GET /assets/*',
        'GET /badge.svg',
        'GET /feed.atom',
        'GET /feed.rss',
        'GET /healthz',
        'GET /metrics',
        'GET /readyz',
        // Acknowledge/resolve links in pages: the signed, expiring token in the path is the credential.
        'GET /respond/ack/:token',
        'GET /respond/resolve/:token',
        'GET /status/:slug',
        'GET /status/:slug/badge.svg',
        'GET /status/:slug/feed.atom',
        'GET /status/:slug/feed.rss',
        // Status-page subscriptions: a signed token in the query is the credential; signing up needs none.
        'GET /status/:slug/subscriptions/confirm',
        'GET /status/:slug/subscriptions/unsubscribe',
        'GET /status/:slug/summary.json',
        'GET /summary.json',
        'POST /api/v1/auth/login',
        'POST /respond/ack/:token',
        'POST /respond/resolve/:token',
        'POST /status/:slug/subscribe',
        'POST /status/:slug/subscriptions/confirm',
        'POST /status/:slug/subscriptions/unsubscribe',
      ]);
      assert.ok(t.routes.length >= 30, `only ${t.routes.length} routes`);
    });

    it('answers 401 without or with wrong credentials and 403 for a weaker role, on every non-public route', async () => {
      const checked: string[] = [];
      for (const route of t.routes) {
        if (route.access === 'public' || route.access === 'integration') continue;
        const url = concrete(route.url);
        const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
        const none = await t.call(route.method, url, { as: null, body });
        assert.equal(none.status, 401, `${route.method} ${route.url} without credentials: ${none.text}`);
        assert.equal(none.body.error.code, 'unauthenticated');
        assert.match(String(none.headers['www-authenticate']), /Bearer/);
        const wrong = await t.call(route.method, url, { as: { token: 'fh_not-a-real-token' }, body });
        assert.equal(wrong.status, 401, `${route.method} ${route.url} with a wrong token`);
        const malformed = await t.call(route.method, url, { as: null, body, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
        assert.equal(malformed.status, 401, `${route.method} ${route.url} with Basic auth`);
        for (const role of ['viewer', 'responder'] as const) {
          if (ROLE_RANK[role] >= ROLE_RANK[route.access]) continue;
          const weak = await t.call(route.method, url, { as: role, body });
          assert.equal(weak.status, 403, `${route.method} ${route.url} as ${role}: ${weak.text}`);
          assert.equal(weak.body.error.code, 'forbidden');
        }
        checked.push(`${route.method} ${route.url}`);
      }
      assert.ok(checked.length >= 25);
    });

    it('creates, lists and revokes API tokens; a revoked token stops working', async () => {
      const created = await t.call('POST', '/api/v1/tokens', { body: { name: 'grafana', role: 'viewer' } });
      assert.equal(created.status, 201);
      assert.match(created.body.token, /^fh_[A-Za-z0-9_-]{40,}$/);
      const token = created.body.token as string;
      assert.equal((await t.call('GET', '/api/v1/incidents', { as: { token } })).status, 200);
      const listed = await t.call('GET', '/api/v1/tokens');
      const row = listed.body.items.find((x: { id: string }) => x.id === created.body.id);
      assert.equal(row.token, undefined, 'the secret is never listed');
      assert.equal(row.prefix, token.slice(0, 8));
      assert.equal((await t.call('DELETE', `/api/v1/tokens/${created.body.id}`)).status, 200);
      assert.equal((await t.call('GET', '/api/v1/incidents', { as: { token } })).status, 401);
      assert.equal((await t.call('DELETE', `/api/v1/tokens/${created.body.id}`)).status, 409);
    });

    it('stores token and password secrets only as hashes', async () => {
      await t.call('POST', '/api/v1/users', {
        body: { email: 'hash@example.com', name: 'H', role: 'viewer', password: 'correct horse battery' },
      });
      const users = await sql<{ password_hash: string }>`select password_hash from users where email = 'hash@example.com'`.execute(
        t.deps.store.db,
      );
      const hash = users.rows[0]?.password_hash ?? '';
      assert.match(hash, /^scrypt\$/);
      assert.ok(!hash.includes('correct horse'));
      const tokens = await sql<{ token_hash: string }>`select token_hash from api_tokens`.execute(t.deps.store.db);
      for (const role of ['admin', 'responder', 'viewer'] as const) {
        assert.ok(!tokens.rows.some((r) => r.token_hash === t.tokens[role]), 'plain token stored');
        assert.ok(tokens.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash)));
      }
    });

    it('signs in with a password into an HttpOnly SameSite cookie session, and signs out', async () => {
      const created = await t.call('POST', '/api/v1/users', {
        body: {
          email: 'Oncall@Example.com',
          name: 'On Call',
          role: 'responder',
          password: 'pager-duty-42',
          locale: 'en',
          timeZone: 'Europe/Berlin',
        },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.email, 'oncall@example.com');
      assert.equal(created.body.passwordHash, undefined);
      const wrong = await t.call('POST', '/api/v1/auth/login', { as: null, body: { email: 'oncall@example.com', password: 'nope-nope' } });
      assert.equal(wrong.status, 401);
      const nobody = await t.call('POST', '/api/v1/auth/login', { as: null, body: { email: 'ghost@example.com', password: 'nope-nope' } });
      assert.deepEqual(nobody.body, wrong.body, 'unknown e-mail and wrong password look the same');
      const login = await t.call('POST', '/api/v1/auth/login', {
        as: null,
        body: { email: 'ONCALL@example.com', password: 'pager-duty-42' },
      });
      assert.equal(login.status, 200, login.text);
      const setCookie = String(login.headers['set-cookie']);
      assert.match(setCookie, /fenghuo_session=fhs_/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      const cookie = setCookie.split(';')[0] ?? '';
      const me = await t.call('GET', '/api/v1/auth/me', { as: null, headers: { cookie } });
      assert.equal(me.status, 200);
      assert.equal(me.body.role, 'responder');
      // Their own settings, which a responder could not read from GET /users/{id}.
      assert.equal(me.body.timeZone, 'Europe/Berlin');
      assert.equal(me.body.locale, 'en');
      const write = await t.call('POST', '/api/v1/services', {
        as: null,
        headers: { cookie, origin: 'http://localhost:80' },
        body: { id: 'from-cookie', name: 'x' },
      });
      assert.equal(write.status, 201, write.text);
      const crossSite = await t.call('POST', '/api/v1/services', {
        as: null,
        headers: { cookie, origin: 'https://evil.example' },
        body: { id: 'evil', name: 'x' },
      });
      assert.equal(crossSite.status, 403);
      const adminOnly = await t.call('GET', '/api/v1/users', { as: null, headers: { cookie } });
      assert.equal(adminOnly.status, 403);
      assert.equal((await t.call('POST', '/api/v1/auth/logout', { as: null, headers: { cookie } })).status, 204);
      assert.equal((await t.call('GET', '/api/v1/auth/me', { as: null, headers: { cookie } })).status, 401);
    });

    it('ends sessions when a user is disabled, and a disabled user cannot sign in', async () => {
      const user = await t.call('POST', '/api/v1/users', {
        body: { email: 'leaver@example.com', name: 'Leaver', role: 'viewer', password: 'leaving-soon' },
      });
      const login = await t.call('POST', '/api/v1/auth/login', {
        as: null,
        body: { email: 'leaver@example.com', password: 'leaving-soon' },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      assert.equal((await t.call('GET', '/api/v1/auth/me', { as: null, headers: { cookie } })).status, 200);
      const disabled = await t.call('DELETE', `/api/v1/users/${user.body.id}`);
      assert.equal(disabled.status, 200);
      assert.equal(disabled.body.disabled, true);
      assert.equal((await t.call('GET', '/api/v1/auth/me', { as: null, headers: { cookie } })).status, 401);
      const again = await t.call('POST', '/api/v1/auth/login', {
        as: null,
        body: { email: 'leaver@example.com', password: 'leaving-soon' },
      });
      assert.equal(again.status, 401);
      const audit = await t.call('GET', `/api/v1/audit?targetType=user&targetId=${user.body.id}`);
      assert.ok(audit.body.items.some((a: { action: string }) => a.action === 'user.update'));
      assert.ok(!JSON.stringify(audit.body).includes('leaving-soon'), 'no password in the audit log');
    });

    it('rejects a duplicate e-mail and a short password', async () => {
      const dup = await t.call('POST', '/api/v1/users', { body: { email: 'oncall@example.com', name: 'x', role: 'viewer' } });
      assert.equal(dup.status, 409);
      const short = await t.call('POST', '/api/v1/users', {
        body: { email: 's@example.com', name: 'x', role: 'viewer', password: 'short' },
      });
      assert.equal(short.status, 400);
      assert.equal(short.body.error.details[0].field, 'body.password');
    });
  });
}

describe('sign-in throttling', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
    await t.call('POST', '/api/v1/users', {
      body: { email: 'victim@example.com', name: 'V', role: 'viewer', password: 'the-real-password' },
    });
  });
  after(() => t.close());

  it('refuses further attempts after 10 failures, even with the right password', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await t.call('POST', '/api/v1/auth/login', { as: null, body: { email: 'victim@example.com', password: `guess-${i}` } });
      assert.equal(res.status, 401);
    }
    const blocked = await t.call('POST', '/api/v1/auth/login', {
      as: null,
      body: { email: 'victim@example.com', password: 'the-real-password' },
    });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'rate_limited');
  });
});
