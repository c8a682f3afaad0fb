import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isActionItemOverdue } from '../../src/domain/learn/action-item.js';
import { transitionPostmortem } from '../../src/domain/learn/postmortem.js';
import { regulatorClock } from '../../src/domain/learn/regulator-report.js';
import { postmortemThresholds, regulatorThresholds, reminderDue } from '../../src/domain/learn/reminders.js';
import { endOfLocalDate, workingDaysDeadline } from '../../src/domain/learn/working-days.js';
import { DEFAULT_RESPONSE_PROFILES } from '../../src/domain/response/profiles.js';
import { zoneFormatter } from '../../src/domain/time/zone.js';
import { renderHtml } from '../../src/learn/render-html.js';
import { mdInline, mdText } from '../../src/learn/render-markdown.js';
import { formatDuration, formatTime } from '../../src/learn/format.js';

const zone = (tz: string) => zoneFormatter(tz) as Intl.DateTimeFormat;
const at = (iso: string) => Date.parse(iso);
const isoOf = (ms: number) => new Date(ms).toISOString();

describe('working-day deadlines', () => {
  it('skips the weekend: Friday afternoon + 5 working days ends next Friday (Shanghai)', () => {
    assert.equal(isoOf(workingDaysDeadline(at('2025-06-06T07:30:00Z'), 5, zone('Asia/Shanghai'))), '2025-06-13T16:00:00.000Z');
  });

  it('counts from the local date: 23:30 UTC on a Friday is already Saturday in Shanghai', () => {
    // Sat 7 June 07:30 +08:00 → Mon 9 … Fri 13 → end of Fri 13.
    assert.equal(isoOf(workingDaysDeadline(at('2025-06-06T23:30:00Z'), 5, zone('Asia/Shanghai'))), '2025-06-13T16:00:00.000Z');
    // The same instant in UTC is still Friday: Mon 9 … Fri 13 as well, but ending at UTC midnight.
    assert.equal(isoOf(workingDaysDeadline(at('2025-06-06T23:30:00Z'), 5, zone('UTC'))), '2025-06-14T00:00:00.000Z');
    // In Los Angeles it is Friday afternoon: also Fri 13, at its local midnight.
    assert.equal(isoOf(workingDaysDeadline(at('2025-06-06T23:30:00Z'), 5, zone('America/Los_Angeles'))), '2025-06-14T07:00:00.000Z');
  });

  it('a Sunday start counts Monday as the first day; one working day from Friday is Monday', () => {
    assert.equal(isoOf(workingDaysDeadline(at('2025-06-08T04:00:00Z'), 1, zone('Asia/Shanghai'))), '2025-06-09T16:00:00.000Z');
    assert.equal(isoOf(workingDaysDeadline(at('2025-06-06T04:00:00Z'), 1, zone('Asia/Shanghai'))), '2025-06-09T16:00:00.000Z');
    assert.equal(isoOf(workingDaysDeadline(at('2025-06-06T04:00:00Z'), 0, zone('Asia/Shanghai'))), '2025-06-06T16:00:00.000Z');
  });

  it('crosses a daylight-saving change at local midnight (New York, March 2026)', () => {
    // Fri 6 March EST (-05:00) + 5 working days → Fri 13 March, which ends in EDT (-04:00).
    assert.equal(isoOf(workingDaysDeadline(at('2026-03-06T20:00:00Z'), 5, zone('America/New_York'))), '2026-03-14T04:00:00.000Z');
  });

  it('ends a due date at its local midnight, and refuses dates that do not exist', () => {
    assert.equal(isoOf(endOfLocalDate('2025-06-10', zone('Asia/Shanghai')) as number), '2025-06-10T16:00:00.000Z');
    assert.equal(isoOf(endOfLocalDate('2026-03-07', zone('America/New_York')) as number), '2026-03-08T05:00:00.000Z');
    assert.equal(endOfLocalDate('2025-02-30', zone('UTC')), null);
    assert.equal(endOfLocalDate('June 10', zone('UTC')), null);
  });
});

describe('postmortem review flow and action items', () => {
  it('moves draft → in_review → published, and back to draft from review only', () => {
    assert.equal(transitionPostmortem('draft', 'submit'), 'in_review');
    assert.equal(transitionPostmortem('in_review', 'return'), 'draft');
    assert.equal(transitionPostmortem('in_review', 'publish'), 'published');
    assert.throws(() => transitionPostmortem('draft', 'publish'), { code: 'invalid_transition' });
    assert.throws(() => transitionPostmortem('published', 'return'), { code: 'invalid_transition' });
  });

  it('an item is overdue from the end of its due date while it is open or in progress', () => {
    const dueAt = at('2025-06-10T16:00:00Z');
    assert.equal(isActionItemOverdue({ status: 'open', dueAt }, dueAt - 1), false);
    assert.equal(isActionItemOverdue({ status: 'open', dueAt }, dueAt), true);
    assert.equal(isActionItemOverdue({ status: 'in_progress', dueAt }, dueAt + 1), true);
    assert.equal(isActionItemOverdue({ status: 'done', dueAt }, dueAt + 1), false);
    assert.equal(isActionItemOverdue({ status: 'cancelled', dueAt }, dueAt + 1), false);
  });
});

describe('the regulator clock and reminders', () => {
  const incident = { createdAt: at('2025-06-06T06:00:00Z'), startedAt: at('2025-06-06T05:00:00Z') };

  it('runs dueMinutes from detection (or the start), and stops when the initial report is sent', () => {
    const level1 = DEFAULT_RESPONSE_PROFILES[1];
    const open = regulatorClock(level1, incident, null, at('2025-06-06T06:30:00Z'));
    assert.deepEqual([open.status, isoOf(open.dueAt as number), open.overdue], ['due', '2025-06-06T07:00:00.000Z', false]);
    assert.equal(regulatorClock(level1, incident, null, at('2025-06-06T07:00:01Z')).overdue, true);
    const late = regulatorClock(level1, incident, at('2025-06-06T07:05:00Z'), at('2025-06-06T08:00:00Z'));
    assert.deepEqual([late.status, late.overdue, late.sentLate], ['sent', false, true]);
    const fromStart = { ...level1, regulatorReport: { required: true, dueMinutes: 240, clockStartsAt: 'started' as const } };
    assert.equal(isoOf(regulatorClock(fromStart, incident, null, 0).dueAt as number), '2025-06-06T09:00:00.000Z');
    const none = regulatorClock(DEFAULT_RESPONSE_PROFILES[3], incident, null, 0);
    assert.deepEqual([none.required, none.status, none.dueAt], [false, 'not_required', null]);
  });

  it('owes one reminder at a time: the latest threshold passed', () => {
    const start = at('2025-06-06T06:00:00Z');
    const thresholds = regulatorThresholds(start, start + 60 * 60_000);
    assert.deepEqual(
      thresholds.map((t) => [t.kind, (t.at - start) / 60_000]),
      [
        ['regulator_report.half_time', 30],
        ['regulator_report.due_soon', 50],
        ['regulator_report.overdue', 60],
      ],
    );
    assert.equal(reminderDue(thresholds, start + 29 * 60_000), null);
    assert.equal(reminderDue(thresholds, start + 55 * 60_000)?.kind, 'regulator_report.due_soon');
    assert.equal(reminderDue(thresholds, start + 600 * 60_000)?.kind, 'regulator_report.overdue', 'a late sweep sends only the latest');
    // A 20-minute clock has no separate "10 minutes before": that is half-time already.
    assert.deepEqual(
      regulatorThresholds(start, start + 20 * 60_000).map((t) => t.kind),
      ['regulator_report.half_time', 'regulator_report.overdue'],
    );
    const due = at('2025-06-13T16:00:00Z');
    assert.deepEqual(
      postmortemThresholds(due).map((t) => isoOf(t.at)),
      ['2025-06-12T16:00:00.000Z', '2025-06-13T16:00:00.000Z'],
    );
  });
});

describe('export formatting and escaping', () => {
  it('writes times in the organisation zone and durations in both languages', () => {
    assert.equal(formatTime(at('2025-06-06T06:00:00Z'), 'Asia/Shanghai', '—'), '2025-06-06 14:00 +08:00');
    assert.equal(formatTime(at('2025-06-06T06:00:00Z'), 'America/New_York', '—'), '2025-06-06 02:00 -04:00');
    assert.equal(formatTime(null, 'UTC', '—'), '—');
    assert.equal(formatDuration(90 * 60_000, 'zh-CN', '—'), '1小时30分钟');
    assert.equal(formatDuration(26 * 3_600_000, 'en', '—'), '1 d 2 h');
    assert.equal(formatDuration(30_000, 'en', '—'), '0 min');
  });

  it('escapes Markdown markup in one-line values and raw HTML in people’s text', () => {
    assert.equal(mdInline('*a* | <b>_x_'), '\\*a\\* \\| \\<b\\>\\_x\\_');
    assert.equal(mdText('**kept**\n<script>x</script>'), '**kept**\n\\<script>x\\</script>');
  });

  it('renders HTML with every text escaped', () => {
    const html = renderHtml({
      lang: 'en',
      title: '<img src=x onerror=alert(1)>',
      meta: [['"k"', "'v'"]],
      sections: [
        {
          heading: 'h<1>',
          blocks: [
            { kind: 'text', text: 'a\n<script>b</script>' },
            { kind: 'table', head: ['<th>'], rows: [['<td>']] },
          ],
        },
      ],
      placeholder: '(to be written)',
      footer: '</footer>',
    });
    assert.ok(!/<(img|script|th>|td>)/.test(html.replace(/<th>&lt;th&gt;<\/th>|<td>&lt;td&gt;<\/td>/g, '')));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('a<br>&lt;script&gt;b&lt;/script&gt;'));
    assert.ok(html.includes('<dt>&quot;k&quot;</dt><dd>&#39;v&#39;</dd>'));
  });
});
