// The on-call screen in real Chromium against the real server process: a schedule made through the
// API shows who is on call now and next by name to a responder (who cannot list users), the week
// calendar moves by week, an override added through the form appears in the calendar and in "now",
// an administrator deletes it after confirming, the iCal feed URL is there to copy, and the page fits
// a phone. Screenshots go to .test-artifacts/console-oncall-*.png.

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
const ZONE = 'Asia/Shanghai';
const HOUR = 3600_000;
const PEOPLE = {
  admin: { email: 'zhang.min@example.com', password: 'admin-secret-123', name: 'Zhang Min', role: 'admin' },
  ann: { email: 'ann.li@example.com', password: 'ann-secret-123', name: 'Ann Li', role: 'responder' },
  bob: { email: 'bob.wang@example.com', password: 'bob-secret-123', name: 'Bob Wang', role: 'responder' },
} as const;
type Who = keyof typeof PEOPLE;

/** `YYYY-MM-DDTHH:MM` in Shanghai, as a datetime-local input takes it. */
const localInput = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(ms)
    .replace(' ', 'T');

for (const dialect of DIALECTS) {
  describe(`console on-call screen in Chromium (${dialect})`, { timeout: 300_000 }, () => {
    let db: TestDatabase;
    let server: Server;
    let browser: Browser;
    let base = '';
    let token = '';
    const ids: Record<Who, string> = { admin: '', ann: '', bob: '' };
    let scheduleId = '';

    const api = apiCaller(
      () => base,
      () => token,
    );

    const open = async (who: Who, options: { width?: number; height?: number } = {}) => {
      const context = await browser.newContext({
        locale: 'zh-CN',
        timezoneId: ZONE,
        colorScheme: 'light',
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000); // a loaded CI machine is slow, not broken
      const errors = recordErrors(page);
      await page.goto(`${base}/login?next=%2Foncall`);
      await page.fill('input[name="email"]', PEOPLE[who].email);
      await page.fill('input[name="password"]', PEOPLE[who].password);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${base}/oncall`);
      await page.getByRole('heading', { name: '值班', level: 1 }).waitFor();
      return { context, page, errors };
    };

    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(ARTIFACTS, `console-oncall-${dialect}-${name}.png`), fullPage: true });

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
      const created = cli(env, ['token', 'create', '--name', 'console-oncall-test', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();
      for (const who of Object.keys(PEOPLE) as Who[]) {
        ids[who] = (await api<{ id: string }>('POST', '/api/v1/users', { ...PEOPLE[who], timeZone: ZONE })).id;
      }
      // Bob is on call for a week from an hour ago, then Ann.
      const schedule = await api<{ id: string }>('POST', '/api/v1/schedules', {
        name: 'Payments primary',
        timeZone: ZONE,
        layers: [
          {
            name: 'primary',
            start: new Date(Date.now() - HOUR).toISOString(),
            rotation: { kind: 'custom', lengthMinutes: 7 * 24 * 60 },
            participants: [ids.bob, ids.ann],
          },
        ],
      });
      scheduleId = schedule.id;
      browser = await launchChromium();
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop();
    });

    it('shows a responder who is on call now and next by name, and the week calendar', async () => {
      const { context, page, errors } = await open('ann');
      const card = page.locator(`.nownext[data-schedule="${scheduleId}"]`);
      await card.locator('.nownext-now', { hasText: 'Bob Wang' }).waitFor();
      await card.getByText('Ann Li').waitFor(); // next
      await card.getByText('轮值层：primary').first().waitFor();
      const calendar = page.getByRole('list', { name: '排班日历' });
      await calendar.locator('.shift-block[data-kind="layer"]', { hasText: 'Bob Wang' }).first().waitFor();
      await page.locator('.week-day[data-today]').waitFor();

      const range = page.locator('.week-range');
      const thisWeek = await range.textContent();
      await page.getByRole('link', { name: '下一周' }).click();
      await page.waitForURL(/week=\d{4}-\d{2}-\d{2}/);
      await page.waitForFunction(`document.querySelector('.week-range')?.textContent !== ${JSON.stringify(thisWeek)}`);
      assert.equal(await page.locator('.week-day[data-today]').count(), 0, 'next week has no today');
      await page.getByRole('link', { name: '本周' }).click();
      await page.locator('.week-day[data-today]').waitFor();
      assert.equal(await range.textContent(), thisWeek);

      const feed = await page.getByRole('textbox', { name: '订阅地址' }).inputValue();
      assert.match(feed, new RegExp(`/api/v1/schedules/${scheduleId}/feed\\.ics\\?token=`));
      assert.equal((await fetch(feed)).headers.get('content-type')?.split(';')[0], 'text/calendar', 'the feed URL works');
      await shot(page, 'week');
      await closeClean(context, errors);
    });

    it('adds an override through the form; it shows in the calendar and as on call now', async () => {
      const { context, page, errors } = await open('ann');
      const start = Math.floor(Date.now() / HOUR) * HOUR;
      await page.locator('select[name="userId"]').selectOption({ label: 'Ann Li' });
      await page.fill('input[name="start"]', localInput(start));
      await page.fill('input[name="end"]', localInput(start + 2 * HOUR));
      await page.getByRole('button', { name: '添加替班' }).click();
      await page.locator('.toast', { hasText: '替班已添加。' }).waitFor();
      await page.locator('.shift-block[data-kind="override"]', { hasText: 'Ann Li' }).first().waitFor();
      await page.locator(`.nownext[data-schedule="${scheduleId}"] .nownext-now`, { hasText: 'Ann Li' }).waitFor();
      await page.getByRole('table', { name: '进行中和即将开始的替班' }).getByText('Ann Li').waitFor();
      assert.equal(await page.getByRole('button', { name: '删除' }).count(), 0, 'only administrators delete overrides');
      const stored = await api<{ items: { userId: string; start: string; end: string }[] }>(
        'GET',
        `/api/v1/schedules/${scheduleId}/overrides`,
      );
      assert.deepEqual(
        stored.items.map((o) => [o.userId, o.start, o.end]),
        [[ids.ann, new Date(start).toISOString(), new Date(start + 2 * HOUR).toISOString()]],
        'the wall-clock times typed in Shanghai are the instants stored',
      );
      await shot(page, 'override');
      await closeClean(context, errors);
    });

    it('lets an administrator delete the override after confirming', async () => {
      const { context, page, errors } = await open('admin');
      await page.locator('.shift-block[data-kind="override"]').first().waitFor();
      await page.getByRole('button', { name: '删除' }).click();
      const dialog = page.getByRole('dialog', { name: '删除这个替班？' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '删除' }).click();
      await page.locator('.toast', { hasText: '替班已删除。' }).waitFor();
      await page.getByText('没有进行中或即将开始的替班。').waitFor();
      // The list and the calendar reload separately: wait for the calendar's block to go.
      await page.locator('.shift-block[data-kind="override"]').first().waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await page.locator('.shift-block[data-kind="override"]').count(), 0);
      await page.locator(`.nownext[data-schedule="${scheduleId}"] .nownext-now`, { hasText: 'Bob Wang' }).waitFor();
      await closeClean(context, errors);
    });

    it('fits a phone: days stack, tap targets are at least 40px, and it reads in English', async () => {
      const { context, page, errors } = await open('bob', { width: 390, height: 844 });
      await page.locator('.shift-block', { hasText: 'Bob Wang' }).first().waitFor();
      const small = await page
        .locator('main a:visible, main button:visible')
        .evaluateAll((els) =>
          els.filter((el) => el.getBoundingClientRect().height < 40).map((el) => `${el.tagName} "${el.textContent?.trim() ?? ''}"`),
        );
      assert.deepEqual(small, [], 'every tap target is at least 40px high');
      const columns = await page.evaluate<number>(
        `getComputedStyle(document.querySelector('.week')).gridTemplateColumns.split(' ').length`,
      );
      assert.equal(columns, 1, 'the days stack on a phone');
      await shot(page, 'phone');
      await page.getByRole('button', { name: '菜单' }).click();
      await page.getByRole('button', { name: '切换到英文' }).click();
      await page.getByRole('heading', { name: 'On call', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Overrides' }).waitFor();
      await page.getByText('Add override').waitFor();
      await closeClean(context, errors);
    });
  });
}
