import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderStatusHtml } from './render-html.js';
import { aComponent, aSnapshot, DAY, days, hostileSnapshot, NOW } from './testing/snapshots.js';

const opts = { now: NOW, basePath: '/status/acme' };

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s="'<>/]+(?:="[^"]*")?)*)\s*\/?>|<\/[a-zA-Z][\w:-]*>|<!doctype html>/g;

/** Every "<" starts a well-formed tag with double-quoted attributes; returns the attribute names seen. */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  const rest = html.replace(TAG, (_all, _name, attrs: string | undefined) => {
    for (const m of (attrs ?? '').matchAll(/\s+([^\s="'<>/]+)(?:="[^"]*")?/g)) names.push((m[1] ?? '').toLowerCase());
    return '';
  });
  assert.ok(!rest.includes('<'), `stray "<" near: ${rest.slice(Math.max(0, rest.indexOf('<') - 40), rest.indexOf('<') + 40)}`);
  return names;
}

describe('renderStatusHtml', () => {
  it('writes the page in zh-CN and en with the status words, stages and banner', () => {
    const snapshot = aSnapshot({
      overall: 'partial_outage',
      components: [
        aComponent({ id: 'a', name: 'API', status: 'partial_outage' }),
        aComponent({ id: 'b', name: 'Web', status: 'degraded_performance' }),
      ],
      activeIncidents: [
        {
          id: 'i1',
          title: 'Slow logins',
          impact: 'major',
          stage: 'monitoring',
          componentIds: ['a'],
          startedAt: NOW - 3600_000,
          resolvedAt: null,
          updates: [
            { id: 'u2', stage: 'monitoring', body: 'A fix is out.', at: NOW - 60_000 },
            { id: 'u1', stage: 'investigating', body: 'Looking.', at: NOW - 3600_000 },
          ],
        },
      ],
    });
    const zh = renderStatusHtml(snapshot, 'zh-CN', opts);
    const en = renderStatusHtml(snapshot, 'en', opts);
    assert.match(zh, /^<!doctype html><html lang="zh-CN">/);
    assert.match(en, /^<!doctype html><html lang="en">/);
    for (const word of ['部分中断', '性能下降', '观察中', '调查中', '部分系统中断', '正常', '严重中断', '维护中'])
      assert.ok(zh.includes(word), word);
    for (const word of ['partial outage', 'degraded performance', 'monitoring', 'investigating', 'Partial system outage', 'major outage']) {
      assert.ok(en.includes(word), word);
    }
    assert.ok(!zh.includes('Partial system outage'));
    // Newest update first, as the snapshot has them.
    assert.ok(en.indexOf('A fix is out.') < en.indexOf('Looking.'));
  });

  it('has landmarks, headings, a skip link and no script at all', () => {
    const html = renderStatusHtml(aSnapshot(), 'en', opts);
    for (const part of [
      '<header',
      '<main id="main"',
      '<footer',
      '<nav aria-label="Language"',
      '<h1>',
      '<h2 id="components-h">',
      'href="#main"',
    ]) {
      assert.ok(html.includes(part), part);
    }
    assert.ok(!/<script|javascript:/i.test(html));
    assert.deepEqual(
      attributeNames(html).filter((n) => n.startsWith('on')),
      [],
    );
  });

  it('names every day of the 90-day bars in words', () => {
    const snapshot = aSnapshot({
      components: [
        aComponent({
          uptimeDays: days(
            NOW,
            (i) => (i === 89 ? 0.9935 : i < 10 ? null : 1),
            (i) => (i === 89 ? 'partial_outage' : 'operational'),
          ),
          uptime90: 0.99912,
        }),
      ],
    });
    const html = renderStatusHtml(snapshot, 'en', opts);
    assert.equal((html.match(/<rect /g) ?? []).length, 90);
    assert.equal((html.match(/<title>\d{4}-\d\d-\d\d: /g) ?? []).length, 90);
    assert.ok(html.includes('<title>2026-11-20: 99.3% up, 9 min down</title>'));
    assert.ok(html.includes('<title>2026-08-23: no data</title>'));
    assert.ok(html.includes('99.91% uptime over 90 days'));
    const zh = renderStatusHtml(snapshot, 'zh-CN', opts);
    assert.ok(zh.includes('<title>2026-11-20：可用率 99.3%，中断 9 分钟</title>'));
    // The legend says what each colour means in words.
    assert.match(
      html,
      /<ul class="legend" aria-label="Legend">.*operational.*degraded performance.*partial outage.*major outage.*under maintenance.*no data/,
    );
  });

  it('groups components under their group heading', () => {
    const snapshot = aSnapshot({
      components: [
        aComponent({ id: 'a', name: 'Alone' }),
        aComponent({ id: 'b', name: 'Pay API', group: 'Payments' }),
        aComponent({ id: 'c', name: 'Pay Web', group: 'Payments' }),
      ],
    });
    const html = renderStatusHtml(snapshot, 'en', opts);
    assert.match(
      html,
      /<h3 class="cname">Alone<\/h3>.*<h3>Payments<\/h3>.*<h4 class="cname">Pay API<\/h4>.*<h4 class="cname">Pay Web<\/h4>/,
    );
  });

  it('shows maintenance in progress and scheduled ahead', () => {
    const m = { body: 'Disk swap', componentIds: [], startsAt: NOW - 600_000, endsAt: NOW + 600_000 };
    const snapshot = aSnapshot({
      maintenances: [
        { ...m, id: 'm1', title: 'Database upgrade', state: 'in_progress' },
        { ...m, id: 'm2', title: 'Network work', startsAt: NOW + DAY, endsAt: NOW + DAY + 3600_000, state: 'scheduled' },
        { ...m, id: 'm3', title: 'Long done', state: 'completed' },
      ],
    });
    const zh = renderStatusHtml(snapshot, 'zh-CN', opts);
    assert.match(zh, /维护进行中.*Database upgrade.*计划维护.*Network work/);
    assert.ok(!zh.includes('Long done'));
    assert.ok(zh.includes('2026-11-21 12:00 UTC'));
  });

  it('lists incident history by month over the past 90 days, empty months included', () => {
    const past = (id: string, startedAt: number) => ({
      id,
      title: `Incident ${id}`,
      impact: 'minor' as const,
      stage: 'resolved' as const,
      componentIds: [],
      startedAt,
      resolvedAt: startedAt + 3600_000,
      updates: [{ id: `${id}-u`, stage: 'resolved' as const, body: 'Done', at: startedAt + 3600_000 }],
    });
    const snapshot = aSnapshot({ pastIncidents: [past('nov', Date.UTC(2026, 10, 3)), past('sep', Date.UTC(2026, 8, 9))] });
    const html = renderStatusHtml(snapshot, 'en', opts);
    assert.match(html, /November 2026.*Incident nov.*October 2026.*No incidents this month\..*September 2026.*Incident sep.*August 2026/);
    assert.ok(!html.includes('July 2026'));
    assert.match(renderStatusHtml(snapshot, 'zh-CN', opts), /2026年11月.*2026年10月.*本月无事件。/);
  });

  it('links the other language, the feeds and summary.json, and says when it was updated', () => {
    const html = renderStatusHtml(aSnapshot(), 'en', opts);
    assert.ok(html.includes('<a href="?lang=zh-CN" hreflang="zh-CN" lang="zh-CN">中文</a>'));
    assert.ok(html.includes('href="?lang=en" hreflang="en" lang="en" aria-current="true"'));
    assert.ok(html.includes('href="/status/acme/feed.rss?lang=en"'));
    assert.ok(html.includes('href="/status/acme/feed.atom?lang=en"'));
    assert.ok(html.includes('href="/status/acme/summary.json"'));
    assert.ok(html.includes('<link rel="alternate" type="application/rss+xml"'));
    assert.ok(html.includes('Last updated: <time datetime="2026-11-20T12:00:00.000Z">2026-11-20 12:00 UTC</time>'));
    assert.ok(renderStatusHtml(aSnapshot(), 'en', { now: NOW, basePath: '' }).includes('href="/feed.rss?lang=en"'));
  });

  it('shows the brand: logo with alt text, a #rrggbb colour and nothing else', () => {
    const branded = aSnapshot();
    branded.page.branding = { logoUrl: 'https://cdn.example.com/l.png', primaryColor: '#AA0000' };
    const html = renderStatusHtml(branded, 'en', opts);
    assert.ok(html.includes('<img src="https://cdn.example.com/l.png" alt="Acme">'));
    assert.ok(html.includes('--brand:#aa0000;--on-brand:#ffffff'));
    for (const [logoUrl, primaryColor] of [
      ['javascript:alert(1)', 'red'],
      ['http://insecure.example.com/l.png', '#12345'],
      ['//evil.example.com/l.png', 'url(x)'],
    ] as const) {
      branded.page.branding = { logoUrl, primaryColor };
      const bad = renderStatusHtml(branded, 'en', opts);
      assert.ok(!bad.includes('<img'), logoUrl);
      assert.ok(bad.includes('--brand:#1f6feb'), primaryColor);
    }
  });

  it('escapes script and quotes in every text field', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const html = renderStatusHtml(hostileSnapshot(), locale, opts);
      // Only real tags start with "<"; none of them is a script or carries an event handler.
      assert.ok(!/<script|<img src=x/i.test(html) && !html.includes('\u0007'), locale);
      assert.deepEqual(
        attributeNames(html).filter((n) => n.startsWith('on')),
        [],
      );
      for (const field of [
        'Page',
        'Description',
        'Component',
        'Component text',
        'Group',
        'Incident',
        'Update',
        'Past',
        'Fixed',
        'Maintenance',
        'Maintenance body',
      ]) {
        assert.ok(
          html.includes(`${field} &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;img`),
          `${locale} ${field}`,
        );
      }
      assert.ok(
        html.includes(
          'Update &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;img src=x onerror=alert(1)&gt;<br>second line',
        ),
      );
      // Hostile colour and ids never escape their attribute or the stylesheet.
      assert.ok(html.includes('--brand:#1f6feb'));
      assert.ok(html.includes('id="incident-inc&quot;1"'));
    }
  });
});
