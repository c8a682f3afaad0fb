// The public status page in real Chromium (Debian's, driven by playwright-core), against the real
// server process: it renders in Chinese and in English by the browser's language, shows an
// incident published by a responder (through the API the console uses) and the maintenance banner,
// runs no script at all, and is saved as a screenshot per language (.test-artifacts/).

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { launchChromium } from '../helpers/browser.js';
import { cli, freePort, ROOT, startServer, serverEnv, type Server } from '../helpers/server-process.js';

const ARTIFACTS = join(ROOT, '.test-artifacts');

for (const dialect of DIALECTS) {
  describe(`status page in Chromium (${dialect})`, { timeout: 120_000 }, () => {
    let db: TestDatabase;
    let server: Server;
    let browser: Browser;
    let base = '';

    before(async () => {
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = serverEnv(db, port);
      server = await startServer(env, base);
      const token = cli(env, ['token', 'create', '--name', 'browser', '--role', 'admin']);
      assert.equal(token.status, 0, token.stderr);
      const api = async (path: string, body: unknown) => {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token.stdout.trim()}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        assert.ok(res.status < 300, `${path}: ${res.status} ${text}`);
        return JSON.parse(text) as { id: string };
      };
      await api('/api/v1/services', { id: 'payments', name: 'Payments', critical: true, payment: true });
      const page = await api('/api/v1/status-pages', {
        slug: 'wechat',
        name: 'WeChat',
        description: 'Service status · 服务状态',
        hostnames: [],
        branding: { logoUrl: null, primaryColor: '#07c160' },
        defaultLocale: 'zh-CN',
      });
      const components: Record<string, string> = {};
      for (const [name, group] of [
        ['Messaging', 'Core'],
        ['Moments', 'Core'],
        ['WeChat Pay', 'Payments'],
        ['Mini Programs', 'Platform'],
      ] as const) {
        components[name] = (await api(`/api/v1/status-pages/${page.id}/components`, { name, group })).id;
      }
      await api(`/api/v1/status-pages/${page.id}/incidents`, {
        title: 'Messages delayed in Guangzhou <b>not bold</b>',
        impact: 'major',
        components: [{ id: components.Messaging, status: 'partial_outage' }],
        body: 'A data-centre cooling failure; traffic is moving to other regions.',
      });
      await api(`/api/v1/status-pages/${page.id}/maintenances`, {
        title: 'Payment network upgrade',
        body: 'Payments may be slow.',
        componentIds: [components['WeChat Pay']],
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      browser = await launchChromium();
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop();
    });

    for (const [locale, texts] of [
      ['zh-CN', { lang: 'zh-CN', partial: '部分中断', maintenance: '维护中', stage: '调查中' }],
      ['en-US', { lang: 'en', partial: 'partial outage', maintenance: 'under maintenance', stage: 'Investigating' }],
    ] as const) {
      it(`renders in ${locale} with the incident, the maintenance banner and no script`, async () => {
        const context = await browser.newContext({ locale, viewport: { width: 1100, height: 1400 }, javaScriptEnabled: true });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (err) => errors.push(err.message));
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(msg.text());
        });
        const requests: string[] = [];
        page.on('request', (req) => requests.push(req.url()));

        const response = await page.goto(`${base}/status/wechat`);
        assert.equal(response?.status(), 200);
        assert.equal(await page.getAttribute('html', 'lang'), texts.lang);
        const body = (await page.textContent('body')) ?? '';
        assert.match(body, /WeChat/);
        assert.ok(body.includes('Messages delayed in Guangzhou <b>not bold</b>'), 'the title is shown as text, not markup');
        assert.equal(await page.locator('b').count(), 0);
        assert.ok(body.toLowerCase().includes(texts.partial.toLowerCase()), `"${texts.partial}" in ${locale}`);
        assert.ok(body.toLowerCase().includes(texts.maintenance.toLowerCase()), `maintenance shown in ${locale}`);
        assert.ok(body.includes('Payment network upgrade'), 'the maintenance banner');
        assert.ok(body.toLowerCase().includes(texts.stage.toLowerCase()), `the stage in ${locale}`);
        assert.equal(await page.locator('script').count(), 0, 'works without JavaScript: there is none');
        assert.ok((await page.locator('svg.bars').count()) >= 4, 'a 90-day bar per component');
        assert.deepEqual(errors, [], 'no CSP violation or error');
        assert.ok(
          requests.every((url) => url.startsWith(base)),
          `nothing loaded from elsewhere: ${requests.join(', ')}`,
        );
        const file = join(ARTIFACTS, `status-page-${dialect}-${locale}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await context.close();
      });
    }

    it('switches language by its own link, without JavaScript', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${base}/status/wechat`);
      await page.click('a[href*="lang=en"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.textContent('body')) ?? '', /Maintenance in progress|under maintenance/i);
      await context.close();
    });

    it('subscribes by e-mail with the plain form, without JavaScript', async () => {
      const context = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${base}/status/wechat`);
      await page.fill('form.subscribe input[name="email"]', 'reader@example.test');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/status/wechat/subscribe')),
        page.click('form.subscribe button'),
      ]);
      assert.ok(response.status() >= 200 && response.status() < 300, `status ${response.status()}`);
      assert.match((await page.textContent('body')) ?? '', /inbox|confirm/i);
      const cookies = await context.cookies();
      assert.deepEqual(cookies, [], 'no cookie on public pages');
      await context.close();
    });
  });
}
