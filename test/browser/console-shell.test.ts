// The operator console's shell in real Chromium (Debian's, driven by playwright-core) against the
// real server process, which serves the built console (dist/web) at `/`: sign-in errors, the
// first-run steps, the Now screen with incidents by level, a new incident arriving live, the
// language switch, dark mode and the phone layout. Screenshots go to .test-artifacts/console-*.png.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { apiCaller, recordErrors } from '../helpers/console-browser.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, ROOT, serverEnv, startServer, type Server } from '../helpers/server-process.js';

const ARTIFACTS = join(ROOT, '.test-artifacts');
const ADMIN = { email: 'root@example.com', password: 'first-start-secret' };
const RESPONDER = { email: 'lin.wei@example.com', password: 'responder-secret-1', name: 'Lin Wei' };
const LEVEL_ZH = ['', '一级', '二级', '三级', '四级'];

interface Incident {
  id: string;
  number: number;
  level: number;
  title: string;
}

for (const dialect of DIALECTS) {
  describe(`console shell in Chromium (${dialect})`, { timeout: 180_000 }, () => {
    let db: TestDatabase;
    let server: Server;
    let browser: Browser;
    let base = '';
    let token = '';

    const api = apiCaller(
      () => base,
      () => token,
    );

    /** A fresh browser context (its own cookies and storage) that records every script error. */
    const open = async (options: { locale?: string; width?: number; height?: number } = {}) => {
      const context = await browser.newContext({
        locale: options.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        colorScheme: 'light',
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      });
      const page = await context.newPage();
      const errors = recordErrors(page);
      return { context, page, errors };
    };

    const signIn = async (page: Page, who: { email: string; password: string }) => {
      await page.goto(`${base}/`);
      await page.waitForURL(/\/login/);
      await page.fill('input[name="email"]', who.email);
      await page.fill('input[name="password"]', who.password);
      await page.click('button[type="submit"]');
    };

    const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `console-${dialect}-${name}.png`), fullPage: true });

    const closeClean = async (context: BrowserContext, errors: string[]) => {
      await context.close();
      assert.deepEqual(errors, [], 'no script error, failed request or CSP violation in the console');
    };

    before(async () => {
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = { ...serverEnv(db, port), FENGHUO_ADMIN_PASSWORD: ADMIN.password };
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'console-test', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();
      browser = await launchChromium();
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop();
    });

    it('serves the console at / and deep links, from the real server', async () => {
      for (const path of ['/', '/incidents/7', '/oncall']) {
        const res = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
        assert.equal(res.status, 200, path);
        assert.match(await res.text(), /<div id="root"><\/div>/, `${path} is the console's shell`);
      }
    });

    it('says so in words when the password is wrong, and stays on sign-in', async () => {
      const { context, page, errors } = await open();
      await signIn(page, { email: ADMIN.email, password: 'not-the-password' });
      const alert = page.locator('.auth-error');
      await alert.waitFor();
      assert.equal((await alert.textContent())?.trim(), '邮箱或密码不正确。');
      assert.match(page.url(), /\/login/);
      await shot(page, 'login-error');
      await closeClean(context, errors);
    });

    it('walks the bootstrap admin through the first run, changing the password in place', async () => {
      const { context, page, errors } = await open();
      await signIn(page, ADMIN);
      await page.waitForURL(/\/welcome$/);
      await page.getByRole('heading', { name: '欢迎使用烽火' }).waitFor();
      for (const step of ['1. 修改管理员密码', '2. 添加用户', '3. 添加服务', '4. 创建集成']) {
        await page.getByRole('heading', { name: step }).waitFor();
      }
      const newPassword = 'a-better-secret-42';
      await page.getByLabel('新密码').fill(newPassword);
      await page.getByLabel('再输入一次').fill(newPassword);
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.locator('.toast', { hasText: '密码已修改。' }).waitFor();
      assert.match(page.url(), /\/welcome$/, 'still signed in: the console signed in again with the new password');
      await shot(page, 'welcome');
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN.email, password: newPassword }),
      });
      assert.equal(login.status, 200, 'the new password works');
      await closeClean(context, errors);
    });

    it('shows Now: open incidents by level, on call, monitors, and a new incident live', async () => {
      const user = await api<{ id: string }>('POST', '/api/v1/users', { ...RESPONDER, role: 'responder' });
      await api('POST', '/api/v1/services', { id: 'payments', name: 'Payments', critical: true, payment: true });
      await api('POST', '/api/v1/services', { id: 'wiki', name: 'Wiki' });
      const grave = await api<Incident>('POST', '/api/v1/incidents', { title: 'Payments down', services: ['payments'], impact: 'outage' });
      const mild = await api<Incident>('POST', '/api/v1/incidents', { title: 'Wiki slow', services: ['wiki'], impact: 'degraded' });
      assert.ok(grave.level < mild.level, `distinct levels to show: ${grave.level} and ${mild.level}`);
      await api('POST', '/api/v1/schedules', {
        name: 'Payments primary',
        timeZone: 'Asia/Shanghai',
        layers: [
          {
            start: new Date(Date.now() - 86_400_000).toISOString(),
            rotation: { kind: 'daily', handoffTime: '09:00' },
            participants: [user.id],
          },
        ],
      });

      const { context, page, errors } = await open();
      await signIn(page, RESPONDER);
      await page.waitForURL(`${base}/`);
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      for (const incident of [grave, mild]) {
        const group = page.locator('.level-group', { has: page.locator(`[data-incident-number="${incident.number}"]`) });
        assert.equal((await group.locator('.level-badge').textContent())?.trim(), LEVEL_ZH[incident.level]);
        const link = group.getByRole('link', { name: `#${incident.number} ${incident.title}` });
        assert.equal(await link.getAttribute('href'), `/incidents/${incident.number}`);
      }
      const groups = await page.locator('.level-group').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-level'))));
      assert.deepEqual(groups, [grave.level, mild.level], 'gravest level first');
      const onCallNow = page.locator('section', { hasText: '正在值班' });
      await onCallNow.getByText('Payments primary').waitFor();
      // By name, though a responder cannot list users: the shift carries it.
      await onCallNow.getByText(RESPONDER.name).waitFor();
      await page.getByText('所有监控均正常。').waitFor();
      await page.getByText('平均确认时间 (MTTA)').waitFor();
      await page.locator('.live[data-status="live"]').waitFor({ timeout: 10_000 });
      await shot(page, 'now-zh');

      // Live: an incident opened elsewhere appears without a reload.
      await page.evaluate('window.__sameDocument = true');
      const fresh = await api<Incident>('POST', '/api/v1/incidents', {
        title: 'Checkout errors',
        services: ['payments'],
        impact: 'outage',
      });
      await page.locator(`[data-incident-number="${fresh.number}"]`).waitFor({ timeout: 5_000 });
      assert.equal(await page.evaluate('window.__sameDocument'), true, 'no reload happened');
      await closeClean(context, errors);
    });

    it('switches to English and back to Chinese', async () => {
      const { context, page, errors } = await open();
      await signIn(page, RESPONDER);
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      await page.getByRole('button', { name: '切换到英文' }).click();
      await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByRole('link', { name: 'Incidents', exact: true }).waitFor();
      await page.getByText('Open incidents').waitFor();
      await shot(page, 'now-en');
      await page.reload();
      await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor(); // the choice is kept
      await page.getByRole('button', { name: 'Switch to Chinese' }).click();
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.getByText('Open incidents').count(), 0, 'no English left behind');
      await closeClean(context, errors);
    });

    it('turns dark mode on and off, and keeps the choice', async () => {
      const { context, page, errors } = await open();
      await signIn(page, RESPONDER);
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      const light = await background();
      const toggle = page.getByRole('button', { name: '深色模式' });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'follows the light system preference');
      await toggle.click();
      const dark = await background();
      assert.notEqual(dark, light);
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      await shot(page, 'now-dark');
      await page.reload();
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      assert.equal(await background(), dark, 'the choice survives a reload');
      await page.getByRole('button', { name: '深色模式' }).click();
      assert.equal(await background(), light);
      await closeClean(context, errors);
    });

    it('signs out, and after signing in again returns to the page asked for', async () => {
      const { context, page, errors } = await open();
      await signIn(page, RESPONDER);
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);
      await page.getByText('已退出登录。').waitFor();
      // A page with a filter in its address: the address comes back whole.
      await page.goto(`${base}/incidents?level=1`);
      await page.waitForURL(`${base}/login?next=%2Fincidents%3Flevel%3D1`);
      await page.fill('input[name="email"]', RESPONDER.email);
      await page.fill('input[name="password"]', RESPONDER.password);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${base}/incidents?level=1`);
      await page.getByRole('heading', { name: '事件', level: 1 }).waitFor();
      await closeClean(context, errors);
    });

    it('fits a phone: the menu folds, tap targets are at least 40px', async () => {
      const { context, page, errors } = await open({ width: 390, height: 844 });
      await signIn(page, RESPONDER);
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: '主导航' });
      assert.equal(await nav.isVisible(), false, 'the navigation is folded away');
      const menu = page.getByRole('button', { name: '菜单' });
      await menu.click();
      assert.equal(await menu.getAttribute('aria-expanded'), 'true');
      await nav.waitFor({ state: 'visible' });
      const small = await page
        .locator('header a:visible, header button:visible, main a:visible, main button:visible')
        .evaluateAll((els) =>
          els.filter((el) => el.getBoundingClientRect().height < 40).map((el) => `${el.tagName} "${el.textContent?.trim() ?? ''}"`),
        );
      assert.deepEqual(small, [], 'every tap target is at least 40px high');
      await shot(page, 'phone-menu');
      await nav.getByRole('link', { name: '值班' }).click();
      await page.waitForURL(`${base}/oncall`);
      assert.equal(await nav.isVisible(), false, 'navigating folds the menu again');
      await closeClean(context, errors);
    });

    // Last: the throttle also counts failures per client address, so sign-ins from here stop working.
    it('says so when sign-in is rate limited', async () => {
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'mallory@example.com', password: `guess-${i}` }),
        });
        assert.equal(res.status, 401);
      }
      const { context, page } = await open({ locale: 'en-US' });
      await signIn(page, { email: 'mallory@example.com', password: 'guess-10' });
      const alert = page.locator('.auth-error');
      await alert.waitFor();
      assert.equal((await alert.textContent())?.trim(), 'Too many failed sign-ins. Please wait a while and try again.');
      await context.close(); // the 429 is in the browser's console: that is this test's point
    });
  });
}
