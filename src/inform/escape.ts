/** Escaping for the texts people write (titles, bodies, names) before they reach HTML, XML or SVG. */

// XML 1.0 allows TAB, LF, CR and the rest of Unicode except surrogates, U+FFFE and U+FFFF.
// With the `u` flag a lone surrogate is its own code point, so it is dropped too.
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Drops characters XML 1.0 (and therefore HTML) cannot carry: most control characters, lone surrogates. */
export function stripIllegal(text: string): string {
  return text.replace(ILLEGAL_XML, '');
}

/** Text or attribute value safe in HTML, XML and SVG: `& < > " '` escaped, illegal characters dropped. */
export function escapeMarkup(text: string): string {
  return stripIllegal(text).replace(SPECIAL, (c) => ENTITY[c] ?? c);
}

/** Escaped text with line breaks kept as `<br>` (incident and maintenance bodies). */
export function escapeMultiline(text: string): string {
  return escapeMarkup(text.replace(/\r\n?/g, '\n').trim()).replace(/\n/g, '<br>');
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The branding colour if it is exactly `#rrggbb`, else the fallback (checked again at render time). */
export function safeColor(value: string | null | undefined, fallback: string): string {
  return typeof value === 'string' && HEX_COLOR.test(value) ? value.toLowerCase() : fallback;
}

/** Black or white, whichever reads better on the given `#rrggbb` background (WCAG relative luminance). */
export function textOn(background: string): '#000000' | '#ffffff' {
  const channel = (offset: number): number => {
    const c = parseInt(background.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is (1.05)/(L+0.05), with black (L+0.05)/0.05; they are equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/**
 * A logo address the page may show: `https:` or a same-origin absolute path, nothing else
 * (no `javascript:`, no `http:`, no protocol-relative `//host`). Matches the CSP's img-src.
 */
export function safeImageUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  if (/^\/(?![/\\])/.test(value)) return value;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
