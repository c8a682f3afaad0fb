// The console's service catalog in real Chromium against the real server: creating a service
// through the form (the API's error on a bad ID shown on the field first), seeing it in the table
// and on the dependency graph, and its page — details, the runbook rendered without HTML, its
// monitors, integrations, escalation policy, open incidents and dependencies — then editing it.
// Screenshots: .test-artifacts/console-services-*.png.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { apiCaller, recordErrors } from '../helpers/console-browser.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, ROOT, serverEnv, startServer, type Server } from '../helpers/server-process.js';

const ARTIFACTS = join(ROOT, '.test-artifacts');
const RESPONDER = { email: 'svc.ops@example.com', password: 'responder-secret-3', name: 'Svc Ops' };
const RUNBOOK =
  '## 止血\n\n1. 切换到 **备用机房**\n2. 通知 `#oncall`\n\n<script>window.__injected = true</script>\n\n[值班手册](https://example.com/handbook)';

for (const dialect of DIALECTS) {
  describe(`console services in Chromium (${dialect})`, { timeout: 180_000 }, () => {
    let db: TestDatabase;
    let server: Server;
    let browser: Browser;
    let base = '';
    let token = '';
    let teamId = '';

    const api = apiCaller(
      () => base,
      () => token,
    );

    /** A signed-in page that records script errors and failed requests (`allow`: expected ones). */
    const signedIn = async (options: { locale?: string; width?: number; dark?: boolean; allow?: RegExp } = {}) => {
      const context = await browser.newContext({
        locale: options.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        colorScheme: options.dark ? 'dark' : 'light',
        viewport: { width: options.width ?? 1280, height: 900 },
      });
      const page = await context.newPage();
      const errors = recordErrors(page, options.allow);
      // Signed in through the API with the context's cookie jar: quicker than the form (tested in console-shell).
      const login = await context.request.post(`${base}/api/v1/auth/login`, {
        data: { email: RESPONDER.email, password: RESPONDER.password },
      });
      assert.equal(login.status(), 200);
      const close = async () => {
        await context.close();
        assert.deepEqual(errors, [], 'no script error or unexpected failed request in the console');
      };
      return { page, close };
    };

    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(ARTIFACTS, `console-services-${dialect}-${name}.png`), fullPage: true });

    before(async () => {
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = { ...serverEnv(db, port), FENGHUO_ADMIN_PASSWORD: 'first-start-secret' };
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'console-services', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();
      await api('POST', '/api/v1/users', { ...RESPONDER, role: 'responder' });
      await api('POST', '/api/v1/services', { id: 'gz-dc1', name: '广州一号机房', kind: 'facility' });
      await api('POST', '/api/v1/services', { id: 'mysql', name: 'MySQL 主库', kind: 'infrastructure', dependsOn: ['gz-dc1'] });
      teamId = (await api<{ id: string }>('POST', '/api/v1/teams', { name: '电商值班', members: [] })).id;
      await api('POST', '/api/v1/escalation-policies', {
        name: '电商升级策略',
        teamId,
        steps: [{ delayMinutes: 10, targets: [{ kind: 'team', id: teamId }] }],
        repeat: 1,
      });
      browser = await launchChromium();
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop();
    });

    it('creates a service through the form, after the API’s error on a bad ID, and draws it', async () => {
      const { page, close } = await signedIn({ allow: /status of 400/ });
      await page.goto(`${base}/services`);
      await page.getByRole('heading', { name: '服务目录', level: 1 }).waitFor();
      await page.locator('.dep-node[data-service-id="mysql"]').waitFor();
      await page.getByRole('button', { name: '新建服务' }).click();
      const form = page.locator('.service-form');
      await form.getByLabel('标识 (ID)').fill('Shop_Bad');
      await form.getByLabel('名称', { exact: true }).fill('网上商城');
      await form.getByLabel('类型', { exact: true }).selectOption('business');
      await form.getByLabel('核心业务（影响分级）').check();
      await form.getByLabel('直接面向用户').check();
      await form.getByLabel('MySQL 主库').check();
      await form.getByLabel('负责团队').fill('电商组');
      await form.getByLabel('值班团队').selectOption(teamId);
      await form.getByLabel('升级策略').selectOption({ label: '电商升级策略' });
      await form.getByLabel('RTO（分钟）').fill('30');
      await form.getByLabel('RPO（分钟）').fill('5');
      await form.getByLabel('应急预案 (Markdown)').fill(RUNBOOK);
      await form.getByRole('button', { name: '创建服务' }).click();

      const id = form.getByLabel('标识 (ID)');
      await form.locator('input[name="id"][aria-invalid="true"]').waitFor();
      await form.getByText('标识只能包含小写字母、数字和 -，并以字母或数字开头。').waitFor();
      await shot(page, 'form-error');
      await id.fill('shop');
      await form.getByRole('button', { name: '创建服务' }).click();
      await page.locator('.toast', { hasText: '服务“网上商城”已创建。' }).waitFor();
      assert.equal(await page.locator('.service-form').count(), 0, 'the form closed');
      const row = page.getByRole('row', { name: /网上商城/ });
      await row.waitFor();
      await row.getByText('核心业务').waitFor();
      await row.getByText('30 分钟').waitFor();
      await row.getByText('MySQL 主库').waitFor();
      await page.locator('.dep-node[data-service-id="shop"]').waitFor();
      await shot(page, 'catalog');

      const stored = await api<{ dependsOn: string[]; critical: boolean; rtoMinutes: number; escalationPolicyId: string | null }>(
        'GET',
        '/api/v1/services/shop',
      );
      assert.deepEqual(stored.dependsOn, ['mysql']);
      assert.equal(stored.critical, true);
      assert.equal(stored.rtoMinutes, 30);
      assert.ok(stored.escalationPolicyId);
      await close();
    });

    it('opens the service page: runbook without HTML, monitors, integrations, policy, incidents, dependencies', async () => {
      const { monitor } = await api<{ monitor: { id: string } }>('POST', '/api/v1/monitors', {
        name: '商城首页',
        serviceId: 'shop',
        kind: 'tcp',
        config: { host: '127.0.0.1', port: 9 },
        intervalSeconds: 86_400,
      });
      await api('POST', `/api/v1/monitors/${monitor.id}/pause`); // nothing runs: the incident below is the only one
      await api('POST', '/api/v1/integrations', { name: '商城告警', kind: 'alertmanager', serviceId: 'shop' });
      const incident = await api<{ number: number }>('POST', '/api/v1/incidents', {
        title: '下单失败',
        services: ['shop'],
        impact: 'outage',
      });

      const { page, close } = await signedIn();
      await page.goto(`${base}/services`);
      await page.locator('.dep-node[data-service-id="shop"]').click();
      await page.waitForURL(`${base}/services/shop`);
      await page.getByRole('heading', { name: '网上商城', level: 1 }).waitFor();

      const runbook = page.locator('.markdown');
      await runbook.getByRole('heading', { name: '止血' }).waitFor();
      assert.equal(await runbook.locator('strong').first().textContent(), '备用机房');
      assert.equal(await runbook.locator('script').count(), 0, 'no element from the runbook’s HTML');
      await runbook.getByText('<script>window.__injected = true</script>').waitFor();
      assert.equal(await page.evaluate('window.__injected'), undefined);
      assert.equal(await runbook.getByRole('link', { name: '值班手册' }).getAttribute('rel'), 'noopener noreferrer');

      await page.locator(`[data-incident-number="${incident.number}"]`).getByText('下单失败').waitFor();
      await page
        .locator('section', { has: page.getByRole('heading', { name: '监控' }) })
        .getByRole('link', { name: '商城首页' })
        .waitFor();
      await page
        .locator('section', { has: page.getByRole('heading', { name: '集成' }) })
        .getByText('商城告警')
        .waitFor();
      const policy = page.locator('section', { has: page.getByRole('heading', { name: '升级策略' }) });
      await policy.getByText('电商升级策略').waitFor();
      await policy.getByText('团队：电商值班').waitFor();
      await policy.getByText('10 分钟后进入下一步').waitFor();
      const deps = page.locator('section', { has: page.getByRole('heading', { name: '依赖关系' }) });
      await deps.getByRole('link', { name: 'MySQL 主库' }).waitFor();
      await shot(page, 'detail');

      // What depends on MySQL: the new service.
      await deps.getByRole('link', { name: 'MySQL 主库' }).click();
      await page.getByRole('heading', { name: 'MySQL 主库', level: 1 }).waitFor();
      await page
        .locator('section', { has: page.getByRole('heading', { name: '依赖关系' }) })
        .getByRole('link', { name: '网上商城' })
        .click();
      await page.getByRole('heading', { name: '网上商城', level: 1 }).waitFor();

      // Edit: the RTO changes.
      await page.getByRole('button', { name: '编辑' }).click();
      await page.locator('.service-form').getByLabel('RTO（分钟）').fill('60');
      await page.locator('.service-form').getByRole('button', { name: '保存修改' }).click();
      await page.locator('.toast', { hasText: '修改已保存。' }).waitFor();
      await page
        .locator('section', { has: page.getByRole('heading', { name: '基本信息' }) })
        .getByText('60 分钟')
        .waitFor();
      await close();
    });

    it('fits a phone, reads in English, in the dark', async () => {
      const { page, close } = await signedIn({ locale: 'en-US', width: 390, dark: true });
      await page.goto(`${base}/services/shop`);
      await page.getByRole('heading', { name: 'Details' }).waitFor();
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'follows the dark system preference');
      await page.getByText('Core business').first().waitFor();
      const small = await page
        .locator('main a:visible, main button:visible')
        .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height < 40).map((el) => el.textContent?.trim() ?? ''));
      assert.deepEqual(small, [], 'every tap target is at least 40px high');
      await shot(page, 'phone-en');
      await page.goto(`${base}/services`);
      await page.getByRole('heading', { name: 'Service catalog', level: 1 }).waitFor();
      await close();
    });
  });
}
