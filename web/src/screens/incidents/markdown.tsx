// A small, safe Markdown reader for runbooks: headings, paragraphs, lists, quotes, code blocks, and
// inline code, bold and http(s) links. Everything becomes React text nodes — no HTML from the
// runbook ever reaches the page, and a link can only go to http or https.
import type { ReactNode } from 'react';

type Block =
  | { kind: 'heading'; depth: number; text: string }
  | { kind: 'paragraph' | 'quote'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (/^\s*```/.test(line)) {
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i] ?? ''); i++) code.push(lines[i] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', depth: heading[1]?.length ?? 1, text: heading[2] ?? '' });
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      for (; i < lines.length && pattern.test(lines[i] ?? ''); i++) items.push(pattern.exec(lines[i] ?? '')?.[1] ?? '');
      blocks.push({ kind: 'list', ordered, items });
      continue;
    } else if (line.trim() !== '') {
      const quote = /^\s*>/.test(line);
      const text: string[] = [];
      for (; i < lines.length && isParagraphLine(lines[i] ?? '', quote); i++) text.push((lines[i] ?? '').replace(/^\s*>\s?/, ''));
      blocks.push({ kind: quote ? 'quote' : 'paragraph', text: text.join('\n') });
      continue;
    }
    i++;
  }
  return blocks;
}

function isParagraphLine(line: string, quote: boolean): boolean {
  if (line.trim() === '' || /^\s*```/.test(line) || /^#{1,6}\s/.test(line) || BULLET.test(line) || NUMBERED.test(line)) return false;
  return /^\s*>/.test(line) === quote;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    const [whole, code, bold, label, href] = match;
    if (code) out.push(<code key={at}>{code.slice(1, -1)}</code>);
    else if (bold) out.push(<strong key={at}>{bold.slice(2, -2)}</strong>);
    else if (label && href)
      out.push(
        <a key={at} href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>,
      );
    last = at + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Runbook headings sit under the section's own heading: `#` becomes an h3, and so on down. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseBlocks(source).map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const Tag = (['h3', 'h4', 'h5', 'h6', 'h6', 'h6'] as const)[block.depth - 1] ?? 'h6';
            return <Tag key={index}>{inline(block.text)}</Tag>;
          }
          case 'paragraph':
            return <p key={index}>{inline(block.text)}</p>;
          case 'quote':
            return (
              <blockquote key={index}>
                <p>{inline(block.text)}</p>
              </blockquote>
            );
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={index}>
                {block.items.map((item, n) => (
                  <li key={n}>{inline(item)}</li>
                ))}
              </List>
            );
          }
          case 'code':
            return (
              <pre key={index}>
                <code>{block.text}</code>
              </pre>
            );
          case 'rule':
            return <hr key={index} />;
        }
      })}
    </div>
  );
}
