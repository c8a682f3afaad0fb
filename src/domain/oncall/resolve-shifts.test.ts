import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FenghuoError } from '../errors.js';
import { onCallAt, resolveShifts, userShifts } from './resolve-shifts.js';
import type { Override, Restriction, Shift } from './schedule.js';
import { assertShifts, custom, daily, HOUR, layer, override, schedule, show, t } from './schedule-test-builders.js';

// Layers, overrides, onCallAt, userShifts and the bounds on work, against hand-checked shifts.

describe('oncall: overrides', () => {
  const base = layer('primary', { start: t('2026-01-05T09:00+08:00'), rotation: daily('09:00'), participants: ['ann', 'bob'] });
  const day = (overrides: Override[], from: string, to: string): Shift[] =>
    resolveShifts(schedule('Asia/Shanghai', [base], overrides), t(from), t(to));

  it('splits a shift', () => {
    assertShifts(
      day([override('o1', 'cai', '2026-01-05T12:00+08:00', '2026-01-05T15:00+08:00')], '2026-01-05T09:00+08:00', '2026-01-06T09:00+08:00'),
      [
        ['ann', '2026-01-05T09:00+08:00', '2026-01-05T12:00+08:00', 'primary'],
        ['cai', '2026-01-05T12:00+08:00', '2026-01-05T15:00+08:00', 'override:o1'],
        ['ann', '2026-01-05T15:00+08:00', '2026-01-06T09:00+08:00', 'primary'],
      ],
    );
  });

  it('spans a handoff, and covers time no layer does', () => {
    assertShifts(
      day([override('o1', 'cai', '2026-01-06T08:00+08:00', '2026-01-06T10:00+08:00')], '2026-01-06T00:00+08:00', '2026-01-06T12:00+08:00'),
      [
        ['ann', '2026-01-06T00:00+08:00', '2026-01-06T08:00+08:00', 'primary'],
        ['cai', '2026-01-06T08:00+08:00', '2026-01-06T10:00+08:00', 'override:o1'],
        ['bob', '2026-01-06T10:00+08:00', '2026-01-06T12:00+08:00', 'primary'],
      ],
    );
    assertShifts(
      day([override('o2', 'cai', '2026-01-04T20:00+08:00', '2026-01-05T10:00+08:00')], '2026-01-04T00:00+08:00', '2026-01-05T12:00+08:00'),
      [
        ['cai', '2026-01-04T20:00+08:00', '2026-01-05T10:00+08:00', 'override:o2'],
        ['ann', '2026-01-05T10:00+08:00', '2026-01-05T12:00+08:00', 'primary'],
      ],
    );
  });

  it('of two overlapping overrides the later in the list wins', () => {
    const cai = override('o1', 'cai', '2026-01-05T12:00+08:00', '2026-01-05T15:00+08:00');
    const dan = override('o2', 'dan', '2026-01-05T14:00+08:00', '2026-01-05T16:00+08:00');
    assertShifts(day([cai, dan], '2026-01-05T11:00+08:00', '2026-01-05T17:00+08:00'), [
      ['ann', '2026-01-05T11:00+08:00', '2026-01-05T12:00+08:00', 'primary'],
      ['cai', '2026-01-05T12:00+08:00', '2026-01-05T14:00+08:00', 'override:o1'],
      ['dan', '2026-01-05T14:00+08:00', '2026-01-05T16:00+08:00', 'override:o2'],
      ['ann', '2026-01-05T16:00+08:00', '2026-01-05T17:00+08:00', 'primary'],
    ]);
    assertShifts(day([dan, cai], '2026-01-05T11:00+08:00', '2026-01-05T17:00+08:00'), [
      ['ann', '2026-01-05T11:00+08:00', '2026-01-05T12:00+08:00', 'primary'],
      ['cai', '2026-01-05T12:00+08:00', '2026-01-05T15:00+08:00', 'override:o1'],
      ['dan', '2026-01-05T15:00+08:00', '2026-01-05T16:00+08:00', 'override:o2'],
      ['ann', '2026-01-05T16:00+08:00', '2026-01-05T17:00+08:00', 'primary'],
    ]);
  });

  it('an override for the person already on call stays its own shift (its source differs)', () => {
    assertShifts(
      day([override('o1', 'ann', '2026-01-05T12:00+08:00', '2026-01-05T15:00+08:00')], '2026-01-05T09:00+08:00', '2026-01-05T18:00+08:00'),
      [
        ['ann', '2026-01-05T09:00+08:00', '2026-01-05T12:00+08:00', 'primary'],
        ['ann', '2026-01-05T12:00+08:00', '2026-01-05T15:00+08:00', 'override:o1'],
        ['ann', '2026-01-05T15:00+08:00', '2026-01-05T18:00+08:00', 'primary'],
      ],
    );
  });
});

describe('oncall: layer priority', () => {
  const start = t('2026-01-05T09:00+08:00');
  const base = layer('base', { start, rotation: daily('09:00'), participants: ['ann'] });
  // bob covers 2026-01-06 and 2026-01-07 only (the layer ends); cai covers lunch every day.
  const cover = layer('cover', {
    start: t('2026-01-06T00:00+08:00'),
    end: t('2026-01-08T00:00+08:00'),
    rotation: custom(1440),
    participants: ['bob'],
  });
  const lunch = layer('lunch', {
    start,
    rotation: daily('09:00'),
    participants: ['cai'],
    restrictions: [{ kind: 'time-of-day', start: '12:00', end: '13:00' }],
  });

  it('a higher layer wins where it has someone; its gaps fall through to the layers below', () => {
    assertShifts(resolveShifts(schedule('Asia/Shanghai', [base, cover, lunch]), start, t('2026-01-09T00:00+08:00')), [
      ['ann', '2026-01-05T09:00+08:00', '2026-01-05T12:00+08:00', 'base'],
      ['cai', '2026-01-05T12:00+08:00', '2026-01-05T13:00+08:00', 'lunch'],
      ['ann', '2026-01-05T13:00+08:00', '2026-01-06T00:00+08:00', 'base'],
      ['bob', '2026-01-06T00:00+08:00', '2026-01-06T12:00+08:00', 'cover'],
      ['cai', '2026-01-06T12:00+08:00', '2026-01-06T13:00+08:00', 'lunch'],
      ['bob', '2026-01-06T13:00+08:00', '2026-01-07T12:00+08:00', 'cover'],
      ['cai', '2026-01-07T12:00+08:00', '2026-01-07T13:00+08:00', 'lunch'],
      ['bob', '2026-01-07T13:00+08:00', '2026-01-08T00:00+08:00', 'cover'],
      ['ann', '2026-01-08T00:00+08:00', '2026-01-08T12:00+08:00', 'base'],
      ['cai', '2026-01-08T12:00+08:00', '2026-01-08T13:00+08:00', 'lunch'],
      ['ann', '2026-01-08T13:00+08:00', '2026-01-09T00:00+08:00', 'base'],
    ]);
  });

  it('order matters: a 24/7 layer on top hides everything below it', () => {
    assertShifts(resolveShifts(schedule('Asia/Shanghai', [lunch, cover, base]), start, t('2026-01-09T00:00+08:00')), [
      ['ann', '2026-01-05T09:00+08:00', '2026-01-09T00:00+08:00', 'base'],
    ]);
  });

  it('a malformed layer puts nobody on call; an unknown time zone leaves only the overrides', () => {
    const broken = layer('broken', { start, rotation: daily('9am'), participants: ['dan'] });
    assertShifts(resolveShifts(schedule('Asia/Shanghai', [base, broken]), start, t('2026-01-06T00:00+08:00')), [
      ['ann', '2026-01-05T09:00+08:00', '2026-01-06T00:00+08:00', 'base'],
    ]);
    const o = override('o1', 'eve', '2026-01-05T10:00+08:00', '2026-01-05T11:00+08:00');
    assertShifts(resolveShifts(schedule('Mars/Olympus_Mons', [base], [o]), start, t('2026-01-06T00:00+08:00')), [
      ['eve', '2026-01-05T10:00+08:00', '2026-01-05T11:00+08:00', 'override:o1'],
    ]);
  });
});

describe('oncall: onCallAt', () => {
  const s = schedule(
    'Asia/Shanghai',
    [layer('primary', { start: t('2026-01-05T09:00+08:00'), rotation: daily('09:00'), participants: ['ann', 'bob'] })],
    [override('o1', 'cai', '2026-01-06T12:00+08:00', '2026-01-06T15:00+08:00')],
  );
  const who = (iso: string): Array<Record<string, string | null>> => onCallAt(s, t(iso)).map(show);
  const expect = (
    user: string,
    start: string,
    end: string,
    layerId: string | null,
    overrideId: string | null,
  ): Array<Record<string, string | null>> => [show({ userId: user, start: t(start), end: t(end), layerId, overrideId })];

  it('is nobody before the first layer starts', () => {
    assert.deepEqual(onCallAt(s, t('2026-01-05T08:59:59.999+08:00')), []);
  });

  it('includes a shift’s start and excludes its end', () => {
    assert.deepEqual(who('2026-01-05T09:00+08:00'), expect('ann', '2026-01-05T09:00+08:00', '2026-01-06T09:00+08:00', 'primary', null));
    assert.deepEqual(
      who('2026-01-06T08:59:59.999+08:00'),
      expect('ann', '2026-01-05T09:00+08:00', '2026-01-06T09:00+08:00', 'primary', null),
    );
    assert.deepEqual(who('2026-01-06T09:00+08:00'), expect('bob', '2026-01-06T09:00+08:00', '2026-01-06T12:00+08:00', 'primary', null));
  });

  it('gives the override for its span, then the rotation again', () => {
    assert.deepEqual(
      who('2026-01-06T11:59:59.999+08:00'),
      expect('bob', '2026-01-06T09:00+08:00', '2026-01-06T12:00+08:00', 'primary', null),
    );
    assert.deepEqual(who('2026-01-06T12:00+08:00'), expect('cai', '2026-01-06T12:00+08:00', '2026-01-06T15:00+08:00', null, 'o1'));
    assert.deepEqual(who('2026-01-06T14:59:59.999+08:00'), expect('cai', '2026-01-06T12:00+08:00', '2026-01-06T15:00+08:00', null, 'o1'));
    assert.deepEqual(who('2026-01-06T15:00+08:00'), expect('bob', '2026-01-06T15:00+08:00', '2026-01-07T09:00+08:00', 'primary', null));
  });

  it('reports a long stretch clipped to 14 days either side', () => {
    const solo = schedule('UTC', [layer('solo', { start: t('2025-01-01T00:00Z'), rotation: daily('00:00'), participants: ['ann'] })]);
    assert.deepEqual(onCallAt(solo, t('2026-06-15T12:00Z')).map(show), [
      show({ userId: 'ann', start: t('2026-06-01T12:00Z'), end: t('2026-06-29T12:00Z'), layerId: 'solo', overrideId: null }),
    ]);
  });

  it('rejects a time that is not a number', () => {
    assert.throws(
      () => onCallAt(s, Number.NaN),
      (err: unknown) => err instanceof FenghuoError && err.details?.[0]?.field === 'at',
    );
  });
});

describe('oncall: userShifts', () => {
  it('collects one user’s shifts across schedules, sorted, naming the schedule', () => {
    const shanghai = {
      ...schedule('Asia/Shanghai', [
        layer('p', { start: t('2026-01-05T09:00+08:00'), rotation: daily('09:00'), participants: ['ann', 'bob'] }),
      ]),
      id: 'sha',
    };
    const berlin = {
      ...schedule('Europe/Berlin', [
        layer('b', { start: t('2026-01-05T00:00+01:00'), rotation: custom(720), participants: ['cai', 'ann'] }),
      ]),
      id: 'ber',
    };
    const shifts = userShifts([shanghai, berlin], 'ann', t('2026-01-05T00:00+08:00'), t('2026-01-06T12:00+08:00'));
    assert.deepEqual(
      shifts.map((s) => [s.scheduleId, new Date(s.start).toISOString(), new Date(s.end).toISOString()]),
      [
        ['sha', new Date(t('2026-01-05T09:00+08:00')).toISOString(), new Date(t('2026-01-06T09:00+08:00')).toISOString()],
        ['ber', new Date(t('2026-01-05T12:00+01:00')).toISOString(), new Date(t('2026-01-06T00:00+01:00')).toISOString()],
      ],
    );
  });
});

describe('oncall: bounded work', () => {
  const s = schedule('UTC', [layer('l', { start: t('2026-01-01T00:00Z'), rotation: daily('00:00'), participants: ['ann'] })]);
  const rangeError = (field: string) => (err: unknown) =>
    err instanceof FenghuoError && err.code === 'invalid_request' && err.details?.[0]?.field === field;

  it('resolves up to 366 days and refuses more', () => {
    assert.equal(resolveShifts(s, t('2026-01-01T00:00Z'), t('2027-01-02T00:00Z')).length, 1);
    assert.throws(() => resolveShifts(s, t('2026-01-01T00:00Z'), t('2027-01-02T00:00:00.001Z')), rangeError('to'));
  });

  it('refuses an empty, reversed or non-numeric range', () => {
    assert.throws(() => resolveShifts(s, t('2026-01-02T00:00Z'), t('2026-01-02T00:00Z')), rangeError('to'));
    assert.throws(() => resolveShifts(s, t('2026-01-02T00:00Z'), t('2026-01-01T00:00Z')), rangeError('to'));
    assert.throws(() => resolveShifts(s, Number.NaN, t('2026-01-01T00:00Z')), rangeError('from'));
    assert.throws(() => userShifts([s], 'ann', 0, Number.POSITIVE_INFINITY), rangeError('to'));
  });

  it('refuses a range holding more than 20,000 shifts', () => {
    // Ten hourly layers, each of the nine upper ones on call for a different six minutes of the hours
    // 00–20: 21 × 10 + 3 = 213 shifts a day.
    const start = t('2026-01-01T00:00Z');
    const pad = (n: number): string => String(n).padStart(2, '0');
    const layers = Array.from({ length: 10 }, (_, i) =>
      layer(`l${i}`, {
        start,
        rotation: custom(60),
        participants: [`a${i}`, `b${i}`],
        restrictions:
          i === 0
            ? []
            : Array.from({ length: 21 }, (_, h): Restriction => {
                const end = 6 * i + 6 === 60 ? `${pad((h + 1) % 24)}:00` : `${pad(h)}:${pad(6 * i + 6)}`;
                return { kind: 'time-of-day', start: `${pad(h)}:${pad(6 * i)}`, end };
              }),
      }),
    );
    const many = schedule('UTC', layers);
    assert.equal(resolveShifts(many, start, start + 30 * 24 * HOUR).length, 30 * 213);
    assert.throws(() => resolveShifts(many, start, start + 94 * 24 * HOUR), rangeError('to'));
    // Across schedules too: five hourly rotations give ann 4,392 shifts each in 366 days.
    const hourly = schedule('UTC', [layer('h', { start, rotation: custom(60), participants: ['ann', 'bob'] })]);
    assert.throws(() => userShifts([hourly, hourly, hourly, hourly, hourly], 'ann', start, start + 366 * 24 * HOUR), rangeError('to'));
    assert.equal(userShifts([hourly, hourly, hourly, hourly], 'ann', start, start + 366 * 24 * HOUR).length, 4 * 4392);
  });
});
