// Escaping and trimming shared by the renderers and the channels.

/** Collapses line breaks and runs of whitespace, so a title cannot start a new heading or line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Escapes the characters that give text structure in the markdown the robots accept (links,
 * emphasis, code, inline HTML). Titles and service names come from alerts, not from us.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Cuts text to at most `maxBytes` of UTF-8, on a character boundary, ending with "…" when cut.
 * Robots reject an over-long message outright; a shortened page is better than none.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const ellipsis = '…';
  let budget = maxBytes - Buffer.byteLength(ellipsis, 'utf8');
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (size > budget) break;
    out += ch;
    budget -= size;
  }
  return out + ellipsis;
}
