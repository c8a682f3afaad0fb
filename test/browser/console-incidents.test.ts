// The console's incident screens in real Chromium (Debian's, driven by playwright-core) against the
// real server process: the list with its filters in the address and a new incident arriving live;
// the session and the first page asked for early, while the screen's code loads;
// the incident page with its level and reasons, the dependency graph, the runbook, and the work of
// an incident (acknowledge, an update, a role, lowering the level with and without a reason,
// resolve), a change made elsewhere showing up live, English, dark mode and a phone.
// Screenshots go to .test-artifacts/console-incidents-*.png.

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
const ADMIN_PASSWORD = 'first-start-secret';
const RESPONDER = { email: 'mei.chen@example.com', password: 'responder-secret-2', name: 'Mei Chen' };
const LEVEL_ZH = ['', '一级', '二级', '三级', '四级'];
const RUNBOOK =
  '# Cooling failure\n\n1. Call the **DC1** facility desk\n2. Fail payments over to `gz-dc2`\n\n<script>window.__pwned = true</script>';

interface Incident {
  id: string;
  number: number;
  level: number;
  title: string;
}

// The two dialects run side by side (each with its own server and browser): the file stays well
// inside the runner's five minutes on a busy machine.
describe('console incidents', { concurrency: DIALECTS.length }, () => {
  for (const dialect of DIALECTS) {
    describe(`console incidents in Chromium (${dialect})`, { timeout: 240_000 }, () => {
      let db: TestDatabase;
      let server: Server;
      let browser: Browser;
      let base = '';
      let token = '';
      let grave: Incident;
      let mild: Incident;

      const api = apiCaller(
        () => base,
        () => token,
      );

      /** A signed-in responder in a fresh context; script errors and failed requests are recorded. */
      const open = async (options: { locale?: string; width?: number; height?: number } = {}) => {
        const context = await browser.newContext({
          locale: options.locale ?? 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          colorScheme: 'light',
          viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
        });
        const page = await context.newPage();
        const errors = recordErrors(page);
        await page.goto(`${base}/`);
        await page.waitForURL(/\/login/);
        await page.fill('input[name="email"]', RESPONDER.email);
        await page.fill('input[name="password"]', RESPONDER.password);
        await page.click('button[type="submit"]');
        await page.waitForURL(`${base}/`);
        return { context, page, errors };
      };

      const shot = (page: Page, name: string) =>
        page.screenshot({ path: join(ARTIFACTS, `console-incidents-${dialect}-${name}.png`), fullPage: true });

      /** `expected`: console errors the test caused on purpose (a 400 the form shows), each allowed once. */
      const closeClean = async (context: BrowserContext, errors: string[], expected: RegExp[] = []) => {
        await context.close();
        const left = [...expected];
        const unexpected = errors.filter((e) => {
          const i = left.findIndex((re) => re.test(e));
          if (i === -1) return true;
          left.splice(i, 1);
          return false;
        });
        assert.deepEqual(unexpected, [], 'no script error, failed request or CSP violation in the console');
      };

      const row = (page: Page, incident: Incident) =>
        page.locator('.incident-table tbody tr', { has: page.getByRole('link', { name: `#${incident.number} ${incident.title}` }) });

      before(async () => {
        db = await createTestDatabase(dialect);
        const port = await freePort();
        base = `http://127.0.0.1:${port}`;
        const env = { ...serverEnv(db, port), FENGHUO_ADMIN_PASSWORD: ADMIN_PASSWORD };
        server = await startServer(env, base);
        const created = cli(env, ['token', 'create', '--name', 'incidents-test', '--role', 'admin']);
        assert.equal(created.status, 0, created.stderr);
        token = created.stdout.trim();
        await api('POST', '/api/v1/users', { ...RESPONDER, role: 'responder' });
        await api('POST', '/api/v1/services', { id: 'gz-dc1', name: 'GZ DC1', kind: 'facility' });
        await api('POST', '/api/v1/services', { id: 'pay-db', name: 'Payments DB', kind: 'infrastructure', dependsOn: ['gz-dc1'] });
        await api('POST', '/api/v1/services', {
          id: 'payment',
          name: 'Payment',
          kind: 'business',
          critical: true,
          payment: true,
          userFacing: true,
          dependsOn: ['pay-db'],
          runbook: RUNBOOK,
        });
        await api('POST', '/api/v1/services', { id: 'wiki', name: 'Wiki', kind: 'business' });
        grave = await api<Incident>('POST', '/api/v1/incidents', {
          title: 'GZ DC1 cooling failure',
          affected: [{ service: 'gz-dc1', impact: 'outage' }],
        });
        mild = await api<Incident>('POST', '/api/v1/incidents', { title: 'Wiki slow', services: ['wiki'], impact: 'degraded' });
        assert.ok(grave.level < mild.level, `distinct levels: ${grave.level} and ${mild.level}`);
        browser = await launchChromium();
        mkdirSync(ARTIFACTS, { recursive: true });
      });
      after(async () => {
        await browser?.close();
        await server?.stop();
        await db?.drop();
      });

      it('lists incidents, filters by level and text in the address, and shows a new one live', async () => {
        const { context, page, errors } = await open();
        await page.goto(`${base}/incidents`);
        await page.getByRole('heading', { name: '事件', level: 1 }).waitFor();
        await row(page, grave).waitFor();
        await row(page, mild).waitFor();
        assert.equal((await row(page, grave).locator('.level-badge').textContent())?.trim(), LEVEL_ZH[grave.level]);
        assert.equal(await row(page, grave).getByRole('link').first().getAttribute('href'), `/incidents/${grave.number}`);

        await page.getByLabel('级别').selectOption(String(grave.level));
        await page.waitForURL(new RegExp(`\\?level=${grave.level}$`));
        await row(page, mild).waitFor({ state: 'detached' });
        await row(page, grave).waitFor();

        await page.getByLabel('标题包含').fill('cooling');
        await page.getByLabel('标题包含').press('Enter');
        await page.waitForURL(/level=\d&q=cooling$/);
        await row(page, grave).waitFor();
        await page.reload(); // the filters live in the address
        await row(page, grave).waitFor();
        assert.equal(await page.getByLabel('标题包含').inputValue(), 'cooling');
        assert.equal(await page.getByLabel('级别').inputValue(), String(grave.level));
        assert.equal(await page.locator('.incident-table tbody tr').count(), 1);
        await page.getByLabel('标题包含').fill('no such incident');
        await page.getByRole('button', { name: '筛选', exact: true }).click();
        await page.getByText('没有符合条件的事件。').waitFor();
        await shot(page, 'list-filtered');

        await page.getByRole('button', { name: '清除筛选' }).click();
        await page.waitForURL(`${base}/incidents`);
        await row(page, mild).waitFor();
        await page.locator('.live[data-status="live"]').waitFor({ timeout: 10_000 });
        await page.evaluate('window.__sameDocument = true');
        const fresh = await api<Incident>('POST', '/api/v1/incidents', {
          title: 'Checkout errors',
          services: ['payment'],
          impact: 'degraded',
        });
        await row(page, fresh).waitFor({ timeout: 5_000 });
        assert.equal(await page.evaluate('window.__sameDocument'), true, 'no reload happened');
        await shot(page, 'list');
        await closeClean(context, errors);
      });

      it('asks for the session and the first page at start, each once, and the screen with the page', async () => {
        const { context, page: signedIn, errors } = await open();
        // A new tab of the signed-in session: only this load's requests are counted.
        const page = await context.newPage();
        page.on('pageerror', (err) => errors.push(err.message));
        const seen: string[] = [];
        page.on('request', (r) => seen.push(`asked ${new URL(r.url()).pathname}${new URL(r.url()).search}`));
        page.on('requestfinished', (r) => seen.push(`got ${new URL(r.url()).pathname}`));
        await signedIn.close();
        await page.goto(`${base}/incidents?q=cooling&level=${grave.level}`);
        await row(page, grave).waitFor();
        const asked = (prefix: string) => seen.filter((e) => e.startsWith(`asked ${prefix}`));
        // Requested early by the main bundle (src/app/boot.ts) and taken by the screen: never twice.
        assert.equal(asked('/api/v1/auth/me').length, 1, seen.join('\n'));
        assert.deepEqual(asked('/api/v1/incidents'), [`asked /api/v1/incidents?level=${grave.level}&q=cooling&limit=50`], seen.join('\n'));
        // The ICU warm-up worker (src/app/warm-intl.ts) starts with the main bundle.
        assert.ok(
          seen.some((e) => /^asked \/assets\/warm-intl\.worker-[\w-]+\.js$/.test(e)),
          seen.join('\n'),
        );
        // The screen's chunk is named by the page the server sent (src/api/routes/console-preload.ts):
        // asked for before the main bundle has even arrived, and only once.
        const chunkAsked = seen.filter((e) => /^asked \/assets\/IncidentsScreen-[\w-]+\.js$/.test(e));
        assert.equal(chunkAsked.length, 1, seen.join('\n'));
        const mainArrived = seen.findIndex((e) => /^got \/assets\/index-[\w-]+\.js$/.test(e));
        assert.notEqual(mainArrived, -1, seen.join('\n'));
        assert.ok(seen.indexOf(chunkAsked[0] ?? '') < mainArrived, seen.join('\n'));
        // Its stylesheets, preloaded by that page too, are fetched once: the preload is what the
        // screen's own stylesheet link then uses (same CORS mode), not a second download.
        const stylesAsked = seen.filter((e) => /^asked \/assets\/[\w-]+\.css$/.test(e));
        assert.ok(
          stylesAsked.some((e) => /IncidentsScreen-/.test(e)),
          seen.join('\n'),
        );
        assert.deepEqual(stylesAsked, [...new Set(stylesAsked)], seen.join('\n'));
        assert.equal(await page.locator('.incident-table tbody tr').count(), 1);
        await closeClean(context, errors);
      });

      it('shows an incident with its level, reasons, graph and runbook, and works it through to resolved', async () => {
        const { context, page, errors } = await open();
        await page.goto(`${base}/incidents`);
        await row(page, grave).getByRole('link').first().click();
        await page.waitForURL(`${base}/incidents/${grave.number}`);
        await page.getByRole('heading', { name: `#${grave.number} ${grave.title}`, level: 1 }).waitFor();
        const headline = page.locator('.incident-headline');
        assert.equal((await headline.locator('.level-badge').textContent())?.trim(), LEVEL_ZH[grave.level]);
        assert.match((await headline.locator('.incident-level-label').textContent()) ?? '', new RegExp(LEVEL_ZH[grave.level] ?? ''));
        await page.getByRole('heading', { name: '级别与原因' }).waitFor();
        const reason = page.locator('.incident-reason-detail').first();
        assert.match((await reason.textContent()) ?? '', /gz-dc1|payment/, 'the rule says what fired');

        // The graph: the facility hit directly, the services above it reached through the catalog.
        const node = (id: string) => page.locator(`svg .dep-node[data-service-id="${id}"]`);
        assert.equal(await node('gz-dc1').getAttribute('data-impact'), 'outage');
        assert.equal(await node('pay-db').getAttribute('data-impact'), 'reached');
        assert.equal(await node('payment').getAttribute('data-impact'), 'reached');
        assert.equal(await node('wiki').count(), 0, 'only what the incident touches');
        const x = async (id: string) => Number((await node(id).getAttribute('transform'))?.match(/translate\(([\d.]+)/)?.[1]);
        assert.ok(
          (await x('gz-dc1')) < (await x('pay-db')) && (await x('pay-db')) < (await x('payment')),
          'facility → infrastructure → business',
        );
        const list = page.getByRole('list', { name: '服务及其依赖（列表）' });
        assert.match((await list.textContent()) ?? '', /GZ DC1.*受影响：中断/);

        // The runbook is rendered as text: its markup never becomes HTML.
        const runbook = page.locator('.runbook[data-service-id="payment"]');
        await runbook.getByRole('heading', { name: 'Cooling failure' }).waitFor();
        await runbook.locator('li strong', { hasText: 'DC1' }).waitFor();
        assert.equal(await runbook.locator('script').count(), 0);
        assert.match((await runbook.textContent()) ?? '', /<script>window.__pwned = true<\/script>/);
        assert.equal(await page.evaluate('window.__pwned'), undefined);
        await shot(page, 'incident');

        await page.getByRole('button', { name: '确认', exact: true }).click();
        await page.locator('.toast', { hasText: '事件已确认。' }).waitFor();
        await headline.getByText('已确认').waitFor();
        assert.equal(await page.getByRole('button', { name: '确认', exact: true }).count(), 0, 'only valid actions are offered');

        await page.getByLabel('新的进展').fill('Facility team on site; failover to DC2 started.');
        await page.getByRole('button', { name: '发布更新' }).click();
        await page.locator('.toast', { hasText: '更新已发布。' }).waitFor();
        await page.locator('.incident-updates').getByText('Facility team on site; failover to DC2 started.').waitFor();

        await page.getByRole('button', { name: '由我担任事件指挥' }).click();
        await page.locator('[data-role="commander"] .incident-role-holder', { hasText: RESPONDER.name }).waitFor();

        // Lowering the level: without a reason the form says why it failed; with one it works.
        const lower = grave.level + 1;
        await page.getByLabel('新级别').selectOption(String(lower));
        await page.getByText('这是降低级别，必须填写原因。').waitFor();
        await page.getByRole('button', { name: '调整级别' }).click();
        await page.locator('.field-error', { hasText: '降低级别时需要填写原因。' }).waitFor();
        await page.getByLabel('原因', { exact: true }).fill('Only one payment channel is affected.');
        await page.getByRole('button', { name: '调整级别' }).click();
        await page.locator('.toast', { hasText: `级别已改为${LEVEL_ZH[lower]}。` }).waitFor();
        await headline.locator('.level-badge', { hasText: LEVEL_ZH[lower] ?? '' }).waitFor();
        await page.locator('.incident-timeline').getByText('Only one payment channel is affected.').waitFor();

        await page.getByRole('button', { name: '解决', exact: true }).click();
        await page.locator('.toast', { hasText: '事件已解决。' }).waitFor();
        await headline.getByText('已解决').waitFor();
        await page.getByRole('button', { name: '重新打开' }).waitFor();
        await page.locator('[data-milestone="resolvedAt"] time').waitFor();
        await shot(page, 'incident-resolved');
        await closeClean(context, errors, [/status of 400/]);
      });

      it('shows the regulator clock, drafts the initial report, and the postmortem written on resolution, printable in both languages', async () => {
        const outage = await api<Incident & { regulatorReport: { required: boolean; dueAt: string } }>('POST', '/api/v1/incidents', {
          title: 'Payments down',
          affected: [{ service: 'payment', impact: 'outage' }],
        });
        assert.equal(outage.level, 1, 'a payment outage is level 1 under the default policy');
        assert.ok(outage.regulatorReport.required && outage.regulatorReport.dueAt);
        const { context, page, errors } = await open();
        await page.goto(`${base}/incidents/${outage.number}`);
        const section = page.locator('section[aria-labelledby="incident-reporting"]');
        await section.getByRole('heading', { name: '监管报告时限' }).waitFor();
        assert.equal(await section.locator('.reporting-clock').getAttribute('data-state'), 'due');
        assert.match((await section.locator('.reporting-clock').textContent()) ?? '', /待报送\s*截止/);

        await section.getByRole('button', { name: '起草初报' }).click();
        await section.locator('li[data-report="initial"]').waitFor();
        assert.match((await section.locator('li[data-report="initial"]').textContent()) ?? '', /初报 · 草稿/);
        const print = await section.locator('li[data-report="initial"]').getByRole('link', { name: '打印版（中文）' }).getAttribute('href');
        const printed = await context.request.get(`${base}${print}`);
        assert.equal(printed.status(), 200);
        assert.match(printed.headers()['content-type'] ?? '', /^text\/html/);
        assert.match(await printed.text(), /Payments down/);

        // Nothing owed yet but owed at this level; resolving (elsewhere) writes the draft, shown live.
        assert.match((await section.textContent()) ?? '', /此级别需要复盘/);
        await api('POST', `/api/v1/incidents/${outage.id}/resolve`);
        await section.locator('[data-postmortem="draft"]').waitFor({ timeout: 10_000 });
        const md = await section.locator('[data-postmortem]').getByRole('link', { name: 'Markdown（English）' }).getAttribute('href');
        const markdown = await context.request.get(`${base}${md}`);
        assert.equal(markdown.status(), 200);
        assert.match(await markdown.text(), /Payments down/);
        await page
          .locator('.incident-timeline')
          .getByText(/复盘：/)
          .first()
          .waitFor();
        await shot(page, 'reporting');
        await closeClean(context, errors);
      });

      it('follows a change made elsewhere live, and reads in English, in the dark and on a phone', async () => {
        const { context, page, errors } = await open({ width: 390, height: 844 });
        await page.goto(`${base}/incidents/${mild.number}`);
        await page.locator('.incident-headline').getByText('已触发').waitFor();
        await page.locator('.live[data-status="live"]').waitFor({ timeout: 10_000 });
        await page.evaluate('window.__sameDocument = true');
        await api('POST', `/api/v1/incidents/${mild.id}/acknowledge`, { note: 'from the e-mail link' });
        await page.locator('.incident-headline').getByText('已确认').waitFor({ timeout: 5_000 });
        await page.locator('.incident-timeline').getByText('from the e-mail link').waitFor();
        assert.equal(await page.evaluate('window.__sameDocument'), true, 'no reload happened');

        const small = await page
          .locator('main a:visible, main button:visible')
          .evaluateAll((els) =>
            els.filter((el) => el.getBoundingClientRect().height < 40).map((el) => `${el.tagName} "${el.textContent?.trim() ?? ''}"`),
          );
        assert.deepEqual(small, [], 'every tap target is at least 40px high');
        await shot(page, 'phone');

        await page.getByRole('button', { name: '菜单' }).click();
        await page.getByRole('button', { name: '切换到英文' }).click();
        await page.getByRole('heading', { name: 'Level and why' }).waitFor();
        await page.locator('.incident-headline .level-badge', { hasText: `Level ${mild.level}` }).waitFor();
        await page.getByRole('button', { name: 'Mark mitigated' }).waitFor();
        await page.getByRole('button', { name: 'Dark mode' }).click();
        assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
        await page.setViewportSize({ width: 1280, height: 900 });
        await shot(page, 'incident-en-dark');
        await closeClean(context, errors);
      });
    });
  }
});
