// The console's whole first-response flow in real Chromium against the real server, as issue 6
// asks: sign in through the form; create a service through the form; a PagerDuty-format event sent
// by plain HTTP (as curl would) opens an incident that appears on the open incident list without a
// reload; open it, see its level and the rule that fired; acknowledge and resolve; switch to
// English and back. Screenshots go to test-results/ (kept by CI as artifacts).

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { closeClean, recordErrors, signIn, startConsoleServer, type ApiCall, type ConsoleServer } from '../helpers/console-browser.js';
import { DIALECTS } from '../helpers/dialects.js';
import { ROOT } from '../helpers/server-process.js';

const RESULTS = join(ROOT, 'test-results');
const RESPONDER = { email: 'flow.oncall@example.com', password: 'flow-responder-secret', name: 'Flow On-call' };

for (const dialect of DIALECTS) {
  describe(`console first-response flow in Chromium (${dialect})`, { timeout: 180_000 }, () => {
    let app: ConsoleServer;
    let browser: Browser;
    let base = '';
    const api: ApiCall = (method, path, body) => app.api(method, path, body);
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(RESULTS, `console-flow-${dialect}-${name}.png`), fullPage: true });

    before(async () => {
      app = await startConsoleServer(dialect, 'console-flow');
      base = app.base;
      await api('POST', '/api/v1/users', { ...RESPONDER, role: 'responder' });
      await api('POST', '/api/v1/services', { id: 'gz-dc1', name: '广州一号机房', kind: 'facility' });
      browser = await launchChromium();
      mkdirSync(RESULTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('signs in, creates a service, sees an event become a live incident, works it to resolved, in both languages', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = recordErrors(page);

      // Sign in through the form.
      await signIn(page, base, RESPONDER);
      await page.getByRole('heading', { name: '当前概览', level: 1 }).waitFor();
      await shot(page, 'now');

      // A payment service on top of the data centre, through the form.
      await page.goto(`${base}/services`);
      await page.getByRole('button', { name: '新建服务' }).click();
      const form = page.locator('.service-form');
      await form.getByLabel('标识 (ID)').fill('payment');
      await form.getByLabel('名称', { exact: true }).fill('支付');
      await form.getByLabel('类型', { exact: true }).selectOption('business');
      await form.getByLabel('涉及支付').check();
      await form.getByLabel('广州一号机房').check();
      await form.getByRole('button', { name: '创建服务' }).click();
      await page.locator('.toast', { hasText: '服务“支付”已创建。' }).waitFor();
      assert.deepEqual((await api<{ dependsOn: string[]; payment: boolean }>('GET', '/api/v1/services/payment')).dependsOn, ['gz-dc1']);

      // The incident list is open when the event arrives.
      const integration = await api<{ key: string }>('POST', '/api/v1/integrations', {
        name: 'pd',
        kind: 'pagerduty',
        serviceId: 'gz-dc1',
      });
      await page.goto(`${base}/incidents?status=triggered`);
      await page.getByRole('heading', { name: '事件', level: 1 }).waitFor();
      const sent = await fetch(`${base}/v2/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          routing_key: integration.key,
          event_action: 'trigger',
          dedup_key: 'gz-dc1-cooling',
          payload: { summary: 'GZ DC1 cooling failure', source: 'bms-gz-dc1', severity: 'critical' },
        }),
      });
      assert.equal(sent.status, 202, await sent.text());
      const link = page.getByRole('link', { name: /GZ DC1 cooling failure/ });
      await link.waitFor({ timeout: 5_000 }); // live, no reload
      await shot(page, 'incident-appeared');
      await link.click();

      // Its level and why: the data centre reaches payment, so level 1 by the payment rule.
      await page.getByRole('heading', { name: /GZ DC1 cooling failure/, level: 1 }).waitFor();
      const headline = page.locator('.incident-headline');
      assert.equal((await headline.locator('.level-badge').textContent())?.trim(), '一级');
      await page.getByRole('heading', { name: '级别与原因' }).waitFor();
      const reasons = (await page.locator('.incident-reason-detail').allTextContents()).join('\n');
      assert.match(reasons, /payment/, 'the rule that fired names the payment service');
      await shot(page, 'incident');

      await page.getByRole('button', { name: '确认', exact: true }).click();
      await headline.getByText('已确认').waitFor();
      await page.getByRole('button', { name: '解决', exact: true }).click();
      await headline.getByText('已解决').waitFor();
      const stored = await api<{ status: string; acknowledgedAt: string | null }>(
        'GET',
        `/api/v1/incidents/${page.url().split('/').pop()}`,
      );
      assert.equal(stored.status, 'resolved');
      assert.ok(stored.acknowledgedAt, 'acknowledged on the way');

      // English and back.
      await page.getByRole('button', { name: '切换到英文' }).click();
      await page.getByRole('heading', { name: 'Level and why' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await shot(page, 'incident-en');
      await page.getByRole('button', { name: 'Switch to Chinese' }).click();
      await page.getByRole('heading', { name: '级别与原因' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');

      await closeClean(context, errors);
    });
  });
}
