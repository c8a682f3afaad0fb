import type { Block, ExportDocument } from './document.js';

/**
 * Markdown for one-line values: characters that would start markup are escaped, so a title like
 * `*urgent* | <b>` prints as written and cannot break a table.
 */
export function mdInline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/**
 * People's Markdown is kept, except raw HTML: every `<` is escaped, so a viewer that renders the
 * file never runs or shows markup from someone's text.
 */
export function mdText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/</g, '\\<');
}

function block(b: Block, placeholder: string): string {
  switch (b.kind) {
    case 'text':
      return b.text ? mdText(b.text) : `*${placeholder}*`;
    case 'note':
      return `> ${mdInline(b.text)}`;
    case 'fields':
      return b.rows.map(([label, value]) => `- **${mdInline(label)}:** ${mdInline(value)}`).join('\n');
    case 'list':
      return b.items.map((item) => `- ${mdInline(item)}`).join('\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(mdInline).join(' | ')} |`;
      return [row(b.head), `|${b.head.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n');
    }
  }
}

export function renderMarkdown(doc: ExportDocument): string {
  const parts = [`# ${mdInline(doc.title)}`, doc.meta.map(([k, v]) => `- **${mdInline(k)}:** ${mdInline(v)}`).join('\n')];
  for (const section of doc.sections) {
    parts.push(`## ${mdInline(section.heading)}`);
    for (const b of section.blocks) parts.push(block(b, doc.placeholder));
  }
  parts.push(`---\n*${mdInline(doc.footer)}*`);
  return `${parts.join('\n\n')}\n`;
}
