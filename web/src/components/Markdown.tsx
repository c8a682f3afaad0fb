// A runbook's Markdown as React elements — never as HTML, so nothing in it can inject markup or
// script. The common subset: headings, paragraphs, lists, quotes, code blocks, rules, and inline
// code, bold, italics and links (http, https, mailto, tel or a path of ours only). One reader for
// every place a runbook shows: the service page, its editor's preview, and the incident page.
import type { ReactNode } from 'react';
import './markdown.css';

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\[[^\]]+\]\([^)\s]+\))|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)/g;
const SAFE_URL = /^(https?:|mailto:|tel:|\/(?!\/))/i;

function inline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    const [token, code, bold, link] = match;
    const k = `${key}.${n++}`;
    if (code) out.push(<code key={k}>{code.slice(1, -1)}</code>);
    else if (bold) out.push(<strong key={k}>{inline(bold.slice(2, -2), k)}</strong>);
    else if (link) {
      const [, label = '', href = ''] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(link) ?? [];
      out.push(
        SAFE_URL.test(href) ? (
          <a key={k} href={href} target="_blank" rel="noopener noreferrer">
            {inline(label, k)}
          </a>
        ) : (
          <span key={k}>{inline(label, k)}</span>
        ),
      );
    } else out.push(<em key={k}>{inline(token.slice(1, -1), k)}</em>);
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph' | 'quote'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+(.*)$/;

function blocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i] ?? '';
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
      out.push({ kind: 'code', text: body.join('\n') });
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      out.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push({ kind: 'rule' });
      i++;
    } else if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      for (; i < lines.length && LIST_ITEM.test(lines[i] ?? ''); i++) items.push(LIST_ITEM.exec(lines[i] ?? '')?.[2] ?? '');
      out.push({ kind: 'list', ordered, items });
    } else if (/^\s*>/.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && /^\s*>/.test(lines[i] ?? ''); i++) body.push((lines[i] ?? '').replace(/^\s*>\s?/, ''));
      out.push({ kind: 'quote', text: body.join(' ') });
    } else if (line.trim() === '') i++;
    else {
      const body: string[] = [];
      for (; i < lines.length; i++) {
        const next = lines[i] ?? '';
        if (next.trim() === '' || /^(#{1,6}\s|\s*```|\s*>)/.test(next) || LIST_ITEM.test(next)) break;
        body.push(next.trim());
      }
      out.push({ kind: 'paragraph', text: body.join(' ') });
    }
  }
  return out;
}

/** Headings start at h3: the page has its h1 and the runbook's section its h2. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {blocks(source).map((b, i) => {
        const k = `b${i}`;
        switch (b.kind) {
          case 'heading': {
            const Tag = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(b.level, 4) - 1] ?? 'h6';
            return <Tag key={k}>{inline(b.text, k)}</Tag>;
          }
          case 'paragraph':
            return <p key={k}>{inline(b.text, k)}</p>;
          case 'quote':
            return <blockquote key={k}>{inline(b.text, k)}</blockquote>;
          case 'code':
            return (
              <pre key={k}>
                <code>{b.text}</code>
              </pre>
            );
          case 'rule':
            return <hr key={k} />;
          case 'list': {
            const items = b.items.map((item, j) => <li key={j}>{inline(item, `${k}.${j}`)}</li>);
            return b.ordered ? <ol key={k}>{items}</ol> : <ul key={k}>{items}</ul>;
          }
        }
      })}
    </div>
  );
}
