import { createHash } from 'node:crypto';

/**
 * iCalendar (RFC 5545) feeds of on-call shifts, for a schedule or a user: a calendar app subscribes to
 * the URL and shows one event per shift. Times are written in UTC, so no VTIMEZONE is needed; the app
 * shows them in its user's zone.
 */

/** One shift to show: who, when (epoch ms, [start, end)), in which schedule, and its title. */
export interface CalendarShift {
  scheduleId: string;
  userId: string;
  start: number;
  end: number;
  /** The event title, e.g. `On call: Li Wei (Payments primary)`. */
  summary: string;
  description?: string | null;
}

export interface CalendarFeed {
  /** The calendar's name, as the app lists it. */
  name: string;
  shifts: readonly CalendarShift[];
  /** When the feed is rendered (epoch ms), written as every event's DTSTAMP; the domain has no clock. */
  generatedAt: number;
  /** Right-hand side of the event UIDs (`<hash>@<uidDomain>`), e.g. the server's host name. */
  uidDomain?: string;
}

export const ICAL_PRODID = '-//Fenghuo//On-call//EN';
const MAX_LINE_OCTETS = 75;

/** An instant as an RFC 5545 UTC date-time, `YYYYMMDDTHHMMSSZ` (milliseconds dropped). */
export function formatICalUtc(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A TEXT value escaped per RFC 5545 §3.3.11: `\`, `;`, `,` and newlines; other control characters dropped. */
export function escapeICalText(value: string): string {
  let out = '';
  const text = value.replace(/\r\n|\r|\n/g, '\n');
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === ';' || ch === ',') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if ((code < 0x20 && ch !== '\t') || code === 0x7f) continue;
    else out += ch;
  }
  return out;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/**
 * A content line folded per RFC 5545 §3.1: no line longer than 75 octets (UTF-8) before its CRLF, a
 * continuation line starting with one space; a character is never split. Ends with CRLF.
 */
export function foldICalLine(line: string): string {
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + size > MAX_LINE_OCTETS) {
      out += '\r\n ';
      octets = 1;
    }
    out += ch;
    octets += size;
  }
  return `${out}\r\n`;
}

/** A UID that stays the same for the same shift (schedule, user and start) from one render to the next. */
function eventUid(shift: CalendarShift, domain: string): string {
  const hash = createHash('sha256').update(`${shift.scheduleId}\n${shift.userId}\n${shift.start}`).digest('hex').slice(0, 32);
  return `${hash}@${domain}`;
}

function eventLines(shift: CalendarShift, stamp: string, domain: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeICalText(eventUid(shift, domain))}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${formatICalUtc(shift.start)}`,
    `DTEND:${formatICalUtc(shift.end)}`,
    `SUMMARY:${escapeICalText(shift.summary)}`,
  ];
  if (shift.description != null && shift.description !== '') lines.push(`DESCRIPTION:${escapeICalText(shift.description)}`);
  // Being on call is not being busy: the shift does not block the calendar for meetings.
  lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  return lines;
}

/** The feed as an iCalendar document (CRLF line endings, folded lines), one VEVENT per shift in the given order. */
export function renderICalendar(feed: CalendarFeed): string {
  const stamp = formatICalUtc(feed.generatedAt);
  const domain = feed.uidDomain ?? 'fenghuo';
  const name = escapeICalText(feed.name);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICAL_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    ...feed.shifts.flatMap((shift) => eventLines(shift, stamp, domain)),
    'END:VCALENDAR',
  ];
  return lines.map(foldICalLine).join('');
}
