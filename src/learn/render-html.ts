import { escapeMarkup, escapeMultiline } from '../inform/escape.js';
import type { Block, ExportDocument } from './document.js';

/** What the printable pages allow: their own inline style, nothing else (no script, no image, no fetch). */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1.2rem;line-height:1.55;color:#111}
h1{font-size:1.6rem;margin:0 0 .6rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:1.6rem}
dl.meta,dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0}
dt{font-weight:600;color:#333}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f1f1f1}.text{white-space:normal;overflow-wrap:anywhere}.placeholder{color:#888;font-style:italic}
.note{border-left:4px solid #1a56db;background:#f3f6fd;padding:.4rem .8rem}.hint{color:#555;font-size:.85rem}
footer{margin-top:2rem;color:#666;font-size:.8rem;border-top:1px solid #ddd;padding-top:.4rem}
@media print{body{margin:0;max-width:none}.hint{display:none}h2{break-after:avoid}tr{break-inside:avoid}}`;

const HINT = { 'zh-CN': '使用浏览器的“打印”（Ctrl+P）可另存为 PDF。', en: 'Use the browser’s Print (Ctrl+P) to save this page as a PDF.' };

function dl(rows: Array<[string, string]>, cls: string): string {
  return `<dl class="${cls}">${rows.map(([k, v]) => `<dt>${escapeMarkup(k)}</dt><dd>${escapeMarkup(v)}</dd>`).join('')}</dl>`;
}

function block(b: Block, placeholder: string): string {
  switch (b.kind) {
    case 'text':
      // People's Markdown is shown as its text, line breaks kept: no Markdown (or HTML) is interpreted.
      return b.text ? `<p class="text">${escapeMultiline(b.text)}</p>` : `<p class="placeholder">${escapeMarkup(placeholder)}</p>`;
    case 'note':
      return `<p class="note">${escapeMarkup(b.text)}</p>`;
    case 'fields':
      return dl(b.rows, 'fields');
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeMarkup(i)}</li>`).join('')}</ul>`;
    case 'table': {
      const head = `<tr>${b.head.map((h) => `<th>${escapeMarkup(h)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeMarkup(c)}</td>`).join('')}</tr>`).join('');
      return `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
    }
  }
}

/** A self-contained page to read and print (PDF via the browser); every text is escaped. */
export function renderHtml(doc: ExportDocument): string {
  const sections = doc.sections
    .map((s) => `<section><h2>${escapeMarkup(s.heading)}</h2>${s.blocks.map((b) => block(b, doc.placeholder)).join('\n')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${doc.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeMarkup(doc.title)}</title><style>${STYLE}</style></head>
<body><p class="hint">${escapeMarkup(HINT[doc.lang])}</p>
<h1>${escapeMarkup(doc.title)}</h1>
${dl(doc.meta, 'meta')}
${sections}
<footer>${escapeMarkup(doc.footer)}</footer>
</body></html>
`;
}
