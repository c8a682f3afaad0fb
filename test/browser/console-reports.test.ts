// The console's reliability reports in real Chromium against the real server process: incidents
// per period stacked by level, MTTD/MTTA/MTTM/MTTR per level and per service, and availability SLOs
// with their error budget — the figures the API gives (GET /api/v1/reports/*), drawn, tabulated
// and downloadable as CSV; in both languages.
// Screenshots go to test-results/ (kept by CI as artifacts).

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
const VIEWER = { email: 'reports.viewer@example.com', password: 'reports-viewer-secret', name: 'Report Reader' };

interface Incident {
  id: string;
  level: number;
}
interface Group {
  key: string | null;
  count: number;
  mttdSeconds: number | null;
  mttaSeconds: number | null;
  mttmSeconds: number | null;
  mttrSeconds: number | null;
}

/** The console's Chinese duration (web/src/i18n/zh-CN/common.ts), for the figures the API gives. */
function zhDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const total = Math.round(seconds);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h > 0 ? `${h} 小时 ${m} 分` : m > 0 ? `${m} 分 ${s} 秒` : `${s} 秒`;
}

/**
 * How much to shrink "minutes ago" so that `span` minutes back from now stay within today in
 * `timeZone` (1 for most of the day); in the first minute after midnight it waits for the second.
 */
async function shareTheDayIn(timeZone: string, span: number): Promise<number> {
  const sinceMidnight = () => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    }).formatToParts(new Date());
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return part('hour') * 60 + part('minute') + part('second') / 60;
  };
  if (sinceMidnight() < 1) await new Promise((resolve) => setTimeout(resolve, (1 - sinceMidnight()) * 60_000 + 1000));
  return Math.min(1, (sinceMidnight() - 0.5) / span);
}

for (const dialect of DIALECTS) {
  describe(`console reports in Chromium (${dialect})`, { timeout: 180_000 }, () => {
    let app: ConsoleServer;
    let browser: Browser;
    let base = '';
    const api: ApiCall = (method, path, body) => app.api(method, path, body);
    const incidents: Incident[] = [];
    let scale = 1;
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(RESULTS, `console-reports-${dialect}-${name}.png`), fullPage: true });

    before(async () => {
      app = await startConsoleServer(dialect, 'console-reports');
      base = app.base;
      await api('POST', '/api/v1/users', { ...VIEWER, role: 'viewer' });
      await api('POST', '/api/v1/services', { id: 'gz-dc1', name: '广州一号机房', kind: 'facility' });
      await api('POST', '/api/v1/services', { id: 'wiki', name: 'Wiki', kind: 'business' });
      // Three incidents that started 40, 20 and 5 minutes ago: one resolved, one mitigated, one open —
      // closer together just after midnight in the page's zone, so that they share one day's bar.
      scale = await shareTheDayIn('Asia/Shanghai', 41);
      const ago = (minutes: number) => new Date(Date.now() - minutes * scale * 60_000).toISOString();
      const grave = await api<Incident>('POST', '/api/v1/incidents', {
        title: 'Cooling failure',
        startedAt: ago(40),
        affected: [{ service: 'gz-dc1', impact: 'outage' }],
      });
      await api('POST', `/api/v1/incidents/${grave.id}/acknowledge`);
      await api('POST', `/api/v1/incidents/${grave.id}/resolve`);
      const slow = await api<Incident>('POST', '/api/v1/incidents', {
        title: 'Wiki slow',
        startedAt: ago(20),
        services: ['wiki'],
        impact: 'degraded',
      });
      await api('POST', `/api/v1/incidents/${slow.id}/mitigate`);
      const open = await api<Incident>('POST', '/api/v1/incidents', {
        title: 'Wiki errors',
        startedAt: ago(5),
        services: ['wiki'],
        impact: 'degraded',
      });
      incidents.push(grave, slow, open);
      // An SLO on a heartbeat that beat once well and once badly (too few failures to open an incident).
      const beat = await api<{ monitor: { id: string }; pushToken: string }>('POST', '/api/v1/monitors', {
        name: 'wiki export',
        serviceId: 'wiki',
        kind: 'heartbeat',
        intervalSeconds: 3600,
        graceSeconds: 600,
        failureThreshold: 5,
      });
      for (const status of ['up', 'down']) assert.equal((await fetch(`${base}/api/push/${beat.pushToken}?status=${status}`)).status, 200);
      await api('POST', '/api/v1/slos', { serviceId: 'wiki', targetPct: 99.9, name: 'Wiki availability' });
      browser = await launchChromium();
      mkdirSync(RESULTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('draws incidents per day by level and the response times per level and per service, as the API counts them', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 1000 } });
      const page = await context.newPage();
      const errors = recordErrors(page);
      await signIn(page, base, VIEWER);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报告' }).click();
      await page.getByRole('heading', { name: '可靠性报告', level: 1 }).waitFor();

      // Incidents per day: 31 or so day bars, all three incidents today, split by their levels.
      const bars = page.locator('.counts-chart g[data-period]');
      await bars.first().waitFor({ state: 'attached' });
      assert.ok((await bars.count()) >= 30, `day bars: ${await bars.count()}`);
      const today = bars.last();
      assert.equal(await today.getAttribute('data-count'), '3');
      const byLevel = new Map<number, number>();
      for (const i of incidents) byLevel.set(i.level, (byLevel.get(i.level) ?? 0) + 1);
      assert.equal(await today.locator('rect').count(), byLevel.size, 'one segment per level present');
      await page.getByText('以表格查看').first().click();
      const lastRow = page.locator('.report-figure table tbody tr').last();
      for (const [level, n] of byLevel) {
        assert.equal(
          (
            await lastRow
              .locator('td')
              .nth(level - 1)
              .textContent()
          )?.trim(),
          String(n),
          `level ${level} today`,
        );
      }

      // Response times by level: the same means the API gives, in the console's words.
      const report = await api<{ groups: Group[] }>('GET', '/api/v1/reports/metrics?groupBy=level');
      const charts = page.locator('.times-chart');
      assert.equal(await charts.count(), 4);
      for (const group of report.groups.filter((g) => g.count > 0)) {
        for (const [step, value] of [
          ['td', group.mttdSeconds],
          ['ta', group.mttaSeconds],
          ['tm', group.mttmSeconds],
          ['tr', group.mttrSeconds],
        ] as const) {
          const item = page.locator(`.times-chart[data-step="${step}"] li[data-group="${group.key}"]`);
          assert.equal((await item.locator('.times-value').textContent())?.trim(), zhDuration(value), `level ${group.key} ${step}`);
        }
      }
      // The gravest incident took about 40 (scaled) minutes to resolve; nothing else resolved.
      const resolved = report.groups.filter((g) => g.mttrSeconds !== null);
      assert.equal(resolved.length, 1);
      assert.ok(Math.abs((resolved[0]?.mttrSeconds ?? 0) - 2400 * scale) < 120, `MTTR ${resolved[0]?.mttrSeconds}`);
      await shot(page, 'by-level');

      // Per service: the choice goes into the address, and the groups are the services.
      await page.getByLabel('分组').selectOption('service');
      await page.waitForURL(/\/reports\?groupBy=service$/);
      await page.locator('.times-chart[data-step="td"] li[data-group="wiki"]').waitFor();
      assert.equal((await page.locator('.times-chart[data-step="td"] li[data-group="wiki"] .times-label').textContent())?.trim(), 'Wiki');
      await page.reload();
      await page.locator('.times-chart[data-step="td"] li[data-group="gz-dc1"]').waitFor();
      assert.equal(await page.getByLabel('分组').inputValue(), 'service');

      // The CSV beside each chart is the API's, with the signed-in session.
      const href = await page
        .locator('section[aria-labelledby="report-times-title"]')
        .getByRole('link', { name: '下载 CSV' })
        .getAttribute('href');
      assert.ok(
        href?.startsWith('/api/v1/reports/metrics?') && href.includes('format=csv') && href.includes('groupBy=service'),
        href ?? '',
      );
      const csv = await context.request.get(`${base}${href}`);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      assert.match(lines[0] ?? '', /^key,label,count,/);
      assert.deepEqual(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
        ['gz-dc1', 'wiki'],
      );

      // The SLO: the API's numbers, the budget overspent, the fast burn named.
      const slos = await api<{ items: Array<{ sloId: string; availabilityPct: number; totalChecks: number; fastBurn: boolean }> }>(
        'GET',
        '/api/v1/reports/slos',
      );
      const slo = slos.items[0];
      assert.ok(slo && slo.totalChecks === 2 && slo.availabilityPct === 50 && slo.fastBurn, JSON.stringify(slos));
      const sloRow = page.locator(`.slo-table tr[data-slo="${slo.sloId}"]`);
      assert.equal((await sloRow.locator('[data-field="availability"]').textContent())?.trim(), '50.000%');
      assert.equal(await sloRow.locator('.budget').getAttribute('data-state'), 'spent');
      assert.match((await sloRow.locator('[data-field="alerts"]').textContent()) ?? '', /快速燃烧/);

      // English, then a longer range by weeks.
      await page.getByRole('button', { name: '切换到英文' }).click();
      await page.getByRole('heading', { name: 'Reliability reports', level: 1 }).waitFor();
      await page.getByLabel('Range').selectOption('90d');
      await page.waitForURL(/range=90d/);
      await page.getByRole('heading', { name: /Incidents\s+per week/ }).waitFor();
      const weeks = page.locator('.counts-chart g[data-period]');
      await weeks.first().waitFor({ state: 'attached' });
      assert.ok((await weeks.count()) >= 13 && (await weeks.count()) <= 15, `week bars: ${await weeks.count()}`);
      assert.equal(await weeks.last().getAttribute('data-count'), '3');
      await shot(page, 'en-90d');
      await page.getByRole('button', { name: 'Switch to Chinese' }).click();
      await page.getByRole('heading', { name: '可靠性报告', level: 1 }).waitFor();
      await closeClean(context, errors);
    });
  });
}
