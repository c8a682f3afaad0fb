import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drillScheduleIssues, nextDrillRun } from './schedule.js';

const at = (iso: string) => Date.parse(iso);

describe('drill schedules: the next run', () => {
  it('a one-off runs once, at its time', () => {
    const schedule = { at: at('2026-04-01T02:00:00Z') };
    assert.equal(nextDrillRun(schedule, at('2026-03-31T00:00:00Z')), at('2026-04-01T02:00:00Z'));
    assert.equal(nextDrillRun(schedule, at('2026-04-01T02:00:00Z')), null, 'not again once it has fired');
  });

  it('cron times are wall-clock times in the schedule’s zone: 10:00 on the first Tuesday-ish of each month in Shanghai', () => {
    // 10:00 on day 1 of each month in Asia/Shanghai (UTC+8, no DST) is 02:00 UTC.
    const schedule = { cron: '0 10 1 * *', timeZone: 'Asia/Shanghai' };
    assert.equal(nextDrillRun(schedule, at('2026-03-15T00:00:00Z')), at('2026-04-01T02:00:00Z'));
    assert.equal(nextDrillRun(schedule, at('2026-04-01T02:00:00Z')), at('2026-05-01T02:00:00Z'), 'strictly after');
    // Just before midnight UTC on 31 March is already 1 April 07:59 in Shanghai: today's 10:00 is next.
    assert.equal(nextDrillRun(schedule, at('2026-03-31T23:59:00Z')), at('2026-04-01T02:00:00Z'));
  });

  it('across a DST change: 02:30 every day in Berlin skips ahead on the spring Sunday, and keeps local time', () => {
    const schedule = { cron: '30 2 * * *', timeZone: 'Europe/Berlin' };
    // Saturday 28 March 2026, 02:30 CET = 01:30 UTC.
    assert.equal(nextDrillRun(schedule, at('2026-03-28T00:00:00Z')), at('2026-03-28T01:30:00Z'));
    // Sunday 29 March: 02:30 does not exist; it runs at 03:30 CEST = 01:30 UTC.
    assert.equal(nextDrillRun(schedule, at('2026-03-28T01:30:00Z')), at('2026-03-29T01:30:00Z'));
    // Monday 30 March, 02:30 CEST = 00:30 UTC.
    assert.equal(nextDrillRun(schedule, at('2026-03-29T01:30:00Z')), at('2026-03-30T00:30:00Z'));
  });

  it('refuses a one-off in the past, a bad cron and an unknown zone, naming the field', () => {
    const now = at('2026-04-01T00:00:00Z');
    assert.deepEqual(
      drillScheduleIssues({ at: now }, now, 'body.schedule').map((i) => i.field),
      ['body.schedule.at'],
    );
    assert.deepEqual(
      drillScheduleIssues({ cron: '0 10 * *', timeZone: 'Mars/Olympus' }, now, 'body.schedule').map((i) => i.field),
      ['body.schedule.cron', 'body.schedule.timeZone'],
    );
    assert.deepEqual(drillScheduleIssues({ cron: '0 10 * * 1', timeZone: 'Asia/Shanghai' }, now, 'body.schedule'), []);
  });
});
