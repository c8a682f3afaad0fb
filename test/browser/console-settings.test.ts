// Settings and integrations in real Chromium against the real server process: an API token created
// in the console (its secret shown once, and working), an integration created with its Alertmanager
// snippet copied (key and URL in it, and the URL accepting an Alertmanager payload), an impact graded
// against the policy (a payment outage: level 1 with its reason), a response profile changed and
// reset, and what a responder sees of the admin-only parts. Screenshots: .test-artifacts/console-settings-*.png.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, ROOT, serverEnv, startServer, type Server } from '../helpers/server-process.js';

const ARTIFACTS = join(ROOT, '.test-artifacts');
const PEOPLE = {
  admin: { email: 'zhang.min@example.com', password: 'admin-secret-123', name: 'Zhang Min', role: 'admin' },
  lin: { email: 'lin.wei@example.com', password: 'lin-secret-123', name: 'Lin Wei', role: 'responder' },
} as const;
type Who = keyof typeof PEOPLE;

for (const dialect of DIALECTS) {
  describe(`console settings and integrations in Chromium (${dialect})`, { timeout: 300_000 }, () => {
    let db: TestDatabase;
    let server: Server;
    let browser: Browser;
    let base = '';
    let token = '';

    const api = async <T>(method: string, path: string, body?: unknown, bearer = token): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    };

    const open = async (who: Who, path: string) => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000); // a loaded CI machine is slow, not broken
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !/status of 401/.test(msg.text())) errors.push(msg.text());
      });
      await page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
      await page.fill('input[name="email"]', PEOPLE[who].email);
      await page.fill('input[name="password"]', PEOPLE[who].password);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${base}${path}`);
      return { context, page, errors };
    };

    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(ARTIFACTS, `console-settings-${dialect}-${name}.png`), fullPage: true });

    const closeClean = async (context: BrowserContext, errors: string[]) => {
      await context.close();
      assert.deepEqual(errors, [], 'no script error, failed request or CSP violation in the console');
    };

    before(async () => {
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = { ...serverEnv(db, port), FENGHUO_ADMIN_PASSWORD: 'first-start-secret' };
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'console-settings-test', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();
      for (const who of Object.keys(PEOPLE) as Who[]) {
        assert.equal((await api('POST', '/api/v1/users', { ...PEOPLE[who], timeZone: 'Asia/Shanghai' })).status, 201);
      }
      for (const service of [
        { id: 'payments', name: 'Payments', critical: true, payment: true, userFacing: true },
        { id: 'wiki', name: 'Wiki' },
      ]) {
        assert.equal((await api('POST', '/api/v1/services', service)).status, 201);
      }
      browser = await launchChromium();
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop();
    });

    it('creates an API token and shows its secret once', async () => {
      const { context, page, errors } = await open('admin', '/settings?section=tokens');
      await page.getByRole('heading', { name: 'API 令牌', level: 2 }).waitFor();
      await page.getByLabel('名称', { exact: true }).fill('CI deploy');
      await page.getByLabel('角色', { exact: true }).selectOption('responder');
      await page.getByRole('button', { name: '创建令牌' }).click();
      const panel = page.getByTestId('token-secret');
      await panel.getByText('令牌只显示这一次').waitFor();
      const secret = await panel.getByRole('textbox', { name: '令牌' }).inputValue();
      assert.match(secret, /^fh_/);
      const me = await api<{ name: string; role: string }>('GET', '/api/v1/auth/me', undefined, secret);
      assert.deepEqual([me.status, me.body.role], [200, 'responder'], 'the new token works');
      await panel.getByRole('button', { name: '复制令牌' }).click();
      await page.locator('.toast', { hasText: '已复制到剪贴板。' }).waitFor();
      assert.equal(await page.evaluate('navigator.clipboard.readText()'), secret);
      await shot(page, 'token');
      await panel.getByRole('button', { name: '我已保存，隐藏令牌' }).click();
      await page.getByRole('table', { name: 'API 令牌列表' }).getByText('CI deploy').waitFor();
      assert.equal(await page.getByText(secret).count(), 0, 'the secret is gone from the page');
      assert.doesNotMatch(await page.content(), new RegExp(secret), 'and from the document');
      await closeClean(context, errors);
    });

    it('creates an integration and copies a working Alertmanager snippet with its key', async () => {
      const { context, page, errors } = await open('admin', '/integrations');
      await page.getByRole('button', { name: '新建集成' }).click();
      await page.getByLabel('名称', { exact: true }).fill('Prod Alertmanager');
      await page.getByRole('button', { name: '创建', exact: true }).click();
      const reveal = page.getByTestId('key-reveal');
      await reveal.waitFor();
      const key = await reveal.getByRole('textbox', { name: '集成密钥' }).inputValue();
      assert.ok(key.length >= 16, `a key: ${key}`);
      const url = `${base}/api/v1/integrations/${key}/alertmanager`;
      const snippet = reveal.locator('[data-snippet="alertmanager"]');
      assert.ok((await snippet.locator('pre').textContent())?.includes(`url: ${url}`), 'the snippet names the URL with the key');
      await snippet.getByRole('button', { name: /^复制/ }).click();
      await page.locator('.toast', { hasText: '已复制到剪贴板。' }).waitFor();
      const copied = String(await page.evaluate('navigator.clipboard.readText()'));
      assert.match(copied, /receivers:\n {2}- name: fenghuo\n {4}webhook_configs:/);
      assert.ok(copied.includes(key) && copied.includes(url), `the copied snippet has the key and the URL:\n${copied}`);
      await reveal.locator('[data-snippet="prometheus"]').waitFor();
      await shot(page, 'integration');

      const sent = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          version: '4',
          groupKey: '{}:{alertname="ApiDown"}',
          status: 'firing',
          receiver: 'fenghuo',
          alerts: [
            {
              status: 'firing',
              labels: { alertname: 'ApiDown', service: 'wiki' },
              annotations: { summary: 'wiki down' },
              fingerprint: 'abc',
            },
          ],
        }),
      });
      assert.equal(sent.status, 200, 'the snippet’s URL takes an Alertmanager payload');

      await reveal.getByRole('button', { name: '我已保存，隐藏密钥' }).click();
      assert.equal(await page.getByTestId('key-reveal').count(), 0);
      const row = page.getByRole('table', { name: '集成列表' }).getByRole('row', { name: /Prod Alertmanager/ });
      await row.getByText('按告警标签路由').waitFor();
      await row.getByRole('button', { name: '轮换密钥' }).click();
      await page.getByRole('dialog', { name: '轮换这个集成的密钥？' }).getByRole('button', { name: '轮换' }).click();
      const rotated = await page.getByTestId('key-reveal').getByRole('textbox', { name: '集成密钥' }).inputValue();
      assert.notEqual(rotated, key);
      const old = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.notEqual(old.status, 200, 'the old key stopped working');
      await closeClean(context, errors);
    });

    it('grades an impact against the policy: a payment outage is level 1, with its reason', async () => {
      const { context, page, errors } = await open('lin', '/settings?section=policy');
      await page.getByRole('heading', { name: '规则（从严到宽）' }).waitFor();
      await page.getByRole('table', { name: '定级规则' }).getByText('支付服务受到投诉和漏洞以外的任何影响').waitFor();
      await page.getByRole('checkbox', { name: /Payments/ }).check();
      await page.getByLabel('影响类型').selectOption('outage');
      await page.getByRole('button', { name: '定级', exact: true }).click();
      const result = page.locator('.grade-result');
      await result.waitFor();
      assert.equal(await result.getAttribute('data-level'), '1');
      assert.equal((await result.locator('.grade-result-level .level-badge').textContent())?.trim(), '一级');
      await result.locator('.reason-list li', { hasText: 'payment' }).first().waitFor();
      await result
        .getByText(/service "payments"/)
        .first()
        .waitFor();
      await shot(page, 'grade');
      await closeClean(context, errors);
    });

    it('changes a response profile and resets it to the policy file', async () => {
      const { context, page, errors } = await open('admin', '/settings?section=profiles');
      const card = page.locator('.profile-card[data-level="3"]');
      await card.getByText('来自策略文件').waitFor();
      await card.getByRole('button', { name: '修改三级的响应要求' }).click();
      await card.getByRole('checkbox', { name: '升级策略' }).check();
      await card.getByRole('button', { name: '保存' }).click();
      await page.locator('.toast', { hasText: '三级的响应要求已保存。' }).waitFor();
      await card.getByText('已在此修改').waitFor();
      assert.match((await card.locator('.profile-page').textContent()) ?? '', /升级策略/);
      const changed = await api<{ items: { level: number; source: string; profile: { page: string[] } }[] }>(
        'GET',
        '/api/v1/response-profiles',
      );
      const level3 = changed.body.items.find((p) => p.level === 3);
      assert.equal(level3?.source, 'override');
      assert.ok(level3?.profile.page.includes('escalation-policy'));
      await shot(page, 'profiles');

      await card.getByRole('button', { name: '恢复为策略文件的设置' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '恢复为策略文件的设置' }).click();
      await page.locator('.toast', { hasText: '三级已恢复为策略文件的设置。' }).waitFor();
      await card.getByText('来自策略文件').waitFor();
      await closeClean(context, errors);
    });

    it('shows a responder the admin-only parts as notes, and their own contact methods', async () => {
      const { context, page, errors } = await open('lin', '/settings');
      await page.getByRole('heading', { name: '我的资料', level: 2 }).waitFor();
      await page.getByText('账户资料、时区和密码目前只能由管理员修改').waitFor();
      await page.getByLabel('名称', { exact: true }).fill('Work mail');
      await page.getByLabel('地址', { exact: true }).fill('lin.wei@work.example.com');
      await page.getByRole('button', { name: '添加联系方式' }).click();
      await page.getByRole('table', { name: '我的联系方式' }).getByText('Work mail').waitFor();
      await page.getByLabel('Work mail：延迟（分钟）').fill('0');
      await page.getByRole('button', { name: '保存规则' }).click();
      await page.locator('.toast', { hasText: '通知规则已保存。' }).waitFor();

      await page.getByRole('navigation', { name: '设置分区' }).getByRole('link', { name: /用户/ }).click();
      await page.getByText('只有管理员可以查看和管理用户。').waitFor();
      await page
        .getByRole('navigation', { name: '设置分区' })
        .getByRole('link', { name: /API 令牌/ })
        .click();
      await page.getByText('只有管理员可以查看和管理 API 令牌。').waitFor();
      await page.goto(`${base}/integrations`);
      await page.getByText('只有管理员可以创建、轮换密钥或删除集成。').waitFor();
      assert.equal(await page.getByRole('button', { name: '新建集成' }).count(), 0);
      await closeClean(context, errors);
    });
  });
}
