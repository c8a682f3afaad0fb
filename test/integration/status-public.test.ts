import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { elements, parseXml } from '../../src/inform/testing/xml-check.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type CallResult, type TestApp } from '../helpers/test-app.js';

const HOSTILE = `<script>alert("x")</script> & 'q'`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;';
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const DAY = 86_400_000;

interface Seeded {
  pageId: string;
  apiId: string;
  webId: string;
  openId: string;
}

/** Arranges a page through the admin API: hostile text everywhere, an open and a resolved incident, maintenance ahead. */
async function seed(t: TestApp): Promise<Seeded> {
  const ok = (res: CallResult, what: string): CallResult => {
    assert.ok(res.status === 201 || res.status === 200, `${what}: ${res.status} ${res.text}`);
    return res;
  };
  const page = ok(
    await t.call('POST', '/api/v1/status-pages', {
      body: {
        slug: 'acme',
        name: `Acme ${HOSTILE}`,
        description: `About ${HOSTILE}`,
        hostnames: ['status.acme.test'],
        branding: { logoUrl: 'https://cdn.example.com/logo.png', primaryColor: '#AA0000' },
        defaultLocale: 'zh-CN',
      },
    }),
    'page',
  ).body as { id: string };
  const base = `/api/v1/status-pages/${page.id}`;
  const api = ok(
    await t.call('POST', `${base}/components`, {
      body: { name: `API ${HOSTILE}`, group: `Core ${HOSTILE}`, description: `Serves ${HOSTILE}` },
    }),
    'component',
  ).body as { id: string };
  const web = ok(await t.call('POST', `${base}/components`, { body: { name: 'Web' } }), 'component').body as { id: string };
  const open = ok(
    await t.call('POST', `${base}/incidents`, {
      body: {
        title: `Logins fail ${HOSTILE}`,
        impact: 'major',
        components: [{ id: api.id, status: 'partial_outage' }],
        body: `Looking ${HOSTILE}`,
      },
    }),
    'incident',
  ).body as { id: string };
  const past = ok(
    await t.call('POST', `${base}/incidents`, {
      body: { title: 'Slow search', impact: 'minor', components: [{ id: web.id, status: 'degraded_performance' }], body: 'Slow.' },
    }),
    'incident',
  ).body as { id: string };
  ok(await t.call('POST', `${base}/incidents/${past.id}/updates`, { body: { stage: 'resolved', body: 'Fast again.' } }), 'update');
  const startsAt = new Date(Date.now() + DAY).toISOString();
  const endsAt = new Date(Date.now() + DAY + 3600_000).toISOString();
  ok(
    await t.call('POST', `${base}/maintenances`, {
      body: { title: `Upgrade ${HOSTILE}`, body: `Planned ${HOSTILE}`, componentIds: [web.id], startsAt, endsAt },
    }),
    'maintenance',
  );
  return { pageId: page.id, apiId: api.id, webId: web.id, openId: open.id };
}

for (const dialect of DIALECTS) {
  describe(`public status pages (${dialect})`, () => {
    let t: TestApp;
    let s: Seeded;
    const seen: CallResult[] = [];

    /** An anonymous GET; every public response is kept for the cookie and 5xx checks. */
    const get = async (url: string, headers: Record<string, string> = {}): Promise<CallResult> => {
      const res = await t.call('GET', url, { as: null, headers });
      seen.push(res);
      return res;
    };

    before(async () => {
      t = await startTestApp(dialect);
      s = await seed(t);
    });
    after(async () => {
      await t.close();
    });

    it('serves the page in the default language, by Accept-Language, and by ?lang (which wins)', async () => {
      const zh = await get('/status/acme');
      assert.equal(zh.status, 200);
      assert.equal(zh.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(zh.text, /^<!doctype html><html lang="zh-CN">/);
      for (const word of ['部分中断', '性能下降', '调查中', '部分系统中断', '计划维护']) assert.ok(zh.text.includes(word), word);
      const en = await get('/status/acme', { 'accept-language': 'fr;q=1, en-US;q=0.8, zh;q=0.5' });
      assert.match(en.text, /^<!doctype html><html lang="en">/);
      assert.ok(en.text.includes('partial outage') && en.text.includes('Partial system outage'));
      const forced = await get('/status/acme?lang=zh-CN', { 'accept-language': 'en' });
      assert.match(forced.text, /<html lang="zh-CN">/);
      assert.match((await get('/status/acme?lang=en')).text, /<html lang="en">/);
      assert.notEqual(zh.headers.etag, en.headers.etag);
    });

    it('sends strict, cacheable headers and no cookie', async () => {
      const res = await get('/status/acme');
      assert.equal(res.headers['content-security-policy'], CSP);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['cache-control'], 'public, max-age=10, stale-while-revalidate=30');
      assert.match(String(res.headers.vary), /Accept-Language/);
      assert.match(String(res.headers.etag), /^"[\w-]+"$/);
      assert.ok(!Number.isNaN(Date.parse(String(res.headers['last-modified']))));
      assert.equal(res.headers['set-cookie'], undefined);
      assert.ok(!/<script/i.test(res.text));
    });

    it('escapes script in every text field of the page', async () => {
      for (const lang of ['zh-CN', 'en']) {
        const html = (await get(`/status/acme?lang=${lang}`)).text;
        assert.ok(!/<script/i.test(html), lang);
        for (const field of ['Acme', 'About', 'API', 'Core', 'Serves', 'Logins fail', 'Looking', 'Upgrade', 'Planned']) {
          assert.ok(html.includes(`${field} ${ESCAPED}`), `${lang}: ${field}`);
        }
        assert.ok(html.includes('<img src="https://cdn.example.com/logo.png" alt="Acme '));
        assert.ok(html.includes('--brand:#aa0000'));
      }
    });

    it('answers 304 to a matching If-None-Match or If-Modified-Since, and serves gzip with its own tag', async () => {
      const first = await get('/status/acme/summary.json');
      const etag = String(first.headers.etag);
      const notModified = await get('/status/acme/summary.json', { 'if-none-match': etag });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.text, '');
      assert.equal(notModified.headers.etag, etag);
      assert.equal((await get('/status/acme/summary.json', { 'if-none-match': `"other", W/${etag}` })).status, 304);
      assert.equal((await get('/status/acme/summary.json', { 'if-none-match': '"other"' })).status, 200);
      assert.equal((await get('/status/acme/summary.json', { 'if-modified-since': String(first.headers['last-modified']) })).status, 304);
      assert.equal((await get('/status/acme/summary.json', { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' })).status, 200);

      const inEncoding = (acceptEncoding: string) =>
        t.app.inject({ method: 'GET', url: '/status/acme?lang=en', headers: { 'accept-encoding': acceptEncoding } });
      const plain = await get('/status/acme?lang=en');
      const res = await inEncoding('gzip');
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(res.rawPayload).toString(), plain.text);
      assert.notEqual(res.headers.etag, plain.headers.etag);
      assert.match(String(res.headers.vary), /Accept-Encoding/);
      // Brotli when the client takes it (a browser's `gzip, deflate, br, zstd`), unless it prefers gzip.
      const br = await inEncoding('gzip, deflate, br, zstd');
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.text);
      assert.ok(br.rawPayload.length < res.rawPayload.length, `br ${br.rawPayload.length} B, gzip ${res.rawPayload.length} B`);
      assert.equal(new Set([plain.headers.etag, res.headers.etag, br.headers.etag]).size, 3, 'one tag per encoding');
      assert.equal((await get('/status/acme?lang=en', { 'if-none-match': String(br.headers.etag) })).status, 304);
      const chosen: Array<[string, string | undefined]> = [
        ['br;q=0.5, gzip', 'gzip'],
        ['gzip, br;q=0', 'gzip'],
        ['BR', 'br'],
        ['*', 'br'],
        ['*;q=0, gzip', 'gzip'],
        ['gzip;q=0, br;q=0', undefined],
        ['identity', undefined],
        ['deflate, zstd', undefined],
      ];
      for (const [acceptEncoding, encoding] of chosen) {
        assert.equal((await inEncoding(acceptEncoding)).headers['content-encoding'], encoding, acceptEncoding);
      }
      const head = await t.app.inject({ method: 'HEAD', url: '/status/acme?lang=en' });
      assert.equal(head.statusCode, 200);
      assert.equal(head.headers.etag, plain.headers.etag);
      assert.equal(head.body, '');
    });

    it('serves a published update within a second, under a new ETag', async () => {
      const before = await get('/status/acme?lang=en');
      const jsonBefore = await get('/status/acme/summary.json');
      const posted = await t.call('POST', `/api/v1/status-pages/${s.pageId}/incidents/${s.openId}/updates`, {
        body: { stage: 'identified', body: 'Root cause: a bad deploy' },
      });
      assert.equal(posted.status, 201, posted.text);
      const started = Date.now();
      let page = before;
      while (!page.text.includes('Root cause: a bad deploy') && Date.now() - started < 3000) {
        await sleep(25);
        page = await get('/status/acme?lang=en');
      }
      const elapsed = Date.now() - started;
      assert.ok(page.text.includes('Root cause: a bad deploy'));
      assert.ok(elapsed <= 1000, `took ${elapsed} ms`);
      assert.notEqual(page.headers.etag, before.headers.etag);
      assert.equal((await get('/status/acme?lang=en', { 'if-none-match': String(before.headers.etag) })).status, 200);
      const json = await get('/status/acme/summary.json');
      assert.notEqual(json.headers.etag, jsonBefore.headers.etag);
      assert.equal(json.body.incidents[0].status, 'identified');
    });

    it('serves summary.json in the shape of Statuspage’s', async () => {
      const res = await get('/status/acme/summary.json');
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'public, max-age=10, stale-while-revalidate=30');
      assert.doesNotMatch(String(res.headers.vary ?? ''), /Accept-Language/);
      const json = res.body;
      assert.deepEqual(Object.keys(json), ['page', 'status', 'components', 'incidents', 'scheduled_maintenances']);
      assert.equal(json.page.id, s.pageId);
      assert.equal(json.page.name, `Acme ${HOSTILE}`);
      assert.match(json.page.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual(json.status, { indicator: 'major', description: 'Partial System Outage' });
      assert.deepEqual(
        json.components.map((c: { id: string; status: string; group: string | null }) => [c.id, c.status, c.group]),
        [
          [s.apiId, 'partial_outage', `Core ${HOSTILE}`],
          [s.webId, 'operational', null],
        ],
      );
      assert.equal(json.incidents.length, 1);
      assert.equal(json.incidents[0].id, s.openId);
      assert.equal(json.incidents[0].impact, 'major');
      assert.ok(json.incidents[0].incident_updates.length >= 1);
      assert.deepEqual(json.incidents[0].components, [{ id: s.apiId, name: `API ${HOSTILE}` }]);
      assert.equal(json.scheduled_maintenances[0].status, 'scheduled');
      assert.equal(json.scheduled_maintenances[0].impact, 'maintenance');
    });

    it('serves well-formed RSS and Atom with an entry per update and maintenance', async () => {
      const rss = await get('/status/acme/feed.rss?lang=en');
      assert.equal(rss.status, 200);
      assert.equal(rss.headers['content-type'], 'application/rss+xml; charset=utf-8');
      const channel = parseXml(rss.text);
      const items = elements(channel, 'item');
      const guids = items.map((i) => elements(i, 'guid')[0]?.text);
      assert.equal(new Set(guids).size, items.length);
      // Two updates of the open incident (first, "identified"), two of the resolved one, one maintenance.
      assert.equal(items.length, 5);
      assert.ok(items.some((i) => elements(i, 'title')[0]?.text === `Logins fail ${HOSTILE} · investigating`));
      assert.ok(!rss.text.includes('<script'));

      const atom = await get('/status/acme/feed.atom?lang=zh-CN');
      assert.equal(atom.headers['content-type'], 'application/atom+xml; charset=utf-8');
      const feed = parseXml(atom.text);
      assert.equal(feed.attrs['xml:lang'], 'zh-CN');
      const entries = elements(feed, 'entry');
      assert.equal(entries.length, 5);
      assert.ok(entries.some((e) => elements(e, 'title')[0]?.text.endsWith('· 已解决')));
      assert.ok(entries.every((e) => /^urn:fenghuo:status:/.test(elements(e, 'id')[0]?.text ?? '')));
      // A hostile Host header does not reach the cached links.
      const poisoned = await get('/status/acme/feed.atom?lang=zh-CN', { host: 'evil.example' });
      assert.ok(!poisoned.text.includes('evil.example'));
    });

    it('serves SVG badges for the page and a component', async () => {
      const status = await get('/status/acme/badge.svg?lang=en');
      assert.equal(status.status, 200);
      assert.equal(status.headers['content-type'], 'image/svg+xml; charset=utf-8');
      const svg = parseXml(status.text);
      assert.equal(svg.attrs.role, 'img');
      assert.equal(elements(svg, 'title')[0]?.text, 'status: partial outage');
      const uptime = parseXml((await get(`/status/acme/badge.svg?type=uptime&component=${s.apiId}&lang=en`)).text);
      assert.match(uptime.attrs['aria-label'] ?? '', /^API <script>alert\("x"\)<\/script> & 'q': (\d+\.\d\d%|no data)$/);
      assert.equal((await get('/status/acme/badge.svg?type=bogus')).status, 400);
      assert.equal((await get('/status/acme/badge.svg?component=nope')).status, 404);
      assert.equal((await get(`/status/acme/badge.svg?component=${'x'.repeat(300)}`)).status, 400);
    });

    it('answers unknown and malformed slugs with a cheap 404', async () => {
      const html = await get('/status/nope');
      assert.equal(html.status, 404);
      assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(html.headers['content-security-policy'], CSP);
      assert.equal(html.headers['cache-control'], 'no-store');
      for (const url of [
        '/status/nope/summary.json',
        '/status/nope/feed.rss',
        '/status/nope/badge.svg',
        '/status/%3Cscript%3E',
        '/status/-x',
        `/status/${'a'.repeat(500)}`,
      ]) {
        const res = await get(url);
        assert.equal(res.status, 404, url);
        assert.ok(!res.text.includes('<script'), url);
      }
      assert.equal((await get(`/status/${'a'.repeat(700)}`)).status, 414);
      assert.equal((await get('/status/ACME')).status, 200);
    });

    it('serves the page at / on its custom domain, and nothing for other hosts, however hostile', async () => {
      const home = await get('/', { host: 'STATUS.acme.test:8443' });
      assert.equal(home.status, 200);
      assert.ok(home.text.includes('href="/feed.rss?lang=zh-CN"'));
      const json = await get('/summary.json', { host: 'status.acme.test' });
      assert.equal(json.body.page.url, 'https://status.acme.test/');
      const atom = parseXml((await get('/feed.atom', { host: 'status.acme.test' })).text);
      assert.equal(elements(atom, 'link').find((l) => l.attrs.rel === 'self')?.attrs.href, 'https://status.acme.test/feed.atom?lang=zh-CN');
      assert.equal((await get('/feed.rss', { host: 'status.acme.test' })).status, 200);
      assert.equal((await get('/badge.svg', { host: 'status.acme.test' })).status, 200);
      const hostile = [
        'localhost',
        `${'a'.repeat(63)}.`.repeat(5),
        'a'.repeat(300),
        'status.acme.test/evil',
        'user@status.acme.test',
        'status.acme.test:99999x',
        'bücher.example',
        '状态.example',
        '[::1]:8080',
        ' ',
        'status.acme.test\u0000',
      ];
      let sent = 0;
      for (const host of hostile) {
        for (const url of ['/', '/summary.json', '/feed.rss']) {
          let res: CallResult;
          try {
            res = await get(url, { host });
          } catch {
            continue; // the injector refused to send it, as a real client would
          }
          sent += 1;
          assert.equal(res.status, 404, `${JSON.stringify(host).slice(0, 40)} ${url}`);
        }
      }
      assert.ok(sent >= 27, `only ${sent} hostile requests could be sent`);
    });

    it('refuses huge query strings', async () => {
      const long = 'x'.repeat(3000);
      for (const url of [`/status/acme?lang=${long}`, `/status/acme/summary.json?q=${long}`, `/?q=${long}`]) {
        const res = await get(url, { host: 'status.acme.test' });
        assert.equal(res.status, 414, url);
        assert.equal(res.headers['content-security-policy'], CSP);
      }
      assert.equal((await get(`/status/acme?lang=en&utm=${'y'.repeat(1000)}`)).status, 200);
    });

    it('follows internal incidents on a component’s services within a second, without a public post', async () => {
      assert.equal((await t.call('POST', '/api/v1/services', { body: { id: 'billing', name: 'Billing' } })).status, 201);
      const component = await t.call('POST', `/api/v1/status-pages/${s.pageId}/components`, {
        body: { name: 'Billing', serviceIds: ['billing'] },
      });
      assert.equal(component.status, 201, component.text);
      const statusOfBilling = async () =>
        ((await get('/status/acme/summary.json')).body.components as Array<{ id: string; status: string }>).find(
          (c) => c.id === component.body.id,
        )?.status;
      const waitFor = async (wanted: string) => {
        const started = Date.now();
        let seenStatus = await statusOfBilling();
        while (seenStatus !== wanted && Date.now() - started < 3000) {
          await sleep(25);
          seenStatus = await statusOfBilling();
        }
        assert.equal(seenStatus, wanted);
        return Date.now() - started;
      };
      assert.ok((await waitFor('operational')) <= 1000, 'the new component shows within a second');
      const incident = await t.call('POST', '/api/v1/incidents', {
        body: { title: 'billing db down', affected: [{ service: 'billing', impact: 'outage' }] },
      });
      assert.equal(incident.status, 201, incident.text);
      const took = await waitFor(incident.body.level <= 2 ? 'major_outage' : 'partial_outage');
      assert.ok(took <= 1000, `took ${took} ms`);
      const page = await get('/status/acme?lang=en');
      assert.ok(!page.text.includes('billing db down'), 'the internal title never reaches the public page');
      assert.equal((await t.call('POST', `/api/v1/incidents/${incident.body.id}/resolve`, { body: {} })).status, 200);
      assert.ok((await waitFor('operational')) <= 1000);
    });

    it('never set a cookie nor failed with a 5xx on any public response', () => {
      assert.ok(seen.length > 50);
      for (const res of seen) {
        assert.equal(res.headers['set-cookie'], undefined);
        assert.ok(res.status < 500, `${res.status} ${res.text.slice(0, 200)}`);
      }
    });
  });
}
