import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Layer, Schedule } from './schedule.js';
import { validateSchedule } from './validate-schedule.js';

const T = Date.parse('2026-01-05T01:00:00Z');

function goodLayer(id: string): Layer {
  return {
    id,
    name: 'Primary',
    start: T,
    end: null,
    rotation: { kind: 'weekly', handoffTime: '09:00' },
    participants: ['ann', 'bob'],
    restrictions: [
      { kind: 'time-of-day', start: '22:00', end: '06:00' },
      { kind: 'weekly', startDay: 5, start: '18:00', endDay: 1, end: '09:00' },
    ],
  };
}

function goodSchedule(): Schedule {
  return {
    id: 'sch-1',
    name: 'Payments primary',
    timeZone: 'Asia/Shanghai',
    layers: [goodLayer('l1'), { ...goodLayer('l2'), rotation: { kind: 'custom', lengthMinutes: 720 }, restrictions: [] }],
    overrides: [{ id: 'o1', userId: 'cai', start: T, end: T + 3_600_000 }],
  };
}

const fields = (s: unknown): string[] => validateSchedule(s as Schedule).map((i) => i.field);

describe('oncall: validateSchedule', () => {
  it('accepts a well-formed schedule', () => {
    assert.deepEqual(validateSchedule(goodSchedule()), []);
    assert.deepEqual(validateSchedule({ ...goodSchedule(), timeZone: 'UTC' }), []);
  });

  it('names every faulty field by its path', () => {
    const bad = {
      name: '',
      timeZone: 'Mars/Olympus_Mons',
      layers: [
        goodLayer('l1'),
        {
          ...goodLayer('l2'),
          rotation: { kind: 'daily', handoffTime: '9:00' },
          participants: [],
          restrictions: [{ kind: 'time-of-day', start: '22:00', end: '22:00' }],
        },
        {
          ...goodLayer('l2'),
          end: T - 1,
          rotation: { kind: 'custom', lengthMinutes: 30 },
          participants: ['ann', ''],
          restrictions: [{ kind: 'weekly', startDay: 7, start: '09:00', endDay: 1, end: '24:00' }, { kind: 'monthly' }],
        },
        { ...goodLayer('l4'), rotation: { kind: 'hourly' } },
      ],
      overrides: [
        { id: 'o1', userId: 'cai', start: T, end: T },
        { id: 'o1', userId: '', start: T, end: T + 1 },
      ],
    };
    assert.deepEqual(fields(bad), [
      'name',
      'timeZone',
      'layers[1].rotation.handoffTime',
      'layers[1].participants',
      'layers[1].restrictions[0].end',
      'layers[2].end',
      'layers[2].rotation.lengthMinutes',
      'layers[2].participants[1]',
      'layers[2].restrictions[0].end',
      'layers[2].restrictions[0].startDay',
      'layers[2].restrictions[1].kind',
      'layers[3].rotation.kind',
      'layers[2].id',
      'overrides[0].end',
      'overrides[1].userId',
      'overrides[1].id',
    ]);
    const messages = new Map(validateSchedule(bad as unknown as Schedule).map((i) => [i.field, i.message]));
    assert.match(messages.get('timeZone') ?? '', /unknown time zone "Mars\/Olympus_Mons"/);
    assert.match(messages.get('layers[1].rotation.handoffTime') ?? '', /HH:MM/);
    assert.match(messages.get('layers[2].rotation.lengthMinutes') ?? '', /from 60 to/);
    assert.match(messages.get('layers[2].id') ?? '', /duplicate id "l2"/);
    assert.match(messages.get('overrides[0].end') ?? '', /after start/);
  });

  it('requires a named zone, not an offset', () => {
    assert.deepEqual(fields({ ...goodSchedule(), timeZone: '+08:00' }), ['timeZone']);
    assert.deepEqual(fields({ ...goodSchedule(), timeZone: '' }), ['timeZone']);
  });

  it('limits the number of layers, participants, restrictions and overrides', () => {
    const s = goodSchedule();
    assert.deepEqual(fields({ ...s, layers: [] }), ['layers']);
    assert.deepEqual(fields({ ...s, layers: Array.from({ length: 11 }, (_, i) => goodLayer(`l${i}`)) }), ['layers']);
    const crowded = { ...goodLayer('l1'), participants: Array.from({ length: 101 }, (_, i) => `u${i}`) };
    assert.deepEqual(fields({ ...s, layers: [crowded] }), ['layers[0].participants']);
    const fussy = {
      ...goodLayer('l1'),
      restrictions: Array.from({ length: 22 }, () => ({ kind: 'time-of-day', start: '09:00', end: '10:00' })),
    };
    assert.deepEqual(fields({ ...s, layers: [fussy] }), ['layers[0].restrictions']);
    const overrides = Array.from({ length: 1001 }, (_, i) => ({ id: `o${i}`, userId: 'ann', start: T, end: T + 1 }));
    assert.deepEqual(fields({ ...s, overrides }), ['overrides']);
  });

  it('accepts a weekly restriction on one day whose end is before its start (a week less the gap)', () => {
    const layer = { ...goodLayer('l1'), restrictions: [{ kind: 'weekly', startDay: 1, start: '17:00', endDay: 1, end: '09:00' }] };
    assert.deepEqual(fields({ ...goodSchedule(), layers: [layer] }), []);
    const empty = { ...goodLayer('l1'), restrictions: [{ kind: 'weekly', startDay: 1, start: '09:00', endDay: 1, end: '09:00' }] };
    assert.deepEqual(fields({ ...goodSchedule(), layers: [empty] }), ['layers[0].restrictions[0].end']);
  });

  it('survives input of the wrong shape', () => {
    assert.deepEqual(fields(null), ['']);
    assert.deepEqual(fields({ name: 'x', timeZone: 'UTC', layers: 'l1', overrides: {} }), ['layers', 'overrides']);
    assert.deepEqual(fields({ name: 'x', timeZone: 'UTC', layers: [42, { id: 'l', name: 'n', start: 'soon' }], overrides: [] }), [
      'layers[0]',
      'layers[1].start',
      'layers[1].rotation',
      'layers[1].participants',
      'layers[1].restrictions',
    ]);
  });
});
