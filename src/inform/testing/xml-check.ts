/**
 * A small, strict XML 1.0 well-formedness check for the feed and badge tests (no dependency):
 * one root, balanced tags, quoted and unique attributes, only the five predefined or numeric
 * entity references, no illegal characters. Returns the element tree for structural assertions.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '<') throw new Error(`raw < in ${where}`);
    if (ch !== '&') {
      out += ch;
      continue;
    }
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(text);
    if (!m) throw new Error(`bad entity reference in ${where}: ${text.slice(i, i + 12)}`);
    const ref = m[0].slice(1, -1);
    out += ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(Number(ref.slice(1)))
        : DECODE[ref];
    i += m[0].length - 1;
  }
  return out;
}

function parseAttrs(source: string, tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/y;
  let rest = source;
  while (rest.trim() !== '') {
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m) throw new Error(`malformed attributes in <${tag}>: ${rest.slice(0, 40)}`);
    const name = m[1] as string;
    if (!NAME.test(name)) throw new Error(`bad attribute name ${name}`);
    if (name in attrs) throw new Error(`duplicate attribute ${name} in <${tag}>`);
    attrs[name] = decode(m[3] ?? m[4] ?? '', `attribute ${name}`);
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

/** Parses `xml` or throws with what is wrong. */
export function parseXml(xml: string): XmlElement {
  if (ILLEGAL.test(xml)) throw new Error('character illegal in XML 1.0');
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    const top = stack[stack.length - 1];
    if (top) top.text += decode(text, `<${top.name}>`);
    else if (text.trim() !== '') throw new Error('text outside the root element');
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error('unterminated tag');
    const inner = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const name = /^[^\s/]+/.exec(body)?.[0] ?? '';
    if (!NAME.test(name)) throw new Error(`bad element name "${name}"`);
    if (!top && root) throw new Error('a second root element');
    const element: XmlElement = { name, attrs: parseAttrs(body.slice(name.length), name), children: [], text: '' };
    if (top) top.children.push(element);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]?.name ?? ''}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element with this name, depth first. */
export function elements(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.name === name) found.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return found;
}
