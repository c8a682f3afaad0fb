import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { T0, aPage } from './channels/testing/builders.js';
import { formatDuration, levelName, renderBundle, renderMessage, type PageMessage } from './message.js';

const MIN = 60_000;

describe('levelName', () => {
  it('一级…四级 and Level 1…4', () => {
    assert.deepEqual(
      ([1, 2, 3, 4] as const).map((l) => levelName(l, 'zh-CN')),
      ['一级', '二级', '三级', '四级'],
    );
    assert.deepEqual(
      ([1, 2, 3, 4] as const).map((l) => levelName(l, 'en')),
      ['Level 1', 'Level 2', 'Level 3', 'Level 4'],
    );
  });
});

describe('formatDuration', () => {
  const cases: Array<[number, string, string]> = [
    [-5_000, '不到 1 分钟', 'under 1 min'],
    [59_999, '不到 1 分钟', 'under 1 min'],
    [12 * MIN + 59_000, '12 分钟', '12 min'],
    [60 * MIN, '1 小时', '1 h'],
    [125 * MIN, '2 小时 5 分钟', '2 h 5 min'],
    [24 * 60 * MIN, '1 天', '1 d'],
    [(26 * 60 + 30) * MIN, '1 天 2 小时', '1 d 2 h'],
  ];
  for (const [ms, zh, en] of cases) {
    it(`${ms} ms → "${zh}" / "${en}"`, () => {
      assert.equal(formatDuration(ms, 'zh-CN'), zh);
      assert.equal(formatDuration(ms, 'en'), en);
    });
  }
});

describe('renderMessage', () => {
  it('a new page in English: level, title, services, why, how long, links', () => {
    const r = renderMessage(aPage(), 'en');
    assert.equal(r.subject, '[Level 1] #42 Payment gateway down');
    assert.equal(
      r.text,
      [
        '[Level 1] #42 Payment gateway down',
        'Affected services: payments, checkout',
        'Why Level 1:',
        '- payment: service "payments" has an outage',
        'Open for 12 min',
        'Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
        'Resolve: https://fenghuo.example.com/i/42/resolve?t=abc',
      ].join('\n'),
    );
    assert.equal(
      r.markdown,
      [
        '### \\[Level 1\\] #42 Payment gateway down',
        '**Affected services**: payments, checkout',
        '**Why Level 1**:',
        '- payment: service "payments" has an outage',
        '**Open for 12 min**',
        '[Acknowledge](https://fenghuo.example.com/i/42/ack?t=abc) · [Resolve](https://fenghuo.example.com/i/42/resolve?t=abc)',
      ].join('\n'),
    );
  });

  it('the same page in Chinese', () => {
    const r = renderMessage(aPage({ title: '支付网关不可用', level: 2, openedAt: T0, now: T0 + 125 * MIN }), 'zh-CN');
    assert.equal(r.subject, '[二级] #42 支付网关不可用');
    assert.equal(
      r.text,
      [
        '[二级] #42 支付网关不可用',
        '影响服务：payments、checkout',
        '定级依据（二级）：',
        '- payment：service "payments" has an outage',
        '已持续 2 小时 5 分钟',
        '确认：https://fenghuo.example.com/i/42/ack?t=abc',
        '解决：https://fenghuo.example.com/i/42/resolve?t=abc',
      ].join('\n'),
    );
    assert.match(r.html, /^<!doctype html>\n<html lang="zh-CN"><body>\n<h2>\[二级\] #42 支付网关不可用<\/h2>\n/);
  });

  it('resolved: tagged, "resolved after", no acknowledge link', () => {
    const msg = aPage({
      kind: 'resolved',
      now: T0 + 65 * MIN,
      ackUrl: null,
      resolveUrl: null,
      incidentUrl: 'https://fenghuo.example.com/i/42',
    });
    const en = renderMessage(msg, 'en');
    assert.equal(en.subject, '[Level 1 · Resolved] #42 Payment gateway down');
    assert.match(en.text, /\nResolved after 1 h 5 min\nDetails: https:\/\/fenghuo\.example\.com\/i\/42$/);
    assert.doesNotMatch(en.text, /Acknowledge/);
    const zh = renderMessage(msg, 'zh-CN');
    assert.equal(zh.subject, '[一级 · 已恢复] #42 Payment gateway down');
    assert.match(zh.text, /\n持续 1 小时 5 分钟后恢复\n/);
  });

  it('update and escalation carry their tag; an update its note', () => {
    const update = renderMessage(aPage({ kind: 'update', note: 'Failover to the standby\ncluster started' }), 'en');
    assert.equal(update.subject, '[Level 1 · Update] #42 Payment gateway down');
    assert.match(update.text, /\nUpdate: Failover to the standby cluster started\n/);
    assert.match(renderMessage(aPage({ kind: 'update', note: '切换到备用集群' }), 'zh-CN').text, /\n最新进展：切换到备用集群\n/);
    assert.equal(renderMessage(aPage({ kind: 'escalation' }), 'zh-CN').subject, '[一级 · 未确认] #42 Payment gateway down');
  });

  it('text from alerts cannot add lines, links or markup', () => {
    const r = renderMessage(aPage({ title: 'x\n### [click](https://evil.example) <script>', services: ['a*b_'] }), 'en');
    assert.equal(r.subject, '[Level 1] #42 x ### [click](https://evil.example) <script>');
    assert.equal(r.text.split('\n')[0], r.subject);
    assert.equal(r.markdown.split('\n')[0], '### \\[Level 1\\] #42 x ### \\[click\\](https://evil.example) &lt;script&gt;');
    assert.match(r.markdown, /\*\*Affected services\*\*: a\\\*b\\_\n/);
    assert.match(r.html, /<h2>\[Level 1\] #42 x ### \[click\]\(https:\/\/evil\.example\) &lt;script&gt;<\/h2>/);
    assert.doesNotMatch(r.html, /<script>/);
  });
});

describe('renderBundle', () => {
  const pages = [
    aPage({ incidentNumber: 44, level: 3, title: 'Search slow', services: ['search'], openedAt: T0 + 5 * MIN }),
    aPage({ incidentNumber: 42, level: 1 }),
    aPage({ incidentNumber: 45, level: 4, title: 'Complaint spike', services: [], reasons: [] }),
    aPage({ incidentNumber: 40, level: 1, kind: 'update', note: 'still down', title: 'Login errors', services: ['auth'] }),
    aPage({ incidentNumber: 43, level: 2, title: 'Orders DB degraded', services: ['orders-db'] }),
  ];

  it('counts by kind, lists most severe first, durations at the bundle’s time', () => {
    const r = renderBundle(pages, 'en', { now: T0 + 20 * MIN });
    assert.equal(r.subject, '[Level 1] 4 new incidents, 1 update');
    assert.equal(
      r.text,
      [
        '[Level 1] 4 new incidents, 1 update',
        '- [Level 1] #42 Payment gateway down · payments, checkout · open for 20 min · Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
        '- [Level 1 · Update] #40 Login errors · auth · open for 20 min · Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
        '- [Level 2] #43 Orders DB degraded · orders-db · open for 20 min · Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
        '- [Level 3] #44 Search slow · search · open for 15 min · Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
        '- [Level 4] #45 Complaint spike · open for 20 min · Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
      ].join('\n'),
    );
  });

  it('in Chinese: "3 条新事件…"', () => {
    const r = renderBundle(pages.slice(0, 3), 'zh-CN');
    assert.equal(r.subject, '[一级] 3 条新事件');
    assert.match(r.text, /\n- \[一级\] #42 Payment gateway down · payments、checkout · 已持续 12 分钟 · 确认：https:/);
  });

  it('past maxListed, the rest is counted by level, never left out silently', () => {
    const en = renderBundle(pages, 'en', { maxListed: 3, overviewUrl: 'https://fenghuo.example.com/incidents?open' });
    assert.equal(en.text.split('\n').filter((l) => l.startsWith('- ')).length, 3);
    assert.match(en.text, /\n…and 2 more \(1 × Level 3, 1 × Level 4\)\nAll incidents: https:\/\/fenghuo\.example\.com\/incidents\?open$/);
    const zh = renderBundle(pages, 'zh-CN', { maxListed: 3 });
    assert.match(zh.text, /\n…另有 2 条（三级 1 条、四级 1 条）$/);
    assert.match(zh.markdown, /^### \\\[一级\\\] 4 条新事件、1 条进展\n/);
  });

  it('singular forms, and no bundle of nothing', () => {
    assert.equal(renderBundle([aPage({ level: 2 })], 'en').subject, '[Level 2] 1 new incident');
    assert.throws(() => renderBundle([], 'en'), RangeError);
  });
});

describe('reminders', () => {
  // Due Fri 20 June 00:00 in Shanghai; the incident was resolved long before.
  const DUE = Date.parse('2025-06-19T16:00:00Z');
  const aReminder = (reminder: Partial<NonNullable<PageMessage['reminder']>> = {}, overrides: Partial<PageMessage> = {}) =>
    aPage({
      kind: 'reminder',
      incidentNumber: 12,
      title: '支付中断',
      services: ['Payments'],
      incidentUrl: 'https://fenghuo.example.com/incidents/12',
      ackUrl: null,
      resolveUrl: null,
      reminder: { kind: 'postmortem.due_soon', dueAt: DUE, about: null, dueDate: null, timeZone: 'Asia/Shanghai', ...reminder },
      ...overrides,
    });

  it('a postmortem due soon, in Chinese: what is due, the incident with its level, a link', () => {
    const r = renderMessage(aReminder(), 'zh-CN');
    assert.equal(r.subject, '[提醒] 复盘将于 2025-06-20 00:00 +08:00 到期 — #12 支付中断');
    assert.equal(
      r.text,
      [
        '[提醒] 复盘将于 2025-06-20 00:00 +08:00 到期 — #12 支付中断',
        '事件：一级 · #12 支付中断',
        '影响服务：Payments',
        '截止时间：2025-06-20 00:00 +08:00',
        '详情：https://fenghuo.example.com/incidents/12',
      ].join('\n'),
    );
    assert.match(
      r.html,
      /^<!doctype html>\n<html lang="zh-CN"><body>\n<h2>\[提醒\] 复盘将于 2025-06-20 00:00 \+08:00 到期 — #12 支付中断<\/h2>\n/,
    );
    assert.equal(r.markdown.split('\n')[0], '### \\[提醒\\] 复盘将于 2025-06-20 00:00 +08:00 到期 — #12 支付中断');
  });

  it('the same in English; no acknowledge or resolve link, no "open for"', () => {
    const r = renderMessage(aReminder(), 'en');
    assert.equal(r.subject, '[Reminder] Postmortem due 2025-06-20 00:00 +08:00 — #12 支付中断');
    assert.equal(
      r.text,
      [
        '[Reminder] Postmortem due 2025-06-20 00:00 +08:00 — #12 支付中断',
        'Incident: Level 1 · #12 支付中断',
        'Affected services: Payments',
        'Due: 2025-06-20 00:00 +08:00',
        'Details: https://fenghuo.example.com/incidents/12',
      ].join('\n'),
    );
    assert.doesNotMatch(r.text, /Acknowledge|Resolve|Open for/);
  });

  it('every kind says what is due in both languages; an action item by its title and due date', () => {
    const cases: Array<[Partial<NonNullable<PageMessage['reminder']>>, string, string]> = [
      [
        { kind: 'postmortem.overdue' },
        '复盘已逾期（应于 2025-06-20 00:00 +08:00 完成）',
        'Postmortem overdue (was due 2025-06-20 00:00 +08:00)',
      ],
      [{ kind: 'action_item.overdue', about: 'Fix\nit', dueDate: '2025-06-13' }, '改进项已逾期：Fix it', 'Action item overdue: Fix it'],
      [
        { kind: 'regulator_report.half_time' },
        '监管报告时限已过半，初报须于 2025-06-20 00:00 +08:00 前报送',
        "Half the regulator's reporting time has passed: initial report due 2025-06-20 00:00 +08:00",
      ],
      [
        { kind: 'regulator_report.due_soon' },
        '监管初报即将到期（2025-06-20 00:00 +08:00）',
        'Initial regulator report due soon (2025-06-20 00:00 +08:00)',
      ],
      [
        { kind: 'regulator_report.overdue', timeZone: 'UTC' },
        '监管初报已逾期（应于 2025-06-19 16:00 +00:00 报送）',
        'Initial regulator report overdue (was due 2025-06-19 16:00 +00:00)',
      ],
    ];
    for (const [reminder, zh, en] of cases) {
      assert.equal(renderMessage(aReminder(reminder), 'zh-CN').subject, `[提醒] ${zh} — #12 支付中断`);
      assert.equal(renderMessage(aReminder(reminder), 'en').subject, `[Reminder] ${en} — #12 支付中断`);
    }
    assert.match(renderMessage(aReminder(cases[1]![0]), 'en').text, /\nDue: 2025-06-13\n/);
  });

  it('a drill keeps its mark', () => {
    assert.match(renderMessage(aReminder({}, { drill: true }), 'zh-CN').subject, /^\[演练\] \[提醒\] 复盘将于/);
    assert.match(renderMessage(aReminder({}, { drill: true }), 'en').subject, /^\[DRILL\] \[Reminder\] Postmortem due/);
  });

  it('bundled with pages, counted as reminders and listed with what is due', () => {
    const en = renderBundle([aPage({ level: 2 }), aReminder()], 'en');
    assert.equal(en.subject, '[Level 1] 1 new incident, 1 reminder');
    assert.match(en.text, /\n- \[Level 1 · Reminder\] #12 支付中断 · Postmortem due 2025-06-20 00:00 \+08:00\n- \[Level 2\] #42 /);
    const zh = renderBundle([aReminder(), aReminder({ kind: 'postmortem.overdue' })], 'zh-CN');
    assert.equal(zh.subject, '[一级] 2 条提醒');
    assert.match(zh.text, /\n- \[一级 · 提醒\] #12 支付中断 · 复盘已逾期（应于 2025-06-20 00:00 \+08:00 完成）$/m);
    assert.doesNotMatch(zh.text, /确认/);
  });
});
