import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { onCallAt, resolveShifts } from './resolve-shifts.js';
import type { Restriction } from './schedule.js';
import { assertShifts, custom, daily, hours, layer, schedule, t, weekly } from './schedule-test-builders.js';

// Rotations and restrictions across time zones and DST changes, against hand-checked shifts.

describe('oncall: daily rotation in Asia/Shanghai (UTC+8, no DST)', () => {
  const s = schedule('Asia/Shanghai', [
    layer('primary', { start: t('2026-01-05T09:00+08:00'), rotation: daily('09:00'), participants: ['ann', 'bob', 'cai'] }),
  ]);

  it('hands off at 09:00 local in participant order, nobody before the start', () => {
    assertShifts(resolveShifts(s, t('2026-01-05T00:00+08:00'), t('2026-01-09T00:00+08:00')), [
      ['ann', '2026-01-05T09:00+08:00', '2026-01-06T09:00+08:00', 'primary'],
      ['bob', '2026-01-06T09:00+08:00', '2026-01-07T09:00+08:00', 'primary'],
      ['cai', '2026-01-07T09:00+08:00', '2026-01-08T09:00+08:00', 'primary'],
      ['ann', '2026-01-08T09:00+08:00', '2026-01-09T00:00+08:00', 'primary'],
    ]);
  });

  it('finds whose turn it is weeks later (Jan 31 is the 27th shift: cai)', () => {
    assertShifts(resolveShifts(s, t('2026-02-01T00:00+08:00'), t('2026-02-02T12:00+08:00')), [
      ['cai', '2026-02-01T00:00+08:00', '2026-02-01T09:00+08:00', 'primary'],
      ['ann', '2026-02-01T09:00+08:00', '2026-02-02T09:00+08:00', 'primary'],
      ['bob', '2026-02-02T09:00+08:00', '2026-02-02T12:00+08:00', 'primary'],
    ]);
  });
});

describe('oncall: weekly rotation in America/New_York across DST', () => {
  // Mondays 09:00 local from Monday 2026-03-02; clocks go forward on Sunday 2026-03-08 and back on
  // Sunday 2026-11-01. Week 34 (2026-10-26) is ann's again.
  const s = schedule('America/New_York', [
    layer('primary', { start: t('2026-03-02T09:00-05:00'), rotation: weekly('09:00'), participants: ['ann', 'bob'] }),
  ]);

  it('spring forward: the week holding 2026-03-08 lasts 167 hours, handoffs stay at 09:00', () => {
    const shifts = resolveShifts(s, t('2026-03-01T00:00-05:00'), t('2026-03-17T00:00-04:00'));
    assertShifts(shifts, [
      ['ann', '2026-03-02T09:00-05:00', '2026-03-09T09:00-04:00', 'primary'],
      ['bob', '2026-03-09T09:00-04:00', '2026-03-16T09:00-04:00', 'primary'],
      ['ann', '2026-03-16T09:00-04:00', '2026-03-17T00:00-04:00', 'primary'],
    ]);
    assert.deepEqual(shifts.map(hours).slice(0, 2), [167, 168]);
  });

  it('fall back: the week holding 2026-11-01 lasts 169 hours', () => {
    const shifts = resolveShifts(s, t('2026-10-20T00:00-04:00'), t('2026-11-10T00:00-05:00'));
    assertShifts(shifts, [
      ['bob', '2026-10-20T00:00-04:00', '2026-10-26T09:00-04:00', 'primary'],
      ['ann', '2026-10-26T09:00-04:00', '2026-11-02T09:00-05:00', 'primary'],
      ['bob', '2026-11-02T09:00-05:00', '2026-11-09T09:00-05:00', 'primary'],
      ['ann', '2026-11-09T09:00-05:00', '2026-11-10T00:00-05:00', 'primary'],
    ]);
    assert.deepEqual(shifts.map(hours).slice(1, 3), [169, 168]);
  });
});

describe('oncall: Europe/Berlin, a daily handoff at 02:30 (inside the DST hour)', () => {
  // From Thursday 2026-03-26. 02:30 does not exist on 2026-03-29 (02:00 CET → 03:00 CEST): the handoff
  // is at 03:30 CEST. 02:30 happens twice on 2026-10-25 (03:00 CEST → 02:00 CET): the handoff is at the
  // first, 02:30 CEST. 2026-10-24 is shift 212 (cai), 2026-10-25 shift 213 (ann).
  const s = schedule('Europe/Berlin', [
    layer('primary', { start: t('2026-03-26T02:30+01:00'), rotation: daily('02:30'), participants: ['ann', 'bob', 'cai'] }),
  ]);

  it('spring: the skipped 02:30 hands off at 03:30 CEST (24 h shift, then 23 h)', () => {
    const shifts = resolveShifts(s, t('2026-03-28T00:00+01:00'), t('2026-03-31T00:00+02:00'));
    assertShifts(shifts, [
      ['bob', '2026-03-28T00:00+01:00', '2026-03-28T02:30+01:00', 'primary'],
      ['cai', '2026-03-28T02:30+01:00', '2026-03-29T03:30+02:00', 'primary'],
      ['ann', '2026-03-29T03:30+02:00', '2026-03-30T02:30+02:00', 'primary'],
      ['bob', '2026-03-30T02:30+02:00', '2026-03-31T00:00+02:00', 'primary'],
    ]);
    assert.deepEqual(shifts.map(hours).slice(1, 3), [24, 23]);
  });

  it('autumn: the repeated 02:30 hands off at its first occurrence (24 h shift, then 25 h)', () => {
    const shifts = resolveShifts(s, t('2026-10-24T00:00+02:00'), t('2026-10-27T00:00+01:00'));
    assertShifts(shifts, [
      ['bob', '2026-10-24T00:00+02:00', '2026-10-24T02:30+02:00', 'primary'],
      ['cai', '2026-10-24T02:30+02:00', '2026-10-25T02:30+02:00', 'primary'],
      ['ann', '2026-10-25T02:30+02:00', '2026-10-26T02:30+01:00', 'primary'],
      ['bob', '2026-10-26T02:30+01:00', '2026-10-27T00:00+01:00', 'primary'],
    ]);
    assert.deepEqual(shifts.map(hours).slice(1, 3), [24, 25]);
  });

  it('onCallAt switches exactly at the moved handoff', () => {
    assert.equal(onCallAt(s, t('2026-03-29T03:29:59.999+02:00'))[0]?.userId, 'cai');
    assert.equal(onCallAt(s, t('2026-03-29T03:30+02:00'))[0]?.userId, 'ann');
    // The second 02:30 of 2026-10-25 (CET) is an hour into ann's shift.
    assert.equal(onCallAt(s, t('2026-10-25T02:29:59.999+02:00'))[0]?.userId, 'cai');
    assert.equal(onCallAt(s, t('2026-10-25T02:30+01:00'))[0]?.userId, 'ann');
  });
});

describe('oncall: custom 12-hour rotation (elapsed time)', () => {
  // Berlin, from Saturday 2026-03-28 20:00 CET: 12 real hours later is 09:00 CEST, so the local
  // handoff times move from 08:00/20:00 to 09:00/21:00.
  const s = schedule('Europe/Berlin', [
    layer('follow-sun', { start: t('2026-03-28T20:00+01:00'), rotation: custom(720), participants: ['ann', 'bob'] }),
  ]);

  it('keeps 12 real hours across the spring change', () => {
    const shifts = resolveShifts(s, t('2026-03-28T12:00+01:00'), t('2026-03-30T09:00+02:00'));
    assertShifts(shifts, [
      ['ann', '2026-03-28T20:00+01:00', '2026-03-29T09:00+02:00', 'follow-sun'],
      ['bob', '2026-03-29T09:00+02:00', '2026-03-29T21:00+02:00', 'follow-sun'],
      ['ann', '2026-03-29T21:00+02:00', '2026-03-30T09:00+02:00', 'follow-sun'],
    ]);
    assert.deepEqual(shifts.map(hours), [12, 12, 12]);
  });

  it('finds whose turn it is 12 days later (shift 24: ann)', () => {
    assertShifts(resolveShifts(s, t('2026-04-10T00:00+02:00'), t('2026-04-10T12:00+02:00')), [
      ['ann', '2026-04-10T00:00+02:00', '2026-04-10T09:00+02:00', 'follow-sun'],
      ['bob', '2026-04-10T09:00+02:00', '2026-04-10T12:00+02:00', 'follow-sun'],
    ]);
  });
});

describe('oncall: restrictions', () => {
  const monday = t('2026-01-05T09:00+08:00'); // 2026-01-05 is a Monday
  const businessHours: Restriction[] = [1, 2, 3, 4, 5].map((day) => ({
    kind: 'weekly',
    startDay: day,
    start: '09:00',
    endDay: day,
    end: '17:00',
  }));

  it('a weekday business-hours layer over a 24/7 layer: the 24/7 layer shows through evenings and weekends', () => {
    const s = schedule('Asia/Shanghai', [
      layer('always', { start: monday, rotation: daily('09:00'), participants: ['ann', 'bob'] }),
      layer('office', { start: monday, rotation: weekly('09:00'), participants: ['dan', 'eve'], restrictions: businessHours }),
    ]);
    assertShifts(resolveShifts(s, t('2026-01-09T00:00+08:00'), t('2026-01-13T00:00+08:00')), [
      ['bob', '2026-01-09T00:00+08:00', '2026-01-09T09:00+08:00', 'always'],
      ['dan', '2026-01-09T09:00+08:00', '2026-01-09T17:00+08:00', 'office'],
      ['ann', '2026-01-09T17:00+08:00', '2026-01-10T09:00+08:00', 'always'],
      ['bob', '2026-01-10T09:00+08:00', '2026-01-11T09:00+08:00', 'always'],
      ['ann', '2026-01-11T09:00+08:00', '2026-01-12T09:00+08:00', 'always'],
      ['eve', '2026-01-12T09:00+08:00', '2026-01-12T17:00+08:00', 'office'],
      ['bob', '2026-01-12T17:00+08:00', '2026-01-13T00:00+08:00', 'always'],
    ]);
  });

  it('a weekly restriction wraps past Saturday (Friday 18:00 to Monday 09:00); one person’s daily shifts merge', () => {
    const weekend: Restriction = { kind: 'weekly', startDay: 5, start: '18:00', endDay: 1, end: '09:00' };
    const s = schedule('Asia/Shanghai', [
      layer('weekend', { start: monday, rotation: daily('09:00'), participants: ['ann'], restrictions: [weekend] }),
    ]);
    assertShifts(resolveShifts(s, monday, t('2026-01-19T00:00+08:00')), [
      ['ann', '2026-01-09T18:00+08:00', '2026-01-12T09:00+08:00', 'weekend'],
      ['ann', '2026-01-16T18:00+08:00', '2026-01-19T00:00+08:00', 'weekend'],
    ]);
  });

  it('a weekly restriction ending on its start day before its start time is a week less the gap', () => {
    const notMondayDays: Restriction = { kind: 'weekly', startDay: 1, start: '17:00', endDay: 1, end: '09:00' };
    const s = schedule('Asia/Shanghai', [
      layer('off-hours', {
        start: t('2026-01-05T00:00+08:00'),
        rotation: daily('00:00'),
        participants: ['ann'],
        restrictions: [notMondayDays],
      }),
    ]);
    assertShifts(resolveShifts(s, t('2026-01-05T00:00+08:00'), t('2026-01-13T00:00+08:00')), [
      ['ann', '2026-01-05T00:00+08:00', '2026-01-05T09:00+08:00', 'off-hours'],
      ['ann', '2026-01-05T17:00+08:00', '2026-01-12T09:00+08:00', 'off-hours'],
      ['ann', '2026-01-12T17:00+08:00', '2026-01-13T00:00+08:00', 'off-hours'],
    ]);
  });

  it('an overnight 22:00–06:00 restriction wraps past midnight and is cut at a midnight handoff', () => {
    const s = schedule('Asia/Shanghai', [
      layer('nights', {
        start: t('2026-01-05T00:00+08:00'),
        rotation: daily('00:00'),
        participants: ['ann', 'bob'],
        restrictions: [{ kind: 'time-of-day', start: '22:00', end: '06:00' }],
      }),
    ]);
    assertShifts(resolveShifts(s, t('2026-01-04T12:00+08:00'), t('2026-01-07T00:00+08:00')), [
      ['ann', '2026-01-05T00:00+08:00', '2026-01-05T06:00+08:00', 'nights'],
      ['ann', '2026-01-05T22:00+08:00', '2026-01-06T00:00+08:00', 'nights'],
      ['bob', '2026-01-06T00:00+08:00', '2026-01-06T06:00+08:00', 'nights'],
      ['bob', '2026-01-06T22:00+08:00', '2026-01-07T00:00+08:00', 'nights'],
    ]);
  });

  describe('22:00–06:00 in Europe/Berlin is wall-clock time', () => {
    const nights: Restriction[] = [{ kind: 'time-of-day', start: '22:00', end: '06:00' }];

    it('the night the clocks go forward (2026-03-29) lasts 7 hours', () => {
      const s = schedule('Europe/Berlin', [
        layer('nights', {
          start: t('2026-03-27T22:00+01:00'),
          rotation: daily('22:00'),
          participants: ['ann', 'bob'],
          restrictions: nights,
        }),
      ]);
      const shifts = resolveShifts(s, t('2026-03-28T00:00+01:00'), t('2026-03-30T00:00+02:00'));
      assertShifts(shifts, [
        ['ann', '2026-03-28T00:00+01:00', '2026-03-28T06:00+01:00', 'nights'],
        ['bob', '2026-03-28T22:00+01:00', '2026-03-29T06:00+02:00', 'nights'],
        ['ann', '2026-03-29T22:00+02:00', '2026-03-30T00:00+02:00', 'nights'],
      ]);
      assert.equal(hours(shifts[1]), 7);
    });

    it('the night the clocks go back (2026-10-25) lasts 9 hours', () => {
      const s = schedule('Europe/Berlin', [
        layer('nights', {
          start: t('2026-10-23T22:00+02:00'),
          rotation: daily('22:00'),
          participants: ['ann', 'bob'],
          restrictions: nights,
        }),
      ]);
      const shifts = resolveShifts(s, t('2026-10-23T00:00+02:00'), t('2026-10-27T00:00+01:00'));
      assertShifts(shifts, [
        ['ann', '2026-10-23T22:00+02:00', '2026-10-24T06:00+02:00', 'nights'],
        ['bob', '2026-10-24T22:00+02:00', '2026-10-25T06:00+01:00', 'nights'],
        ['ann', '2026-10-25T22:00+01:00', '2026-10-26T06:00+01:00', 'nights'],
        ['bob', '2026-10-26T22:00+01:00', '2026-10-27T00:00+01:00', 'nights'],
      ]);
      assert.equal(hours(shifts[1]), 9);
    });
  });
});
