import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderBadgeSvg, textWidth } from './render-badge.js';
import { elements, parseXml } from './testing/xml-check.js';
import { aComponent, aSnapshot, hostileSnapshot } from './testing/snapshots.js';

describe('renderBadgeSvg', () => {
  it('is an accessible SVG image naming the status in words', () => {
    const svg = renderBadgeSvg('status', aSnapshot({ overall: 'partial_outage' }), 'en');
    const root = parseXml(svg);
    assert.equal(root.name, 'svg');
    assert.equal(root.attrs.role, 'img');
    assert.equal(root.attrs['aria-label'], 'status: partial outage');
    assert.equal(elements(root, 'title')[0]?.text, 'status: partial outage');
    assert.equal(parseXml(renderBadgeSvg('status', aSnapshot(), 'zh-CN')).attrs['aria-label'], '状态: 正常');
  });

  it('shows 90-day uptime of the page or of one component', () => {
    const snapshot = aSnapshot({
      components: [aComponent({ id: 'a', name: 'API', uptime90: 0.99951 }), aComponent({ id: 'b', uptime90: 0.9 })],
    });
    assert.equal(parseXml(renderBadgeSvg('uptime', snapshot, 'en')).attrs['aria-label'], 'uptime: 94.97%');
    assert.equal(parseXml(renderBadgeSvg('uptime', snapshot, 'en', 'a')).attrs['aria-label'], 'API: 99.95%');
    assert.equal(
      parseXml(renderBadgeSvg('uptime', aSnapshot({ components: [aComponent({ uptime90: null })] }), 'en')).attrs['aria-label'],
      'uptime: no data',
    );
  });

  it('escapes names and sizes itself by the text', () => {
    const svg = renderBadgeSvg('status', hostileSnapshot(), 'en', 'c"1');
    assert.ok(!svg.includes('<script'));
    const root = parseXml(svg);
    assert.ok(root.attrs['aria-label']?.startsWith('Component <script>alert("x")'));
    assert.ok(textWidth('严重中断') > textWidth('ok'));
    const narrow = Number(parseXml(renderBadgeSvg('status', aSnapshot(), 'en')).attrs.width);
    const wide = Number(parseXml(renderBadgeSvg('status', aSnapshot({ overall: 'degraded_performance' }), 'en')).attrs.width);
    assert.ok(wide > narrow);
  });
});
