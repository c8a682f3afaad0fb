import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeICalText, foldICalLine, formatICalUtc, renderICalendar, type CalendarFeed } from './ical.js';

const t = (iso: string): number => {
  const v = Date.parse(iso);
  assert.ok(Number.isFinite(v), iso);
  return v;
};

const longDescription = `${'a'.repeat(62)}值${'b'.repeat(80)}`;

function feed(generatedAt = t('2026-03-01T12:34:56.789Z')): CalendarFeed {
  return {
    name: 'Payments, primary; Ann',
    generatedAt,
    uidDomain: 'oncall.example',
    shifts: [
      {
        scheduleId: 'sch-1',
        userId: 'ann',
        start: t('2026-03-02T09:00-05:00'),
        end: t('2026-03-09T09:00-04:00'),
        summary: 'On call: Ann, Payments; primary\\backup',
        description: longDescription,
      },
      {
        scheduleId: 'sch-1',
        userId: 'bob',
        start: t('2026-03-09T09:00-04:00'),
        end: t('2026-03-16T09:00-04:00'),
        summary: 'On call: Bob\nsecond line',
        description: null,
      },
    ],
  };
}

const uids = (text: string): string[] => [...text.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1] ?? '');

describe('oncall/ical: renderICalendar', () => {
  it('renders a small feed exactly: CRLF, escaping, folding at 75 octets, UTC times', () => {
    const out = renderICalendar(feed());
    const [uid1, uid2] = uids(out);
    assert.match(uid1 ?? '', /^[0-9a-f]{32}@oncall\.example$/);
    assert.match(uid2 ?? '', /^[0-9a-f]{32}@oncall\.example$/);
    const expected = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Fenghuo//On-call//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'NAME:Payments\\, primary\\; Ann',
      'X-WR-CALNAME:Payments\\, primary\\; Ann',
      'BEGIN:VEVENT',
      `UID:${uid1}`,
      'DTSTAMP:20260301T123456Z',
      'DTSTART:20260302T140000Z',
      'DTEND:20260309T130000Z',
      'SUMMARY:On call: Ann\\, Payments\\; primary\\\\backup',
      // 12 + 62 = 74 octets; the 3-octet 值 would make 77, so it starts the next line.
      `DESCRIPTION:${'a'.repeat(62)}`,
      ` 值${'b'.repeat(71)}`,
      ` ${'b'.repeat(9)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'BEGIN:VEVENT',
      `UID:${uid2}`,
      'DTSTAMP:20260301T123456Z',
      'DTSTART:20260309T130000Z',
      'DTEND:20260316T130000Z',
      'SUMMARY:On call: Bob\\nsecond line',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'END:VCALENDAR',
    ];
    assert.equal(out, expected.map((line) => `${line}\r\n`).join(''));
  });

  it('keeps every physical line within 75 octets and unfolds to the original text', () => {
    const out = renderICalendar(feed());
    assert.ok(!/[^\r]\n/.test(out), 'every line ends with CRLF');
    for (const line of out.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
    const unfolded = out.replace(/\r\n /g, '');
    assert.ok(unfolded.includes(`\r\nDESCRIPTION:${longDescription}\r\n`));
  });

  it('gives each shift a UID that is stable across renders and distinct between shifts', () => {
    const first = uids(renderICalendar(feed()));
    const later = uids(renderICalendar(feed(t('2026-03-05T00:00:00Z'))));
    assert.deepEqual(later, first);
    assert.notEqual(first[0], first[1]);
    const moved = feed();
    moved.shifts = [{ ...(moved.shifts[0] as CalendarFeed['shifts'][number]), start: t('2026-03-02T10:00-05:00') }];
    assert.notEqual(uids(renderICalendar(moved))[0], first[0]);
  });

  it('renders an empty calendar', () => {
    const out = renderICalendar({ name: 'Nobody', generatedAt: 0, shifts: [] });
    assert.equal(
      out,
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fenghuo//On-call//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nNAME:Nobody\r\nX-WR-CALNAME:Nobody\r\nEND:VCALENDAR\r\n',
    );
  });
});

describe('oncall/ical: helpers', () => {
  it('escapes TEXT values and drops control characters other than tab', () => {
    assert.equal(escapeICalText('a\r\nb\rc\nd'), 'a\\nb\\nc\\nd');
    assert.equal(escapeICalText('x,y;z\\w'), 'x\\,y\\;z\\\\w');
    assert.equal(escapeICalText('bell\u0007\tdel\u007f!'), 'bell\tdel!');
  });

  it('formats UTC date-times, dropping milliseconds', () => {
    assert.equal(formatICalUtc(t('2026-11-01T01:30:00-04:00')), '20261101T053000Z');
    assert.equal(formatICalUtc(t('2026-11-01T01:30:00.999Z')), '20261101T013000Z');
  });

  it('folds by octets, not characters, and never splits a character', () => {
    const line = '值'.repeat(50); // 150 octets: 25 characters (75 octets), then 24 (1 + 72), then 1
    assert.equal(foldICalLine(line), `${'值'.repeat(25)}\r\n ${'值'.repeat(24)}\r\n 值\r\n`);
    assert.equal(foldICalLine('x'.repeat(75)), `${'x'.repeat(75)}\r\n`);
    assert.equal(foldICalLine('x'.repeat(76)), `${'x'.repeat(75)}\r\n x\r\n`);
  });
});
