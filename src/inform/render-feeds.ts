import type { SnapshotIncident, SnapshotMaintenance, StatusLocale, StatusSnapshot } from '../domain/status/snapshot.js';
import { escapeMarkup as x } from './escape.js';
import { formatUtc, TEXTS } from './text.js';

/** RSS 2.0 and Atom feeds of a page's public incident updates and maintenance. */

const MAX_ENTRIES = 50;

interface FeedEntry {
  /** Stable across rebuilds and nodes: derived from the page and the record ids only. */
  id: string;
  title: string;
  body: string;
  at: number;
  anchor: string;
}

function incidentEntries(pageId: string, incident: SnapshotIncident, locale: StatusLocale): FeedEntry[] {
  const t = TEXTS[locale];
  return incident.updates.map((u) => ({
    id: `urn:fenghuo:status:${pageId}:update:${u.id}`,
    title: `${incident.title} · ${t.stage[u.stage]}`,
    body: u.body,
    at: u.at,
    anchor: `incident-${incident.id}`,
  }));
}

function maintenanceEntry(pageId: string, m: SnapshotMaintenance, locale: StatusLocale): FeedEntry {
  const t = TEXTS[locale];
  const window = t.window(formatUtc(m.startsAt), formatUtc(m.endsAt));
  return {
    id: `urn:fenghuo:status:${pageId}:maintenance:${m.id}`,
    title: `${t.maintenanceTitle(m.title)} (${t.maintenance[m.state]})`,
    body: m.body.trim() ? `${window}\n\n${m.body}` : window,
    // The announcement is dated by its window's start: the snapshot has no announcement time.
    at: m.startsAt,
    anchor: `maintenance-${m.id}`,
  };
}

/** Newest first, at most 50: every update of active and past incidents, and each maintenance. */
function entries(snapshot: StatusSnapshot, locale: StatusLocale): FeedEntry[] {
  const all = [
    ...[...snapshot.activeIncidents, ...snapshot.pastIncidents].flatMap((i) => incidentEntries(snapshot.page.id, i, locale)),
    ...snapshot.maintenances.map((m) => maintenanceEntry(snapshot.page.id, m, locale)),
  ];
  return all.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1)).slice(0, MAX_ENTRIES);
}

/** The page's address for links: the feed's own address without `/feed.rss` or `/feed.atom`. */
function pageUrlOf(selfUrl: string): string {
  return selfUrl.replace(/[?#].*$/, '').replace(/\/feed\.(rss|atom)$/, '') || '/';
}

/**
 * Content-derived "last change", so an unchanged feed keeps its bytes (and its ETag) across
 * rebuilds; a maintenance dated ahead counts as announced now, not in the future.
 */
function lastChange(list: FeedEntry[], snapshot: StatusSnapshot): number {
  return list.reduce((max, entry) => Math.max(max, Math.min(entry.at, snapshot.builtAt)), 0) || snapshot.builtAt;
}

/** RSS 2.0 (dates in RFC 822), one item per incident update and per maintenance. */
export function renderRss(snapshot: StatusSnapshot, locale: StatusLocale, selfUrl: string): string {
  const t = TEXTS[locale];
  const list = entries(snapshot, locale);
  const pageUrl = pageUrlOf(selfUrl);
  const items = list.map(
    (entry) =>
      `<item><title>${x(entry.title)}</title><link>${x(`${pageUrl}#${entry.anchor}`)}</link>` +
      `<guid isPermaLink="false">${x(entry.id)}</guid><pubDate>${new Date(entry.at).toUTCString()}</pubDate>` +
      `<description>${x(entry.body)}</description></item>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>' +
    `<title>${x(t.feedTitle(snapshot.page.name))}</title><link>${x(pageUrl)}</link>` +
    `<description>${x(t.feedDescription(snapshot.page.name))}</description><language>${locale.toLowerCase()}</language>` +
    `<lastBuildDate>${new Date(lastChange(list, snapshot)).toUTCString()}</lastBuildDate>` +
    `<atom:link href="${x(selfUrl)}" rel="self" type="application/rss+xml"/>${items.join('')}</channel></rss>\n`
  );
}

/** Atom (RFC 4287, dates in RFC 3339), one entry per incident update and per maintenance. */
export function renderAtom(snapshot: StatusSnapshot, locale: StatusLocale, selfUrl: string): string {
  const t = TEXTS[locale];
  const list = entries(snapshot, locale);
  const pageUrl = pageUrlOf(selfUrl);
  const items = list.map((entry) => {
    const at = new Date(entry.at).toISOString();
    return (
      `<entry><id>${x(entry.id)}</id><title>${x(entry.title)}</title><updated>${at}</updated><published>${at}</published>` +
      `<link rel="alternate" type="text/html" href="${x(`${pageUrl}#${entry.anchor}`)}"/>` +
      `<content type="text">${x(entry.body)}</content></entry>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">` +
    `<id>urn:fenghuo:status:${x(snapshot.page.id)}</id><title>${x(t.feedTitle(snapshot.page.name))}</title>` +
    `<subtitle>${x(t.feedDescription(snapshot.page.name))}</subtitle><updated>${new Date(lastChange(list, snapshot)).toISOString()}</updated>` +
    `<author><name>${x(snapshot.page.name)}</name></author>` +
    `<link rel="self" type="application/atom+xml" href="${x(selfUrl)}"/><link rel="alternate" type="text/html" href="${x(pageUrl)}"/>` +
    `${items.join('')}</feed>\n`
  );
}
