import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InternalIncidentImpact } from './derive-component-status.js';
import { DAY_MS, incidentIntervals, monitorIntervals, uptimeBars, utcDayStart, type StatusInterval } from './uptime-bars.js';

const at = (iso: string): number => {
  const t = Date.parse(iso);
  assert.ok(Number.isFinite(t), iso);
  return t;
};
const span = (from: string, to: string, status: StatusInterval['status']): StatusInterval => ({ start: at(from), end: at(to), status });
const NOW = at('2025-06-10T12:00:00Z');
const LONG_AGO = at('2025-01-01T00:00:00Z');

function day(bars: ReturnType<typeof uptimeBars>, date: string) {
  const found = bars.days.find((d) => d.date === date);
  assert.ok(found, date);
  return found;
}

function incident(over: Partial<InternalIncidentImpact> = {}): InternalIncidentImpact {
  return {
    status: 'resolved',
    level: 1,
    drill: false,
    suppressed: false,
    affected: [{ service: 'pay', impact: 'outage' }],
    services: ['pay'],
    startedAt: at('2025-06-05T10:00:00Z'),
    mitigatedAt: null,
    resolvedAt: at('2025-06-05T13:00:00Z'),
    ...over,
  };
}

describe('status/uptime: the 90 days', () => {
  it('has 90 UTC days, oldest first, ending today; all up without intervals', () => {
    const bars = uptimeBars([], { createdAt: LONG_AGO, now: NOW });
    assert.equal(bars.days.length, 90);
    assert.equal(bars.days[0]?.date, '2025-03-13');
    assert.equal(bars.days[89]?.date, '2025-06-10');
    assert.ok(bars.days.every((d) => d.uptime === 1 && d.worst === 'operational' && d.downMinutes === 0));
    assert.equal(bars.uptime90, 1);
  });

  it('splits an outage across midnight, unites overlapping ones and counts today up to now', () => {
    const bars = uptimeBars(
      [
        span('2025-06-08T23:00:00Z', '2025-06-09T01:30:00Z', 'major_outage'),
        span('2025-06-07T10:00:00Z', '2025-06-07T12:00:00Z', 'partial_outage'),
        span('2025-06-07T11:00:00Z', '2025-06-07T13:00:00Z', 'major_outage'),
        span('2025-06-06T10:00:00Z', '2025-06-06T20:00:00Z', 'degraded_performance'),
        span('2025-06-10T11:00:00Z', '2025-06-10T12:00:00Z', 'partial_outage'),
      ],
      { createdAt: LONG_AGO, now: NOW },
    );
    assert.deepEqual(day(bars, '2025-06-08'), { date: '2025-06-08', uptime: 1 - 60 / 1440, worst: 'major_outage', downMinutes: 60 });
    assert.deepEqual(day(bars, '2025-06-09'), { date: '2025-06-09', uptime: 1 - 90 / 1440, worst: 'major_outage', downMinutes: 90 });
    // 10:00–13:00 united: 180 minutes, not 240.
    assert.deepEqual(day(bars, '2025-06-07'), { date: '2025-06-07', uptime: 0.875, worst: 'major_outage', downMinutes: 180 });
    assert.deepEqual(day(bars, '2025-06-06'), { date: '2025-06-06', uptime: 1, worst: 'degraded_performance', downMinutes: 0 });
    // Today: 60 of the 720 minutes so far.
    assert.deepEqual(day(bars, '2025-06-10'), { date: '2025-06-10', uptime: 1 - 60 / 720, worst: 'partial_outage', downMinutes: 60 });
    assert.deepEqual(day(bars, '2025-06-05'), { date: '2025-06-05', uptime: 1, worst: 'operational', downMinutes: 0 });
    // 89 whole days and 720 minutes observed; 60 + 90 + 180 + 60 down.
    assert.equal(bars.uptime90, 1 - 390 / (89 * 1440 + 720));
  });

  it('has no data before the component existed, and counts its first day from its creation', () => {
    const bars = uptimeBars([span('2025-06-09T05:00:00Z', '2025-06-09T07:00:00Z', 'major_outage')], {
      createdAt: at('2025-06-09T06:00:00Z'),
      now: NOW,
    });
    assert.equal(bars.days.filter((d) => d.uptime === null).length, 88);
    assert.deepEqual(day(bars, '2025-06-08'), { date: '2025-06-08', uptime: null, worst: 'operational', downMinutes: 0 });
    // Observed 06:00–24:00 (1080 minutes), down 06:00–07:00.
    assert.deepEqual(day(bars, '2025-06-09'), { date: '2025-06-09', uptime: 1 - 60 / 1080, worst: 'major_outage', downMinutes: 60 });
    assert.equal(bars.uptime90, 1 - 60 / (1080 + 720));
    assert.equal(uptimeBars([], { createdAt: NOW + 1, now: NOW }).uptime90, null, 'no day has data');
  });
});

describe('status/uptime: intervals of an internal incident', () => {
  it('runs from the start to the resolution at full weight', () => {
    assert.deepEqual(incidentIntervals(incident(), ['pay'], NOW), [span('2025-06-05T10:00:00Z', '2025-06-05T13:00:00Z', 'major_outage')]);
    assert.deepEqual(incidentIntervals(incident({ level: 3 }), ['pay'], NOW)[0]?.status, 'partial_outage');
  });

  it('is degraded at most once mitigated, and still open up to now', () => {
    const open = incident({
      status: 'mitigated',
      mitigatedAt: at('2025-06-10T11:00:00Z'),
      resolvedAt: null,
      startedAt: at('2025-06-10T09:00:00Z'),
    });
    assert.deepEqual(incidentIntervals(open, ['pay'], NOW), [
      span('2025-06-10T09:00:00Z', '2025-06-10T11:00:00Z', 'major_outage'),
      span('2025-06-10T11:00:00Z', '2025-06-10T12:00:00Z', 'degraded_performance'),
    ]);
  });

  it('gives nothing for drills, suppressed incidents, other services or impacts that are not availability', () => {
    assert.deepEqual(incidentIntervals(incident({ drill: true }), ['pay'], NOW), []);
    assert.deepEqual(incidentIntervals(incident({ suppressed: true }), ['pay'], NOW), []);
    assert.deepEqual(incidentIntervals(incident(), ['chat'], NOW), []);
    assert.deepEqual(incidentIntervals(incident({ affected: [{ service: 'pay', impact: 'data_leak' }] }), ['pay'], NOW), []);
  });

  it('feeds the bars: two overlapping incidents on two services of one component count once', () => {
    const a = incident({ startedAt: at('2025-06-05T10:00:00Z'), resolvedAt: at('2025-06-05T12:00:00Z') });
    const b = incident({
      affected: [{ service: 'ledger', impact: 'outage' }],
      services: ['ledger'],
      level: 4,
      startedAt: at('2025-06-05T11:00:00Z'),
      resolvedAt: at('2025-06-05T14:00:00Z'),
    });
    const intervals = [a, b].flatMap((i) => incidentIntervals(i, ['pay', 'ledger'], NOW));
    const bars = uptimeBars(intervals, { createdAt: LONG_AGO, now: NOW });
    assert.deepEqual(day(bars, '2025-06-05'), { date: '2025-06-05', uptime: 1 - 240 / 1440, worst: 'major_outage', downMinutes: 240 });
  });
});

describe('status/uptime: mapped monitors', () => {
  const dayOf = (date: string): number => utcDayStart(at(`${date}T00:00:00Z`));

  it('a monitor down since some time is a major outage from then to now; degraded is degraded; paused, up or pending nothing', () => {
    const since = at('2025-06-10T11:00:00Z');
    assert.deepEqual(monitorIntervals({ state: 'down', paused: false, stateSince: since }, NOW), [
      span('2025-06-10T11:00:00Z', '2025-06-10T12:00:00Z', 'major_outage'),
    ]);
    assert.deepEqual(monitorIntervals({ state: 'degraded', paused: false, stateSince: since }, NOW), [
      span('2025-06-10T11:00:00Z', '2025-06-10T12:00:00Z', 'degraded_performance'),
    ]);
    assert.deepEqual(monitorIntervals({ state: 'down', paused: true, stateSince: since }, NOW), []);
    assert.deepEqual(monitorIntervals({ state: 'up', paused: false, stateSince: since }, NOW), []);
    assert.deepEqual(monitorIntervals({ state: 'pending', paused: false, stateSince: since }, NOW), []);
    const bars = uptimeBars(monitorIntervals({ state: 'down', paused: false, stateSince: since }, NOW), { createdAt: LONG_AGO, now: NOW });
    assert.deepEqual(day(bars, '2025-06-10'), { date: '2025-06-10', uptime: 1 - 60 / 720, worst: 'major_outage', downMinutes: 60 });
  });

  it("a completed day's uptime is at most the lowest mapped monitor's uptime that day", () => {
    const monitorDays = new Map([
      // 90 % and 95 % (degraded checks count as up): the lower one caps the day.
      [
        dayOf('2025-06-03'),
        [
          { up: 90, degraded: 0, down: 10 },
          { up: 90, degraded: 5, down: 5 },
        ],
      ],
      // All up, only degraded: uptime stays, the day is coloured.
      [dayOf('2025-06-04'), [{ up: 50, degraded: 50, down: 0 }]],
      // Today's counts still grow: not used.
      [dayOf('2025-06-10'), [{ up: 0, degraded: 0, down: 10 }]],
    ]);
    const bars = uptimeBars([], { createdAt: LONG_AGO, now: NOW, monitorDays });
    assert.deepEqual(day(bars, '2025-06-03'), { date: '2025-06-03', uptime: 0.9, worst: 'major_outage', downMinutes: 144 });
    assert.deepEqual(day(bars, '2025-06-04'), { date: '2025-06-04', uptime: 1, worst: 'degraded_performance', downMinutes: 0 });
    assert.deepEqual(day(bars, '2025-06-10'), { date: '2025-06-10', uptime: 1, worst: 'operational', downMinutes: 0 });
    assert.deepEqual(day(bars, '2025-06-05'), { date: '2025-06-05', uptime: 1, worst: 'operational', downMinutes: 0 });
    const observed = 89 * DAY_MS + 12 * 3_600_000;
    assert.ok(Math.abs((bars.uptime90 ?? 0) - (1 - (0.1 * DAY_MS) / observed)) < 1e-12);
  });

  it('an incident graver than the monitor keeps its lower uptime; days before the component existed stay empty', () => {
    const intervals = [span('2025-06-03T00:00:00Z', '2025-06-03T12:00:00Z', 'major_outage')];
    const monitorDays = new Map([
      [dayOf('2025-06-03'), [{ up: 9, degraded: 0, down: 1 }]],
      [dayOf('2025-06-01'), [{ up: 0, degraded: 0, down: 1 }]],
    ]);
    const bars = uptimeBars(intervals, { createdAt: at('2025-06-02T00:00:00Z'), now: NOW, monitorDays });
    assert.deepEqual(day(bars, '2025-06-03'), { date: '2025-06-03', uptime: 0.5, worst: 'major_outage', downMinutes: 720 });
    assert.deepEqual(day(bars, '2025-06-01'), { date: '2025-06-01', uptime: null, worst: 'operational', downMinutes: 0 });
  });
});
