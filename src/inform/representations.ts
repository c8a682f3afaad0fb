import type { StatusLocale, StatusSnapshot } from '../domain/status/snapshot.js';
import { renderBadgeSvg, type BadgeKind } from './render-badge.js';
import { renderAtom, renderRss } from './render-feeds.js';
import { renderStatusHtml } from './render-html.js';
import { renderSummaryJson } from './render-summary-json.js';
import type { PageRef, Renderer } from './status-cache.js';

/**
 * The representations of a public status page (HTML per language, summary.json, feeds, badges):
 * where each is mounted, its content type, its cache key and its renderer. Shared by the main
 * server's routes and the status processes' fast path, so both serve the same bytes under the same key.
 */

export type Kind = 'html' | 'json' | 'rss' | 'atom' | 'badge';

export const KINDS: readonly Kind[] = ['html', 'json', 'rss', 'atom', 'badge'];

export const SUFFIX: Record<Kind, string> = {
  html: '',
  json: '/summary.json',
  rss: '/feed.rss',
  atom: '/feed.atom',
  badge: '/badge.svg',
};

export const CONTENT_TYPE: Record<Kind, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  badge: 'image/svg+xml; charset=utf-8',
};

/** Whether the bytes depend on the reader's language (then `Vary: Accept-Language`). */
export const VARY_LANGUAGE: Record<Kind, boolean> = { html: true, json: false, rss: true, atom: true, badge: true };

const MAX_COMPONENT_ID = 200;

/** Where a request landed: which page, and how links on it are written. */
export interface Target {
  ref: PageRef;
  /** Part of the cache key: links differ between `/status/{slug}` and a custom domain. */
  mount: string;
  basePath: string;
  /** Scheme and host for absolute links in feeds and JSON; empty when unknown (links stay relative). */
  origin: string;
}

export interface Representation {
  key: string;
  render: Renderer;
  varyLanguage: boolean;
}

export type Query = Record<string, unknown>;

export function firstValue(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[])[0] : value;
}

/** The mount of a page reached at `/status/{slug}`; a custom domain's is `host:{name}`. */
export const SLUG_MOUNT = 'slug';

export function hostMount(host: string): string {
  return `host:${host}`;
}

// Keys of the representations at SLUG_MOUNT, made once: the hot path builds no string for them.
const SLUG_KEYS = new Map<string, string>();

/** The cache key of every kind but badges (whose key also holds the badge's parameters). */
export function keyOf(kind: Exclude<Kind, 'badge'>, locale: StatusLocale, mount: string): string {
  const language = VARY_LANGUAGE[kind] ? `${locale}:` : '';
  if (mount !== SLUG_MOUNT) return `${kind}:${language}${mount}`;
  const memo = `${kind}|${locale}`;
  let key = SLUG_KEYS.get(memo);
  if (key === undefined) {
    key = `${kind}:${language}${mount}`;
    SLUG_KEYS.set(memo, key);
  }
  return key;
}

function output(kind: Kind, body: string): { body: string; contentType: string } {
  return { body, contentType: CONTENT_TYPE[kind] };
}

/** What to serve and under which cache key; a string is a 400 message. */
export function representationOf(kind: Kind, target: Target, locale: StatusLocale, query: Query): Representation | string {
  const { mount, basePath, origin } = target;
  switch (kind) {
    case 'html':
      return {
        key: keyOf(kind, locale, mount),
        render: (s) => output(kind, renderStatusHtml(s, locale, { now: s.builtAt, basePath })),
        varyLanguage: true,
      };
    case 'json': {
      const url = origin ? `${origin}${basePath || '/'}` : undefined;
      return { key: keyOf(kind, locale, mount), render: (s) => output(kind, renderSummaryJson(s, { url })), varyLanguage: false };
    }
    case 'rss':
    case 'atom': {
      const selfUrl = `${origin}${basePath}${SUFFIX[kind]}?lang=${locale}`;
      const render = kind === 'rss' ? renderRss : renderAtom;
      return { key: keyOf(kind, locale, mount), render: (s) => output(kind, render(s, locale, selfUrl)), varyLanguage: true };
    }
    case 'badge':
      return badgeOf(locale, query);
  }
}

function badgeOf(locale: StatusLocale, query: Query): Representation | string {
  const type = firstValue(query.type) ?? 'status';
  if (type !== 'status' && type !== 'uptime') return 'type: must be status or uptime';
  const component = firstValue(query.component);
  if (component !== undefined && (typeof component !== 'string' || component.length > MAX_COMPONENT_ID))
    return 'component: not a component id';
  const id = component === '' ? undefined : component;
  const render = (s: StatusSnapshot) =>
    id !== undefined && !s.components.some((c) => c.id === id) ? null : output('badge', renderBadgeSvg(type as BadgeKind, s, locale, id));
  // Only ids of existing components are ever stored under a key (the cache drops null renders).
  return { key: `badge:${type}:${locale}:${id ?? ''}`, render, varyLanguage: true };
}
