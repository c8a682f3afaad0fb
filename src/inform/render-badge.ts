import type { StatusLocale, StatusSnapshot } from '../domain/status/snapshot.js';
import { escapeMarkup as e } from './escape.js';
import { NO_DATA_COLOR, STATUS_COLOR } from './palette.js';
import { percent, TEXTS } from './text.js';

export type BadgeKind = 'status' | 'uptime';

const MAX_LABEL = 40;

/** Approximate width in px of text at 11px Verdana: wide for CJK and full-width forms, narrow for ASCII. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x2e80) width += 11;
    else if (/[iljtfI.,:;'|!() ]/.test(ch)) width += 4;
    else if (/[mwMW@%]/.test(ch)) width += 10;
    else width += 7;
  }
  return width;
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length > MAX_LABEL ? `${chars.slice(0, MAX_LABEL - 1).join('')}…` : text;
}

function uptimeColor(share: number | null): string {
  if (share === null) return NO_DATA_COLOR;
  if (share >= 0.999) return STATUS_COLOR.operational;
  if (share >= 0.99) return STATUS_COLOR.degraded_performance;
  if (share >= 0.95) return STATUS_COLOR.partial_outage;
  return STATUS_COLOR.major_outage;
}

function content(kind: BadgeKind, snapshot: StatusSnapshot, locale: StatusLocale, componentId?: string) {
  const t = TEXTS[locale];
  const component = componentId === undefined ? undefined : snapshot.components.find((c) => c.id === componentId);
  const label = component?.name ?? (kind === 'status' ? t.badgeStatus : t.badgeUptime);
  if (kind === 'status') {
    const status = component?.status ?? snapshot.overall;
    return { label, message: t.status[status], color: STATUS_COLOR[status] };
  }
  const share = component ? component.uptime90 : average(snapshot.components.map((c) => c.uptime90));
  return { label, message: share === null ? t.noData : `${percent(share, 2)}%`, color: uptimeColor(share) };
}

function average(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/**
 * A shields-style badge: the page's (or one component's) status, or its 90-day uptime. An unknown
 * component id falls back to the whole page (callers check ids first when they want a 404).
 */
export function renderBadgeSvg(kind: BadgeKind, snapshot: StatusSnapshot, locale: StatusLocale, componentId?: string): string {
  const { label, message, color } = content(kind, snapshot, locale, componentId);
  const left = clip(label);
  const lw = textWidth(left) + 12;
  const rw = textWidth(message) + 12;
  const w = lw + rw;
  const title = e(`${left}: ${message}`);
  const text = (x: number, value: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${e(value)}</text><text x="${x}" y="14">${e(value)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}"><title>${title}</title>` +
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>' +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${rw}" height="20" fill="${color}"/>` +
    `<rect width="${w}" height="20" fill="url(#s)"/></g>` +
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">' +
    `${text(lw / 2, left)}${text(lw + rw / 2, message)}</g></svg>`
  );
}
