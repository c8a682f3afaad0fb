// The console's monitor screens in real Chromium against the real server: 301 monitors in a
// virtualised list (only a window of rows in the DOM, the last one reached by scrolling and by
// keyboard), filters in the address, a live state change without refetching the list, a monitor
// page whose chart and history fill after "check now", and the create form (a field error from the
// API, a heartbeat's push URL shown once). Screenshots: .test-artifacts/console-monitors-*.png.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { apiCaller, recordErrors } from '../helpers/console-browser.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, ROOT, serverEnv, startServer, type Server } from '../helpers/server-process.js';

const ARTIFACTS = join(ROOT, '.test-artifacts');
const RESPONDER = { email: 'mon.ops@example.com', password: 'responder-secret-2', name: 'Mon Ops' };
const BULK = 300;
const bulkName = (i: number) => `bulk-${String(i).padStart(3, '0')}`;

// Both dialects at once (each in order inside): creating 300 monitors twice, one after the other,
// would take much of the 300 s the runner gives a file on a busy machine.
describe('console monitors in Chromium', { concurrency: true }, () => {
  for (const dialect of DIALECTS) {
    describe(`console monitors in Chromium (${dialect})`, { timeout: 280_000, concurrency: 1 }, () => {
      let db: TestDatabase;
      let server: Server;
      let target: HttpServer;
      let browser: Browser;
      let base = '';
      let token = '';
      let targetUrl = '';
      /** What the local target answers at /big.json (the 10,000-monitor list, when set). */
      let bigList = '';
      let httpMonitorId = '';

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
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
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
        page.screenshot({ path: join(ARTIFACTS, `console-monitors-${dialect}-${name}.png`), fullPage: true });
      const domRows = (page: Page) => page.locator('.vlist-body [role="row"]').count();

      before(async () => {
        target = createServer((req, res) => {
          if (req.url === '/big.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(bigList);
          setTimeout(() => res.end('ok'), 5);
        });
        await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
        targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
        db = await createTestDatabase(dialect);
        const port = await freePort();
        base = `http://127.0.0.1:${port}`;
        const env = { ...serverEnv(db, port), FENGHUO_ADMIN_PASSWORD: 'first-start-secret' };
        server = await startServer(env, base);
        const created = cli(env, ['token', 'create', '--name', 'console-monitors', '--role', 'admin']);
        assert.equal(created.status, 0, created.stderr);
        token = created.stdout.trim();
        await api('POST', '/api/v1/users', { ...RESPONDER, role: 'responder' });
        await api('POST', '/api/v1/services', { id: 'shop', name: 'Shop', critical: true });
        // 300 paused monitors (a day apart and paused, so none runs), 10 requests at a time.
        const indexes = Array.from({ length: BULK }, (_, i) => i + 1);
        for (let i = 0; i < indexes.length; i += 10) {
          await Promise.all(
            indexes.slice(i, i + 10).map(async (n) => {
              const { monitor } = await api<{ monitor: { id: string } }>('POST', '/api/v1/monitors', {
                name: bulkName(n),
                serviceId: 'shop',
                kind: 'http',
                config: { url: `${targetUrl}?n=${n}` },
                intervalSeconds: 86_400,
              });
              await api('POST', `/api/v1/monitors/${monitor.id}/pause`);
            }),
          );
        }
        const http = await api<{ monitor: { id: string } }>('POST', '/api/v1/monitors', {
          name: 'Shop homepage',
          serviceId: 'shop',
          kind: 'http',
          config: { url: targetUrl },
          intervalSeconds: 3600,
        });
        httpMonitorId = http.monitor.id;
        browser = await launchChromium();
        mkdirSync(ARTIFACTS, { recursive: true });
      });
      after(async () => {
        await browser?.close();
        await server?.stop();
        await db?.drop();
        await new Promise((resolve) => target?.close(resolve));
      });

      it('lists 301 monitors with only a window of rows in the DOM, to the last one, live', async () => {
        const { page, close } = await signedIn();
        await page.goto(`${base}/monitors`);
        await page.getByRole('heading', { name: '监控', level: 1 }).waitFor();
        await page.getByText('共 301 个监控').waitFor();
        const table = page.getByRole('table', { name: '监控列表' });
        assert.equal(await table.getAttribute('aria-rowcount'), '302', 'the table tells screen readers its real size');
        const first = await domRows(page);
        assert.ok(first > 5 && first < 60, `only a window of rows is drawn: ${first} of 301`);
        await page.locator('[data-monitor-name="Shop homepage"]').waitFor(); // checked monitors before paused ones
        assert.equal(
          (await page.locator('.vlist-row svg.uptime-bars').first().locator('path').count()) <= 4,
          true,
          'bars: one path a colour',
        );
        await shot(page, 'list');

        await page.locator('.vlist-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
        await page.locator(`[data-monitor-name="${bulkName(BULK)}"]`).waitFor();
        assert.ok((await domRows(page)) < 60, 'still a window after scrolling to the end');
        assert.equal(await page.locator('[data-monitor-name="Shop homepage"]').count(), 0, 'rows scrolled away left the DOM');
        await shot(page, 'list-end');

        // Keyboard: Home goes back to the first row, End to the last, Enter opens it.
        await page.locator('.vlist-row[tabindex="0"]').focus();
        await page.keyboard.press('Home');
        await page.locator('.vlist-row[data-index="0"]:focus').waitFor();
        await page.keyboard.press('End');
        await page.locator(`.vlist-row[data-index="${BULK}"]:focus`).waitFor();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: bulkName(BULK), level: 1 }).waitFor();
        await page.goBack();

        // Filters live in the address.
        await page.getByPlaceholder('按名称或服务筛选').fill('bulk-29');
        await page.getByText('显示 10 个，共 301 个监控').waitFor();
        assert.match(page.url(), /\?q=bulk-29$/);
        await page.getByPlaceholder('按名称或服务筛选').fill('');
        await page.locator('.monitor-filter-state select').selectOption('paused');
        await page.getByText('显示 300 个，共 301 个监控').waitFor();
        await page.reload();
        await page.getByText('显示 300 个，共 301 个监控').waitFor();

        // Live: a state change moves the row in place, without fetching the list again.
        await page.goto(`${base}/monitors?q=homepage`);
        const row = page.locator('.vlist-row', { has: page.locator('[data-monitor-name="Shop homepage"]') });
        await row.waitFor();
        await page.locator('.live[data-status="live"]').waitFor({ timeout: 10_000 });
        let listFetches = 0;
        page.on('request', (req) => {
          if (/\/api\/v1\/monitors\?/.test(req.url())) listFetches++;
        });
        await api('POST', `/api/v1/monitors/${httpMonitorId}/pause`);
        await row.getByText('已暂停').waitFor({ timeout: 5_000 });
        await api('POST', `/api/v1/monitors/${httpMonitorId}/resume`);
        await row.locator('.status-badge', { hasNotText: '已暂停' }).waitFor({ timeout: 5_000 });
        assert.equal(listFetches, 0, 'the row changed in place');
        await close();
      });

      it('opens a monitor page: check now, then its latency chart and check history', async () => {
        const { page, close } = await signedIn();
        await page.goto(`${base}/monitors?q=homepage`);
        await page.locator('[data-monitor-name="Shop homepage"]').click();
        await page.waitForURL(`${base}/monitors/${httpMonitorId}`);
        await page.getByRole('heading', { name: 'Shop homepage', level: 1 }).waitFor();
        await page.getByRole('button', { name: '立即检查' }).click();
        await page.locator('.toast', { hasText: '检查结果：正常' }).waitFor();
        const chart = page.locator('svg.line-chart');
        await chart.waitFor();
        const marks = await chart.locator('.series path, .series circle').count();
        assert.ok(marks > 0, 'the chart draws the check');
        await page.getByRole('table', { name: '检查记录，最新的在前' }).getByText('正常').first().waitFor();
        await page.getByRole('table', { name: '每个检查位置的当前判定' }).getByText('local').waitFor();
        await shot(page, 'detail');
        await page.getByRole('button', { name: '小时' }).click();
        assert.match(page.url(), /\?grain=hour$/);
        assert.equal(await page.getByRole('button', { name: '小时' }).getAttribute('aria-pressed'), 'true');
        await chart.waitFor();
        await close();
      });

      it('creates monitors through the form: the API’s field error, then a heartbeat’s push URL once', async () => {
        const { page, close } = await signedIn({ allow: /status of 400/ });
        await page.goto(`${base}/monitors`);
        await page.getByRole('button', { name: '新建监控' }).click();
        const form = page.locator('.monitor-form');
        await form.getByLabel('名称', { exact: true }).fill('Checkout API');
        await form.getByLabel('地址 (URL)').fill('ftp://example.com/');
        await form.getByRole('button', { name: '创建监控' }).click();
        const url = form.getByLabel('地址 (URL)');
        await form.locator('input[name="url"][aria-invalid="true"]').waitFor();
        assert.ok(await form.locator('.field[data-invalid] .field-error').count(), 'the URL field says what is wrong');
        await url.fill(targetUrl);
        await form.getByRole('button', { name: '创建监控' }).click();
        await page.locator('.toast', { hasText: '监控“Checkout API”已创建。' }).waitFor();
        await page.getByText('共 302 个监控').waitFor();

        await page.getByRole('button', { name: '新建监控' }).click();
        await form.getByLabel('名称', { exact: true }).fill('Nightly backup');
        await form.getByLabel('类型', { exact: true }).selectOption('heartbeat');
        await form.getByLabel('检查间隔（秒）').fill('86400');
        await form.getByRole('button', { name: '创建监控' }).click();
        const push = page.getByRole('textbox', { name: '心跳上报地址' });
        await push.waitFor();
        assert.match(await push.inputValue(), /^https?:\/\/[^/]+\/api\/push\/fhp_[^?]+\?status=up/);
        await page.getByRole('button', { name: '复制' }).click();
        await page.locator('.toast', { hasText: '已复制到剪贴板。' }).waitFor();
        assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), await push.inputValue());
        await shot(page, 'push-url');
        const first = await push.inputValue();
        await page.getByRole('button', { name: '我已保存' }).click();
        assert.equal(await push.count(), 0, 'shown once');

        // Lost it? The monitor's page makes a new one (after asking: the old one stops working).
        await page.getByPlaceholder('按名称或服务筛选').fill('Nightly');
        await page.locator('[data-monitor-name="Nightly backup"]').click();
        await page.getByRole('button', { name: '更换上报地址' }).click();
        await page.getByRole('dialog', { name: '更换心跳上报地址？' }).getByRole('button', { name: '更换上报地址' }).click();
        await push.waitFor();
        assert.notEqual(await push.inputValue(), first);
        await close();
      });

      // The console's own rendering, whatever the database: once is enough.
      if (dialect === 'sqlite')
        it('keeps a window of rows with 10,000 monitors, and scrolls through them', async (t) => {
          // The server's list answer is stood in for in the page (creating 10,000 monitors is the
          // bench's job): this measures the console's own rendering.
          const { page, close } = await signedIn();
          const since = new Date().toISOString();
          const items = Array.from({ length: 10_000 }, (_, i) => ({
            ...{ id: `syn-${i}`, name: `synthetic-${String(i).padStart(5, '0')}`, serviceId: 'shop', kind: 'http', paused: false },
            ...{ state: i % 97 === 0 ? 'down' : 'up', stateSince: since, intervalSeconds: 60, locations: ['local'], lastCheckAt: since },
            ...{ lastStatus: 'up', lastLatencyMs: 20 + (i % 50), lastError: null },
            uptime90d: Array.from({ length: 90 }, (_, d) => (d < 10 ? null : (d + i) % 13 === 0 ? 97.5 : 100)),
          }));
          bigList = JSON.stringify({ items, nextCursor: null });
          // Fetched from the local target instead (over the network, as the server's answer would be).
          const big = targetUrl.replace('/health', '/big.json');
          await page.route(/\/api\/v1\/monitors\?/, (route) => route.continue({ url: big }));
          const started = Date.now();
          await page.goto(`${base}/monitors`);
          await page.getByText('共 10000 个监控').waitFor();
          t.diagnostic(`10,000 monitors on screen ${Date.now() - started} ms after navigating`);
          assert.ok((await domRows(page)) < 60, 'a window of rows, not 10,000');
          // 60 frames of fast scrolling: rows are drawn as they come into view.
          const slowest = await page.evaluate<number>(`new Promise((resolve) => {
          const el = document.querySelector('.vlist-scroll');
          let last = performance.now(), worst = 0, n = 0;
          const step = () => {
            const now = performance.now();
            worst = Math.max(worst, now - last);
            last = now;
            el.scrollTop += 8000;
            if (++n < 60) requestAnimationFrame(step);
            else resolve(worst);
          };
          requestAnimationFrame(step);
        })`);
          t.diagnostic(`slowest frame while scrolling: ${Math.round(slowest)} ms`);
          await page.locator('.vlist-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
          await page.locator('[data-monitor-name="synthetic-09999"]').waitFor();
          assert.ok((await domRows(page)) < 60, 'still a window at the end');
          await close();
        });

      it('fits a phone, reads in English, in the dark', async () => {
        const { page, close } = await signedIn({ locale: 'en-US', width: 390, dark: true });
        await page.goto(`${base}/monitors`);
        await page.getByRole('heading', { name: 'Monitors', level: 1 }).waitFor();
        assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'follows the dark system preference');
        await page.locator('[data-monitor-name="Shop homepage"]').waitFor();
        assert.ok((await domRows(page)) < 40, 'a window of rows on a phone too');
        const small = await page
          .locator('main a:visible, main button:visible')
          .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height < 40).map((el) => el.textContent?.trim() ?? ''));
        assert.deepEqual(small, [], 'every tap target is at least 40px high');
        await shot(page, 'phone-en');
        await close();
      });
    });
  }
});
