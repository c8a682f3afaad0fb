// The console's status pages in real Chromium against the real server: a responder creates a status
// page (after the API's error on a bad slug, shown on the field) and a component through the console,
// publishes a public incident with a <script> in its title, linked to an internal incident, and reads
// it on the public page opened from the console's link (escaped, nothing internal, no script run);
// an update "monitoring" reaches the public page within seconds; scheduled maintenance shows its
// banner there; deleting a page asks first. Then the phone layout in English and dark mode. One
// signed-in session runs the steps in order (the machine is shared: a sign-in per step costs).
// Screenshots: .test-artifacts/console-status-*.png.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { apiCaller } from '../helpers/console-browser.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, ROOT, serverEnv, startServer, type Server } from '../helpers/server-process.js';

const ARTIFACTS = join(ROOT, '.test-artifacts');
const ADMIN = { email: 'status.admin@example.com', password: 'admin-secret-status-7', name: 'Status Admin', timeZone: 'Asia/Shanghai' };
const TITLE = '支付延迟 <script>window.__pwned = 1</script>';
const INTERNAL_TITLE = 'INTERNAL-ONLY 主库切换失败';
const SHANGHAI_MS = 8 * 3600_000; // no daylight saving time

/** `YYYY-MM-DDTHH:mm` in Asia/Shanghai, as `<input type="datetime-local">` takes it. */
const shanghaiInput = (ms: number) => new Date(ms + SHANGHAI_MS).toISOString().slice(0, 16);

for (const dialect of DIALECTS) {
  describe(`console status pages in Chromium (${dialect})`, { timeout: 240_000 }, () => {
    let db: TestDatabase;
    let server: Server;
    let browser: Browser;
    let base = '';
    let token = '';
    let internalNumber = 0;

    const api = apiCaller(
      () => base,
      () => token,
    );

    let context: BrowserContext;
    let page: Page;
    /** Script errors and failed requests in the console; each step expects none (`allowed`: expected ones). */
    let errors: string[] = [];
    let allowed: RegExp | null = null;
    const clean = () => {
      assert.deepEqual(errors, [], 'no script error or unexpected failed request in the console');
      errors = [];
      allowed = null;
    };

    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(ARTIFACTS, `console-status-${dialect}-${name}.png`), fullPage: true });

    /** Reloads the public page until `text` is on it; answers how long that took. */
    const waitOnPublic = async (page: Page, text: string, withinMs: number): Promise<number> => {
      const started = Date.now();
      for (;;) {
        if (((await page.textContent('body')) ?? '').includes(text)) return Date.now() - started;
        assert.ok(Date.now() - started < withinMs, `"${text}" on the public page within ${withinMs} ms`);
        await page.waitForTimeout(250);
        await page.reload();
      }
    };

    before(async () => {
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = { ...serverEnv(db, port), FENGHUO_ADMIN_PASSWORD: 'first-start-secret' };
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'console-status', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();
      await api('POST', '/api/v1/users', { ...ADMIN, role: 'admin' });
      await api('POST', '/api/v1/services', { id: 'payments', name: '支付网关', kind: 'business', critical: true, payment: true });
      internalNumber = (
        await api<{ number: number }>('POST', '/api/v1/incidents', {
          title: INTERNAL_TITLE,
          services: ['payments'],
          impact: 'degraded',
          summary: 'INTERNAL-SUMMARY: replica lag on db-7',
        })
      ).number;
      browser = await launchChromium();
      mkdirSync(ARTIFACTS, { recursive: true });
      context = await browser.newContext({
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        colorScheme: 'light',
        viewport: { width: 1280, height: 900 },
      });
      page = await context.newPage();
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (msg) => {
        const text = msg.text();
        if (msg.type() === 'error' && !/status of 401/.test(text) && !(allowed?.test(text) ?? false)) errors.push(text);
      });
      await page.goto(`${base}/login`);
      await page.fill('input[name="email"]', ADMIN.email);
      await page.fill('input[name="password"]', ADMIN.password);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${base}/`);
    });
    after(async () => {
      await context?.close();
      await browser?.close();
      await server?.stop();
      await db?.drop();
    });

    it('creates a page and a component, publishes an incident and reads it escaped on the public page', async () => {
      allowed = /status of 400/;
      await page.getByRole('link', { name: '状态页', exact: true }).click();
      await page.getByRole('heading', { name: '状态页', level: 1 }).waitFor();
      await page.getByText('还没有状态页。').waitFor();

      // The page: the API's error on a bad slug is shown on its field first.
      await page.getByRole('button', { name: '新建状态页' }).click();
      const form = page.locator('.sp-form');
      await form.getByLabel('地址标识 (slug)').fill('Acme Cloud');
      await form.getByLabel('名称', { exact: true }).fill('Acme 云服务');
      await form.getByLabel('简介').fill('Acme 的服务状态');
      await form.getByLabel('设置主题色').check();
      await form.getByLabel('主题色', { exact: true }).fill('#07c160');
      await form.getByRole('button', { name: '创建状态页' }).click();
      await form.locator('input[name="slug"][aria-invalid="true"]').waitFor();
      await form.getByText('地址标识只能包含小写字母、数字和 -，并以字母或数字开头。').waitFor();
      await shot(page, 'form-error');
      await form.getByLabel('地址标识 (slug)').fill('acme');
      await form.getByRole('button', { name: '创建状态页' }).click();
      await page.locator('.toast', { hasText: '状态页“Acme 云服务”已创建。' }).waitFor();
      await page.waitForURL(/\/status-pages\/[^/]+$/);
      await page.getByRole('heading', { name: 'Acme 云服务', level: 1 }).waitFor();
      const pageId = new URL(page.url()).pathname.split('/').pop() ?? '';

      // A component mapped to the payments service.
      await page.getByRole('button', { name: '添加组件' }).click();
      const componentForm = page.locator('.sp-subform', { hasText: '关联服务' });
      await componentForm.getByLabel('名称', { exact: true }).fill('在线支付');
      await componentForm.getByLabel('分组').fill('核心业务');
      await componentForm.getByLabel('支付网关 (payments)').check();
      await componentForm.getByRole('button', { name: '创建组件' }).click();
      await page.locator('.toast', { hasText: '组件“在线支付”已添加。' }).waitFor();
      const component = page.locator('[data-component-id]', { hasText: '在线支付' });
      await component.getByText('关联服务：支付网关').waitFor();
      await page.getByRole('heading', { name: '核心业务', level: 3 }).waitFor();
      const stored = await api<{ items: { name: string; serviceIds: string[]; group: string }[] }>(
        'GET',
        `/api/v1/status-pages/${pageId}/components`,
      );
      assert.deepEqual(
        stored.items.map((c) => [c.name, c.group, c.serviceIds]),
        [['在线支付', '核心业务', ['payments']]],
      );

      // The public incident, linked to the internal one, with a script in its title.
      await page.getByRole('button', { name: '发布公开事件' }).click();
      const postForm = page.locator('.sp-subform', { hasText: '发布公开事件' });
      await postForm.getByLabel('标题').fill(TITLE);
      await postForm.getByLabel('影响程度').selectOption('major');
      await postForm.getByLabel('说明', { exact: true }).fill('部分用户支付出现延迟，我们正在调查。\n下一次更新在 30 分钟内。');
      await postForm.getByRole('checkbox', { name: '在线支付' }).check();
      await postForm.getByLabel('“在线支付”显示的状态').selectOption('major_outage');
      await postForm.getByText('内部事件的标题、级别、原因、服务和人员都不会被复制').waitFor();
      await postForm.getByLabel('关联内部事件（可选）').selectOption({ label: `#${internalNumber} ${INTERNAL_TITLE}` });
      assert.equal(await postForm.getByLabel('标题').inputValue(), TITLE, 'nothing of the internal incident is copied into the form');
      await postForm.getByRole('button', { name: '发布', exact: true }).click();
      await page.locator('.toast', { hasText: '公开事件已发布。' }).waitFor();
      const post = page.locator('article.sp-post');
      await post.getByRole('heading', { name: TITLE }).waitFor();
      await post.getByRole('link', { name: `内部事件 #${internalNumber}` }).waitFor();
      await post.getByText('严重中断').waitFor();
      assert.equal(await page.evaluate('window.__pwned'), undefined, 'the title is text in the console too');
      await shot(page, 'page');

      // The public page, opened from the console's own link.
      const [publicPage] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /查看公开页面/ }).click()]);
      const publicErrors: string[] = [];
      publicPage.on('pageerror', (err) => publicErrors.push(err.message));
      await publicPage.waitForLoadState();
      assert.equal(new URL(publicPage.url()).pathname, '/status/acme');
      await waitOnPublic(publicPage, TITLE, 5000);
      const body = (await publicPage.textContent('body')) ?? '';
      assert.ok(body.includes('部分用户支付出现延迟'), 'the message');
      assert.ok(body.includes('严重中断'), 'the component shows the status the post gives it');
      assert.ok(body.includes('调查中'), 'the stage');
      assert.ok(!body.includes('INTERNAL-'), 'nothing of the internal incident is public');
      assert.equal(await publicPage.locator('script').count(), 0, 'no script element on the public page');
      assert.equal(await publicPage.evaluate('window.__pwned'), undefined, 'no script ran');
      assert.deepEqual(publicErrors, []);
      await shot(publicPage, 'public-incident');
      await publicPage.close();
      clean();
    });

    it('posts an update "monitoring" that the public page shows within seconds', async () => {
      await page.getByRole('link', { name: '状态页', exact: true }).click();
      const row = page.getByRole('row', { name: /Acme 云服务/ });
      await row.getByRole('link', { name: /\/status\/acme/ }).waitFor();
      await row.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Acme 云服务', level: 1 }).waitFor();

      const post = page.locator('article.sp-post', { hasText: '支付延迟' });
      await post.getByRole('button', { name: '发布更新' }).click();
      await post.getByLabel('阶段').selectOption('monitoring');
      await post.getByLabel('更新内容').fill('修复已上线，正在观察支付成功率。');
      const sent = Date.now();
      await post.getByRole('button', { name: '发布更新' }).click();
      await page.locator('.toast', { hasText: '更新已发布。' }).waitFor();
      await post.locator('.sp-meta [data-value="monitoring"]').first().waitFor();

      const publicPage = await context.newPage();
      await publicPage.goto(`${base}/status/acme`);
      await waitOnPublic(publicPage, '修复已上线，正在观察支付成功率。', 5000);
      assert.ok(Date.now() - sent < 5000, 'the update reached the public page within a few seconds');
      assert.ok(((await publicPage.textContent('body')) ?? '').includes('观察中'), 'the new stage in words');
      await shot(publicPage, 'public-update');
      await publicPage.close();
      clean();
    });

    it('schedules maintenance through the console and the public page shows its banner', async () => {
      await page.getByRole('heading', { name: 'Acme 云服务', level: 1 }).waitFor();

      await page.getByRole('button', { name: '安排维护' }).click();
      const form = page.locator('.sp-subform', { hasText: '涉及组件' });
      await form.getByLabel('标题').fill('支付网关升级');
      const now = Date.now();
      await form.getByLabel('开始时间').fill(shanghaiInput(now - 60_000));
      await form.getByLabel('结束时间').fill(shanghaiInput(now - 120_000));
      await form.getByLabel('说明', { exact: true }).fill('升级期间支付可能变慢。');
      await form.getByRole('checkbox', { name: '在线支付' }).check();
      await form.getByRole('button', { name: '保存维护计划' }).click();
      await form.getByText('结束时间必须晚于开始时间。').waitFor();
      await form.getByLabel('结束时间').fill(shanghaiInput(now + 3600_000));
      await form.getByRole('button', { name: '保存维护计划' }).click();
      await page.locator('.toast', { hasText: '维护已安排。' }).waitFor();
      const item = page.locator('[data-maintenance-id]', { hasText: '支付网关升级' });
      await item.getByText('进行中').waitFor();
      await item.getByText('涉及组件：在线支付').waitFor();
      await shot(page, 'maintenance');

      const publicPage = await context.newPage();
      await publicPage.goto(`${base}/status/acme`);
      await waitOnPublic(publicPage, '支付网关升级', 5000);
      const banner = publicPage.locator('article.mt', { hasText: '支付网关升级' });
      await banner.getByText('升级期间支付可能变慢。').waitFor();
      await publicPage.getByRole('heading', { name: '维护进行中' }).waitFor();
      await shot(publicPage, 'public-maintenance');
      await publicPage.close();
      clean();
    });

    it('lets an admin delete a page after confirming', async () => {
      const doomed = await api<{ id: string }>('POST', '/api/v1/status-pages', { slug: 'old-page', name: '旧状态页' });
      await page.getByRole('link', { name: '状态页', exact: true }).click();
      await page.getByRole('link', { name: '旧状态页' }).click();
      await page.waitForURL(`${base}/status-pages/${doomed.id}`);
      await page.getByRole('heading', { name: '旧状态页', level: 1 }).waitFor();
      await page.getByRole('button', { name: '删除状态页' }).click();
      const dialog = page.getByRole('dialog', { name: '删除这个状态页？' });
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '删除状态页' }).click();
      await dialog.getByRole('button', { name: '删除', exact: true }).click();
      await page.locator('.toast', { hasText: '状态页“旧状态页”已删除。' }).waitFor();
      await page.getByRole('heading', { name: '状态页', level: 1 }).waitFor();
      assert.equal(await page.getByRole('link', { name: '旧状态页' }).count(), 0);
      // The public side notices within its polling interval.
      let status = 0;
      for (let i = 0; i < 20 && status !== 404; i++) {
        status = (await fetch(`${base}/status/old-page`)).status;
        if (status !== 404) await page.waitForTimeout(250);
      }
      assert.equal(status, 404, 'the public address is gone');
      clean();
    });

    it('fits a phone, in English and dark mode', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.evaluate("localStorage.setItem('fenghuo.locale', 'en')");
      await page.goto(`${base}/status-pages`);
      await page.getByRole('heading', { name: 'Status pages', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Acme 云服务' }).click();
      await page.getByRole('heading', { name: 'Public incidents' }).waitFor();
      await page.getByRole('heading', { name: 'Scheduled maintenance' }).waitFor();
      await page.locator('article.sp-post').getByText('monitoring').first().waitFor();
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      const small = await page
        .locator('main a:visible, main button:visible')
        .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height < 40).map((el) => el.textContent?.trim() ?? ''));
      assert.deepEqual(small, [], 'every tap target is at least 40px high');
      const wide = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
      assert.ok(wide <= 1, `no sideways scrolling on a phone (${wide}px)`);
      await shot(page, 'phone-en-dark');
      clean();
    });
  });
}
