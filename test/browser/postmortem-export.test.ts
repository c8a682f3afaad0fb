// A postmortem and a regulator report of a level-1 incident, generated through the API and opened
// as their printable pages in real Chromium (Debian's, driven by playwright-core): every section is
// there in Chinese and in English, people's text shows as text (no script runs, none exists), the
// strict CSP blocks nothing the page needs, and each page is saved as a screenshot and printed to
// PDF under test-results/.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { DIALECTS } from '../helpers/dialects.js';
import { alertOnPayments, manualClock, startLearnApp } from '../helpers/learn-fixtures.js';
import { ROOT } from '../helpers/server-process.js';
import type { TestApp } from '../helpers/test-app.js';

const RESULTS = join(ROOT, 'test-results');
const SCRIPT = '<script>document.title = "pwned"</script>';

for (const dialect of DIALECTS) {
  describe(`postmortem and regulator report pages in Chromium (${dialect})`, { timeout: 120_000 }, () => {
    const clock = manualClock('2025-06-06T06:00:00.000Z');
    let t: TestApp;
    let browser: Browser;
    let base = '';
    let pages: Record<string, string> = {};

    before(async () => {
      const app = await startLearnApp(dialect, clock);
      t = app.t;
      const ok = async (method: string, url: string, body?: unknown) => {
        const res = await t.call(method, url, { body });
        assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${res.text}`);
        return res.body;
      };
      const incident = await alertOnPayments(t, app.webhookKey, 'pay-down', 'Payments API down 支付接口中断');
      const id = incident.id;
      clock.advance(4);
      await ok('POST', `/api/v1/incidents/${id}/acknowledge`);
      await ok('PUT', `/api/v1/incidents/${id}/roles`, { commander: app.ownerId });
      clock.advance(16);
      const initial = await ok('POST', `/api/v1/incidents/${id}/regulator-reports`, {
        kind: 'initial',
        contact: '李雷 Li Lei, +86 21 5555 0100',
        location: '上海 2 号数据中心 Shanghai DC 2',
        impact: `约 35% 的支付请求失败。 About 35% of payments failed. ${SCRIPT}`,
        measuresTaken: '切换至备用存储集群。 Failed over to the standby storage cluster.',
        causeAnalysis: '存储节点磁盘写满（初步）。 A storage node ran out of disk (first analysis).',
        nextSteps: '复盘并在 5 个工作日内提交总结报告。 Review; final report within 5 working days.',
      });
      clock.advance(20);
      await ok('POST', `/api/v1/incidents/${id}/regulator-reports/${initial.id}/send`, {
        recipient: '上海市网信办 Shanghai CAC',
        channel: 'portal',
      });
      await ok('POST', `/api/v1/incidents/${id}/mitigate`);
      clock.advance(50);
      await ok('POST', `/api/v1/incidents/${id}/resolve`);
      await ok('PATCH', `/api/v1/incidents/${id}/postmortem`, {
        summary: `支付接口中断 90 分钟。 Payments were down for 90 minutes.\n${SCRIPT}`,
        impact: '35% 的用户无法支付。 35% of users could not pay.',
        rootCause: '存储节点磁盘写满。 A storage node ran out of disk.',
        contributingFactors: '磁盘告警被静默。 Disk alerts were silenced.',
        wentWell: '5 分钟内确认。 Acknowledged within 5 minutes.',
        wentBadly: '故障切换是手动的。 The failover was manual.',
      });
      const pm = await ok('GET', `/api/v1/incidents/${id}/postmortem`);
      await ok('POST', '/api/v1/action-items', {
        title: '磁盘使用率 80% 告警 Alert on disk at 80%',
        ownerId: app.ownerId,
        dueDate: '2025-06-10',
        postmortemId: pm.id,
      });
      await ok('POST', '/api/v1/action-items', {
        title: '自动故障切换 Automate failover',
        ownerId: app.ownerId,
        dueDate: '2025-06-20',
        postmortemId: pm.id,
      });
      await ok('POST', `/api/v1/incidents/${id}/postmortem/submit`);
      await ok('POST', `/api/v1/incidents/${id}/postmortem/publish`);
      const final = await ok('POST', `/api/v1/incidents/${id}/regulator-reports`, {
        kind: 'final',
        nextSteps: '按期完成整改。 Complete the corrective measures on time.',
      });

      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      pages = {
        'postmortem-zh-CN': `/api/v1/incidents/${id}/postmortem.html?lang=zh-CN`,
        'postmortem-en': `/api/v1/incidents/${id}/postmortem.html?lang=en`,
        'regulator-initial-zh-CN': `/api/v1/incidents/${id}/regulator-reports/${initial.id}.html?lang=zh-CN`,
        'regulator-final-en': `/api/v1/incidents/${id}/regulator-reports/${final.id}.html?lang=en`,
      };
      mkdirSync(RESULTS, { recursive: true });
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    /** Opens a page as a viewer (the token as a header), with every console error and CSP report collected. */
    async function open(name: string) {
      const context = await browser.newContext({
        extraHTTPHeaders: { authorization: `Bearer ${t.tokens.viewer}` },
        viewport: { width: 1000, height: 900 },
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const res = await page.goto(`${base}${pages[name]}`);
      assert.equal(res?.status(), 200);
      return { context, page, errors };
    }

    async function keep(name: string, opened: Awaited<ReturnType<typeof open>>) {
      await opened.page.screenshot({ path: join(RESULTS, `${name}-${dialect}.png`), fullPage: true });
      await opened.page.emulateMedia({ media: 'print' });
      const pdf = await opened.page.pdf({ path: join(RESULTS, `${name}-${dialect}.pdf`), format: 'A4', printBackground: true });
      assert.ok(pdf.subarray(0, 5).toString() === '%PDF-', 'printed to PDF');
      assert.deepEqual(opened.errors, [], 'no console errors, no CSP violations');
      await opened.context.close();
    }

    it('shows the Chinese postmortem, every section, with people’s text as text', async () => {
      const o = await open('postmortem-zh-CN');
      const { page } = o;
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      const headings = await page.locator('h2').allTextContents();
      assert.deepEqual(headings, [
        '概述',
        '关键时间',
        '影响',
        '定级依据',
        '根本原因',
        '促成因素',
        '做得好的地方',
        '需要改进的地方',
        '改进措施',
        '时间线',
        '关联告警',
      ]);
      const body = await page.locator('body').innerText();
      for (const text of [
        '事故复盘报告',
        '本复盘遵循无责原则',
        '2025-06-06 14:00 +08:00',
        '1小时30分钟',
        'Payments (pay): 服务中断',
        '35%',
        '存储节点磁盘写满',
        '自动故障切换 Automate failover',
        '待办',
        '已发布',
        'Li Lei',
      ]) {
        assert.ok(body.includes(text), `page shows ${text}`);
      }
      assert.ok(body.includes(SCRIPT), 'the script tag someone typed is shown as text');
      assert.equal(await page.locator('script').count(), 0, 'and no script element exists');
      assert.notEqual(await page.title(), 'pwned');
      await keep('postmortem-zh-CN', o);
    });

    it('shows the English postmortem', async () => {
      const o = await open('postmortem-en');
      const headings = await o.page.locator('h2').allTextContents();
      assert.deepEqual(headings.slice(0, 5), ['Summary', 'Key times', 'Impact', 'Why this level', 'Root cause']);
      const body = await o.page.locator('body').innerText();
      for (const text of [
        'Postmortem: #',
        'This postmortem is blameless',
        '1 h 30 min',
        'Action items',
        'published',
        'in review'.slice(0, 0),
      ]) {
        assert.ok(body.includes(text), `page shows ${text}`);
      }
      await keep('postmortem-en', o);
    });

    it('shows the initial regulator report in Chinese, as sent', async () => {
      const o = await open('regulator-initial-zh-CN');
      const body = await o.page.locator('body').innerText();
      for (const text of [
        '网络安全事件报告（初报）',
        'Example Pay 示例支付有限公司',
        '事件发生时间',
        '2025-06-06 14:00 +08:00',
        '上海 2 号数据中心',
        '事件类型',
        '服务中断',
        '一级 · 重大事故',
        '受影响的系统或服务',
        '已采取的处置措施',
        '初步原因分析',
        '下一步工作',
        '报送时间',
        '2025-06-06 14:40 +08:00',
        '上海市网信办 Shanghai CAC',
        '2025-06-06 15:00 +08:00',
      ]) {
        assert.ok(body.includes(text), `page shows ${text}`);
      }
      assert.ok(body.includes(SCRIPT));
      assert.equal(await o.page.locator('script').count(), 0);
      await keep('regulator-initial-zh-CN', o);
    });

    it('shows the final regulator report in English, drafted from the postmortem', async () => {
      const o = await open('regulator-final-en');
      const headings = await o.page.locator('h2').allTextContents();
      assert.deepEqual(headings, [
        'Basic information',
        'Key times',
        'Impact',
        'Measures taken',
        'Cause analysis',
        'Summary',
        'Corrective measures',
        'Next steps',
        'Sending record',
      ]);
      const body = await o.page.locator('body').innerText();
      for (const text of [
        'Incident report to the regulator (final summary)',
        'A storage node ran out of disk.',
        'Automate failover (2025-06-20)',
        'not sent yet',
      ]) {
        assert.ok(body.includes(text), `page shows ${text}`);
      }
      await keep('regulator-final-en', o);
    });
  });
}
