import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantToWall, isValidTimeZone, MINUTE_MS, wallToInstant, zoneClock, zoneFormatter } from './zone.js';

const t = (iso: string): number => {
  const v = Date.parse(iso);
  assert.ok(Number.isFinite(v), iso);
  return v;
};

function fmt(tz: string): Intl.DateTimeFormat {
  const f = zoneFormatter(tz);
  assert.ok(f !== null, tz);
  return f;
}

describe('time/zone', () => {
  it('knows IANA names, not offsets', () => {
    assert.equal(isValidTimeZone('Asia/Shanghai'), true);
    assert.equal(isValidTimeZone('UTC'), true);
    assert.equal(isValidTimeZone('+08:00'), false);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
  });

  it('reads skipped wall-clock times later and repeated ones at their first occurrence', () => {
    const berlin = fmt('Europe/Berlin');
    assert.equal(wallToInstant(berlin, Date.UTC(2026, 2, 29, 2, 30)), t('2026-03-29T03:30+02:00'));
    assert.equal(wallToInstant(berlin, Date.UTC(2026, 9, 25, 2, 30)), t('2026-10-25T02:30+02:00'));
    const newYork = fmt('America/New_York');
    assert.equal(wallToInstant(newYork, Date.UTC(2026, 2, 8, 2, 30)), t('2026-03-08T03:30-04:00'));
    assert.equal(wallToInstant(newYork, Date.UTC(2026, 10, 1, 1, 30)), t('2026-11-01T01:30-04:00'));
    assert.equal(instantToWall(newYork, t('2026-11-01T01:30-05:00')), Date.UTC(2026, 10, 1, 1, 30));
  });

  it('zoneClock agrees with wallToInstant every 15 minutes around DST changes', () => {
    const cases: Array<[string, number]> = [
      ['Europe/Berlin', Date.UTC(2026, 2, 25)],
      ['Europe/Berlin', Date.UTC(2026, 9, 21)],
      ['America/New_York', Date.UTC(2026, 2, 4)],
      ['America/New_York', Date.UTC(2026, 9, 28)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 1)],
      ['Asia/Shanghai', Date.UTC(2026, 0, 1)],
    ];
    for (const [tz, from] of cases) {
      const f = fmt(tz);
      const clock = zoneClock(f);
      for (let wall = from; wall < from + 8 * 1440 * MINUTE_MS; wall += 15 * MINUTE_MS) {
        assert.equal(clock.toInstant(wall), wallToInstant(f, wall), `${tz} ${new Date(wall).toISOString()}`);
      }
    }
  });
});
