import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAtom, renderRss } from './render-feeds.js';
import { elements, parseXml } from './testing/xml-check.js';
import { aSnapshot, hostileSnapshot, NOW } from './testing/snapshots.js';

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe('renderRss', () => {
  it('is well-formed RSS 2.0 with an item per update and maintenance, newest first', () => {
    const snapshot = hostileSnapshot();
    const rss = parseXml(renderRss(snapshot, 'en', 'https://status.example.com/status/acme/feed.rss?lang=en'));
    assert.equal(rss.name, 'rss');
    assert.equal(rss.attrs.version, '2.0');
    const items = elements(rss, 'item');
    assert.equal(items.length, 3);
    const text = (item: (typeof items)[number], name: string) => elements(item, name)[0]?.text ?? '';
    assert.deepEqual(
      items.map((i) => text(i, 'guid')),
      ['urn:fenghuo:status:page-1:maintenance:m1', 'urn:fenghuo:status:page-1:update:u1', 'urn:fenghuo:status:page-1:update:u2'],
    );
    for (const item of items) assert.match(text(item, 'pubDate'), RFC822);
    assert.ok(text(items[1] as (typeof items)[number], 'title').startsWith('Incident <script>alert("x")</script> & \'q\' <img'));
    // The control character is gone, the rest is text once decoded.
    assert.ok(!text(items[1] as (typeof items)[number], 'description').includes('\u0007'));
    assert.equal(text(items[1] as (typeof items)[number], 'link'), 'https://status.example.com/status/acme#incident-inc"1');
    assert.equal(elements(rss, 'link')[0]?.text, 'https://status.example.com/status/acme');
    assert.equal(elements(rss, 'atom:link')[0]?.attrs.href, 'https://status.example.com/status/acme/feed.rss?lang=en');
    assert.equal(elements(rss, 'language')[0]?.text, 'en');
  });

  it('keeps its bytes when nothing but the build time changed', () => {
    // (A maintenance announced ahead counts as news of the build time, so it is left out here.)
    const snapshot = { ...hostileSnapshot(), maintenances: [] };
    const a = renderRss(snapshot, 'zh-CN', '/status/acme/feed.rss');
    const b = renderRss({ ...snapshot, builtAt: NOW + 5000 }, 'zh-CN', '/status/acme/feed.rss');
    assert.equal(a, b);
    assert.ok(a.includes('已确认原因'));
  });
});

describe('renderAtom', () => {
  it('is well-formed Atom with stable ids and RFC 3339 dates', () => {
    const atom = parseXml(renderAtom(hostileSnapshot(), 'zh-CN', 'https://status.example.com/feed.atom?lang=zh-CN'));
    assert.equal(atom.name, 'feed');
    assert.equal(atom.attrs.xmlns, 'http://www.w3.org/2005/Atom');
    assert.equal(atom.attrs['xml:lang'], 'zh-CN');
    assert.equal(elements(atom, 'id')[0]?.text, 'urn:fenghuo:status:page-1');
    assert.match(elements(atom, 'updated')[0]?.text ?? '', RFC3339);
    const entries = elements(atom, 'entry');
    assert.equal(entries.length, 3);
    for (const entry of entries) {
      assert.match(elements(entry, 'updated')[0]?.text ?? '', RFC3339);
      assert.ok(elements(entry, 'id')[0]?.text.startsWith('urn:fenghuo:status:page-1:'));
    }
    assert.ok(elements(atom, 'author').length === 1);
    const links = elements(atom, 'link');
    assert.equal(links.find((l) => l.attrs.rel === 'self')?.attrs.href, 'https://status.example.com/feed.atom?lang=zh-CN');
    assert.equal(links.find((l) => l.attrs.rel === 'alternate')?.attrs.href, 'https://status.example.com');
  });

  it('is valid with no entries at all', () => {
    const atom = parseXml(renderAtom(aSnapshot(), 'en', '/status/acme/feed.atom'));
    assert.equal(elements(atom, 'entry').length, 0);
    assert.equal(elements(atom, 'updated')[0]?.text, new Date(NOW).toISOString());
  });
});
