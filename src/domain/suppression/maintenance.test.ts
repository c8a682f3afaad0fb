import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isInMaintenance,
  maintenanceRangeAt,
  maintenanceWindowKind,
  nextWindowStart,
  serviceInMaintenance,
  validateMaintenanceWindow,
  type MaintenanceWindow,
} from './maintenance.js';

const at = (iso: string): number => {
  const t = Date.parse(iso);
  assert.ok(Number.isFinite(t), iso);
  return t;
};
const MINUTE = 60_000;

function oneOff(startsAt: number, endsAt: number, serviceIds = ['pay']): MaintenanceWindow {
  return { id: 'w-once', serviceIds, startsAt, endsAt, cron: null, durationMinutes: null, timeZone: 'UTC', comment: 'db upgrade' };
}

function recurring(cron: string, durationMinutes: number, timeZone: string, serviceIds = ['pay']): MaintenanceWindow {
  return { id: 'w-cron', serviceIds, startsAt: null, endsAt: null, cron, durationMinutes, timeZone, comment: 'weekly patching' };
}

describe('suppression/maintenance: one-off windows', () => {
  const start = at('2025-06-01T10:00:00Z');
  const end = at('2025-06-01T12:00:00Z');
  const w = oneOff(start, end);

  it('is active on [startsAt, endsAt)', () => {
    assert.equal(isInMaintenance(w, start - 1), false);
    assert.equal(isInMaintenance(w, start), true);
    assert.equal(isInMaintenance(w, end - 1), true);
    assert.equal(isInMaintenance(w, end), false);
    assert.deepEqual(maintenanceRangeAt(w, start + MINUTE), { startsAt: start, endsAt: end });
  });

  it('has a next start only before it starts', () => {
    assert.equal(nextWindowStart(w, start - 1), start);
    assert.equal(nextWindowStart(w, start), null);
    assert.equal(nextWindowStart(w, end + 1), null);
  });
});

describe('suppression/maintenance: recurring windows', () => {
  // Sundays 02:00–04:00 Asia/Shanghai (UTC+8) = Saturdays 18:00–20:00 UTC.
  const w = recurring('0 2 * * 0', 120, 'Asia/Shanghai');
  const sunday2am = at('2025-01-04T18:00:00Z'); // Sunday 2025-01-05 02:00 in Shanghai

  it('honours the time zone: 02:00 Shanghai is 18:00 UTC the previous day', () => {
    assert.equal(isInMaintenance(w, sunday2am), true);
    // Sunday 02:00 UTC is 10:00 in Shanghai: not in the window.
    assert.equal(isInMaintenance(w, at('2025-01-05T02:00:00Z')), false);
    assert.equal(isInMaintenance(w, at('2025-01-05T03:00:00Z')), false);
  });

  it('is active from the start for the duration, and not just before or just after', () => {
    assert.equal(isInMaintenance(w, sunday2am - 1), false);
    assert.equal(isInMaintenance(w, sunday2am), true);
    assert.equal(isInMaintenance(w, sunday2am + 60 * MINUTE), true);
    assert.equal(isInMaintenance(w, sunday2am + 120 * MINUTE - 1), true);
    assert.equal(isInMaintenance(w, sunday2am + 120 * MINUTE), false);
    assert.deepEqual(maintenanceRangeAt(w, sunday2am + 30 * MINUTE), { startsAt: sunday2am, endsAt: sunday2am + 120 * MINUTE });
  });

  it('recurs weekly and not on other days', () => {
    const week = 7 * 24 * 60 * MINUTE;
    assert.equal(isInMaintenance(w, sunday2am + week + MINUTE), true);
    assert.equal(isInMaintenance(w, sunday2am - week + MINUTE), true);
    assert.equal(isInMaintenance(w, sunday2am + 24 * 60 * MINUTE + MINUTE), false);
    // Out-of-order queries give the same answers (the memo must not leak between them).
    assert.equal(isInMaintenance(w, sunday2am + 3 * week + 119 * MINUTE), true);
    assert.equal(isInMaintenance(w, sunday2am + 121 * MINUTE), false);
    assert.equal(isInMaintenance(w, sunday2am + 10 * MINUTE), true);
  });

  it('gives the next start strictly after now', () => {
    assert.equal(nextWindowStart(w, at('2025-01-01T00:00:00Z')), sunday2am);
    assert.equal(nextWindowStart(w, sunday2am - 1), sunday2am);
    assert.equal(nextWindowStart(w, sunday2am), at('2025-01-11T18:00:00Z'));
    assert.equal(nextWindowStart(w, sunday2am + 30 * MINUTE), at('2025-01-11T18:00:00Z'));
  });

  it('supports windows longer than the period between starts', () => {
    const hourly = recurring('0 * * * *', 90, 'UTC');
    assert.equal(isInMaintenance(hourly, at('2025-01-01T10:59:00Z')), true);
    assert.deepEqual(maintenanceRangeAt(hourly, at('2025-01-01T10:59:00Z')), {
      startsAt: at('2025-01-01T10:00:00Z'),
      endsAt: at('2025-01-01T11:30:00Z'),
    });
  });

  it('never applies when malformed', () => {
    const bad = recurring('not a cron', 60, 'UTC');
    assert.equal(isInMaintenance(bad, sunday2am), false);
    assert.equal(nextWindowStart(bad, sunday2am), null);
    assert.equal(isInMaintenance(recurring('0 2 * * 0', 120, 'Mars/Olympus'), sunday2am), false);
    assert.equal(isInMaintenance({ ...w, startsAt: sunday2am - 1, endsAt: sunday2am + 1 }, sunday2am), false);
    assert.equal(maintenanceWindowKind({ ...w, startsAt: sunday2am - 1 }), null);
    assert.equal(maintenanceWindowKind(w), 'recurring');
    assert.equal(maintenanceWindowKind(oneOff(1, 2)), 'one-off');
  });
});

describe('suppression/maintenance: daylight saving time (Europe/Berlin)', () => {
  // 2025-03-30 (last Sunday of March): 02:00 CET (UTC+1) jumps to 03:00 CEST (UTC+2).
  // 2025-10-26 (last Sunday of October): 03:00 CEST falls back to 02:00 CET.

  it('keeps the wall-clock start time on both sides of the spring change', () => {
    const w = recurring('0 1 * * *', 60, 'Europe/Berlin');
    // Saturday: 01:00 CET = 00:00 UTC. Monday: 01:00 CEST = 23:00 UTC on Sunday.
    assert.equal(nextWindowStart(w, at('2025-03-29T00:00:00Z') - 1), at('2025-03-29T00:00:00Z'));
    assert.equal(nextWindowStart(w, at('2025-03-30T12:00:00Z')), at('2025-03-30T23:00:00Z'));
  });

  it('measures the duration in elapsed time when the clocks jump inside the window', () => {
    // Sunday 01:30 CET (00:30 UTC) + 60 min ends at 01:30 UTC, which the clocks show as 03:30 CEST.
    const w = recurring('30 1 * * *', 60, 'Europe/Berlin');
    assert.equal(isInMaintenance(w, at('2025-03-30T00:30:00Z') - 1), false);
    assert.equal(isInMaintenance(w, at('2025-03-30T00:30:00Z')), true);
    assert.equal(isInMaintenance(w, at('2025-03-30T01:29:59Z')), true);
    assert.equal(isInMaintenance(w, at('2025-03-30T01:30:00Z')), false);
  });

  it('opens a window whose start falls in the skipped hour once, an hour later by the clock', () => {
    // 02:00 does not exist on 2025-03-30; the window opens at 02:00 read as CET = 01:00 UTC (03:00 CEST)
    // and lasts its two hours. The weeks around it are 02:00 local as usual.
    const w = recurring('0 2 * * 0', 120, 'Europe/Berlin');
    assert.equal(nextWindowStart(w, at('2025-03-22T00:00:00Z')), at('2025-03-23T01:00:00Z')); // 02:00 CET
    assert.equal(nextWindowStart(w, at('2025-03-29T00:00:00Z')), at('2025-03-30T01:00:00Z')); // skipped hour
    assert.equal(nextWindowStart(w, at('2025-04-05T00:00:00Z')), at('2025-04-06T00:00:00Z')); // 02:00 CEST
    assert.equal(isInMaintenance(w, at('2025-03-30T00:59:59Z')), false);
    assert.equal(isInMaintenance(w, at('2025-03-30T01:00:00Z')), true);
    assert.equal(isInMaintenance(w, at('2025-03-30T02:59:59Z')), true);
    assert.equal(isInMaintenance(w, at('2025-03-30T03:00:00Z')), false);
  });

  it('opens a window whose start occurs twice in the autumn once, at the first occurrence', () => {
    const w = recurring('30 2 * * *', 30, 'Europe/Berlin');
    // 02:30 CEST = 00:30 UTC; the second 02:30 (CET) = 01:30 UTC does not open it again.
    assert.equal(nextWindowStart(w, at('2025-10-25T12:00:00Z')), at('2025-10-26T00:30:00Z'));
    assert.equal(isInMaintenance(w, at('2025-10-26T00:45:00Z')), true);
    assert.equal(isInMaintenance(w, at('2025-10-26T01:45:00Z')), false);
    assert.equal(nextWindowStart(w, at('2025-10-26T00:45:00Z')), at('2025-10-27T01:30:00Z')); // 02:30 CET
  });
});

describe('suppression/maintenance: consistency around DST changes', () => {
  /**
   * Whatever order the questions come in, the answers must describe one set of starts: the next
   * start after t is the first of them after t, and t is in maintenance exactly when one of them lies
   * in (t - duration, t]. (cron-parser's own time-zone search fails this around DST changes.)
   */
  function assertConsistent(cron: string, timeZone: string, durationMinutes: number, fromIso: string, hours: number): void {
    const w = recurring(cron, durationMinutes, timeZone);
    const from = at(fromIso);
    const grid: number[] = [];
    for (let t = from - (durationMinutes + 1) * MINUTE; t < from + hours * 60 * MINUTE; t += MINUTE / 2) grid.push(t);
    const starts = [...new Set(grid.map((t) => nextWindowStart(w, t)))].filter((s): s is number => s !== null).sort((a, b) => a - b);
    assert.ok(starts.length > 0);
    // A fixed pseudo-random order, so that the memo sees jumps back and forth.
    let seed = 42;
    const shuffled = grid
      .filter((t) => t >= from)
      .map((t) => ({ t, k: (seed = (seed * 1103515245 + 12345) % 2 ** 31) }))
      .sort((a, b) => a.k - b.k);
    for (const { t } of shuffled) {
      const label = `${cron} ${timeZone} at ${new Date(t).toISOString()}`;
      assert.equal(nextWindowStart(w, t), starts.find((s) => s > t) ?? null, `next start, ${label}`);
      const open = starts.some((s) => s <= t && t < s + durationMinutes * MINUTE);
      assert.equal(isInMaintenance(w, t), open, `in maintenance, ${label}`);
    }
  }

  it('Europe/Berlin, clocks forward (2025-03-30)', () => {
    assertConsistent('30 2 * * *', 'Europe/Berlin', 30, '2025-03-29T22:00:00Z', 6);
    assertConsistent('0 2 * * 0', 'Europe/Berlin', 120, '2025-03-29T22:00:00Z', 6);
    assertConsistent('*/15 * * * *', 'Europe/Berlin', 10, '2025-03-29T23:30:00Z', 3);
  });

  it('Europe/Berlin, clocks back (2025-10-26)', () => {
    assertConsistent('30 2 * * *', 'Europe/Berlin', 30, '2025-10-25T22:00:00Z', 6);
    assertConsistent('30 2 * * *', 'Europe/Berlin', 120, '2025-10-25T22:00:00Z', 6);
    assertConsistent('*/20 * * * *', 'Europe/Berlin', 5, '2025-10-25T23:30:00Z', 3);
  });

  it('America/New_York and the half-hour shift of Australia/Lord_Howe', () => {
    assertConsistent('30 2 * * *', 'America/New_York', 45, '2025-03-09T05:00:00Z', 5);
    assertConsistent('45 1 * * *', 'Australia/Lord_Howe', 60, '2025-04-05T13:00:00Z', 5);
  });

  it('keeps a 15-minute cadence through the skipped hour', () => {
    const w = recurring('*/15 * * * *', 15, 'Europe/Berlin');
    // Every instant of the night is covered, including the jump from 02:00 CET to 03:00 CEST.
    for (let t = at('2025-03-30T00:00:00Z'); t < at('2025-03-30T03:00:00Z'); t += MINUTE) {
      assert.equal(isInMaintenance(w, t), true, new Date(t).toISOString());
    }
  });
});

describe('suppression/maintenance: serviceInMaintenance', () => {
  const sunday2am = at('2025-01-04T18:00:00Z');
  const weekly = { ...recurring('0 2 * * 0', 120, 'Asia/Shanghai', ['pay', 'ledger']), id: 'weekly' };
  const once = { ...oneOff(sunday2am - 60 * MINUTE, sunday2am + 10 * MINUTE, ['shop']), id: 'once' };
  const broken = { ...recurring('0 99 * * *', 60, 'UTC', ['shop']), id: 'broken' };
  const windows = [broken, weekly, once];

  it('returns the active window covering the service', () => {
    assert.equal(serviceInMaintenance(windows, 'ledger', sunday2am + MINUTE)?.id, 'weekly');
    assert.equal(serviceInMaintenance(windows, 'shop', sunday2am + MINUTE)?.id, 'once');
  });

  it('returns null for other services and outside the windows', () => {
    assert.equal(serviceInMaintenance(windows, 'search', sunday2am + MINUTE), null);
    assert.equal(serviceInMaintenance(windows, 'shop', sunday2am + 10 * MINUTE), null);
    assert.equal(serviceInMaintenance(windows, 'pay', sunday2am - 1), null);
    assert.equal(serviceInMaintenance([], 'pay', sunday2am), null);
  });
});

describe('suppression/maintenance: validateMaintenanceWindow', () => {
  const fields = (w: MaintenanceWindow): string[] => validateMaintenanceWindow(w).map((i) => i.field);

  it('accepts valid one-off and recurring windows', () => {
    assert.deepEqual(validateMaintenanceWindow(oneOff(1_000, 2_000)), []);
    assert.deepEqual(validateMaintenanceWindow(recurring('0 2 * * 0', 120, 'Asia/Shanghai')), []);
    assert.deepEqual(validateMaintenanceWindow(recurring('*/15 9-17 1,15 JAN-MAR MON-FRI', 10, 'Europe/Berlin')), []);
  });

  it('names cron for an invalid cron expression', () => {
    for (const cron of ['not a cron', '61 2 * * *', '0 24 * * *', '0 2 * *', '0 0 2 * * 0', '@weekly', 'H 2 * * *', '0 2 30 2 *', '']) {
      const issues = validateMaintenanceWindow(recurring(cron, 60, 'UTC'));
      assert.deepEqual(
        issues.map((i) => i.field),
        ['cron'],
        `cron ${JSON.stringify(cron)}: ${JSON.stringify(issues)}`,
      );
    }
    assert.match(validateMaintenanceWindow(recurring('0 2 * *', 60, 'UTC'))[0]?.message ?? '', /5 fields/);
  });

  it('rejects a window that is both one-off and recurring, naming cron', () => {
    const both: MaintenanceWindow = { ...recurring('0 2 * * 0', 120, 'UTC'), startsAt: 1_000, endsAt: 2_000 };
    const issues = validateMaintenanceWindow(both);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.field, 'cron');
    assert.match(issues[0]?.message ?? '', /not both/);
  });

  it('rejects a window that is neither', () => {
    assert.deepEqual(fields({ ...oneOff(1, 2), startsAt: null, endsAt: null }), ['startsAt']);
  });

  it('checks one-off times', () => {
    assert.deepEqual(fields(oneOff(2_000, 2_000)), ['endsAt']);
    assert.deepEqual(fields({ ...oneOff(1, 2), endsAt: null }), ['endsAt']);
    assert.deepEqual(fields({ ...oneOff(1, 2), startsAt: Number.NaN }), ['startsAt']);
  });

  it('checks the duration of recurring windows', () => {
    assert.deepEqual(fields(recurring('0 2 * * 0', 0, 'UTC')), ['durationMinutes']);
    assert.deepEqual(fields(recurring('0 2 * * 0', 1.5, 'UTC')), ['durationMinutes']);
    assert.deepEqual(fields(recurring('0 2 * * 0', 31 * 24 * 60 + 1, 'UTC')), ['durationMinutes']);
    assert.deepEqual(fields({ ...recurring('0 2 * * 0', 60, 'UTC'), durationMinutes: null }), ['durationMinutes']);
    assert.deepEqual(fields({ ...recurring('0 2 * * 0', 60, 'UTC'), cron: null }), ['cron']);
  });

  it('checks the time zone and the services', () => {
    assert.deepEqual(fields(recurring('0 2 * * 0', 60, 'Mars/Olympus')), ['timeZone']);
    assert.deepEqual(fields(recurring('0 2 * * 0', 60, '+08:00')), ['timeZone']);
    assert.deepEqual(fields(recurring('0 2 * * 0', 60, 'UTC', [])), ['serviceIds']);
    assert.deepEqual(fields(recurring('0 2 * * 0', 60, 'UTC', ['pay', '', 'pay'])), ['serviceIds[1]', 'serviceIds[2]']);
  });
});
