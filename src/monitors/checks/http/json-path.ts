// The small, safe JSONPath subset the HTTP check needs to point at one value in an answer:
// `$`, then `.key`, `[0]`, `['quoted key']` or `["quoted key"]`. No wildcards, recursion,
// slices or filters: each path names exactly one place, and walking it costs one step per segment.

export type JsonPathSegment = string | number;

export const MAX_SEGMENTS = 32;

const DOT_KEY = /^\.([^.[\]\s'"*]+)/;
const INDEX = /^\[(0|[1-9][0-9]{0,8})\]/;
const QUOTED = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/;

/** The segments of `path`, or why it is not in the subset. */
export function parseJsonPath(path: string): { segments: JsonPathSegment[] } | { error: string } {
  if (!path.startsWith('$')) return { error: 'must start with $' };
  const segments: JsonPathSegment[] = [];
  let rest = path.slice(1);
  while (rest !== '') {
    if (segments.length >= MAX_SEGMENTS) return { error: `may have at most ${MAX_SEGMENTS} segments` };
    let m = DOT_KEY.exec(rest);
    if (m !== null) segments.push(m[1] as string);
    else if ((m = INDEX.exec(rest)) !== null) segments.push(Number(m[1]));
    else if ((m = QUOTED.exec(rest)) !== null) segments.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
    else return { error: `unsupported syntax at "${rest.slice(0, 20)}" (use .key, [0] or ['key'])` };
    rest = rest.slice(m[0].length);
  }
  return { segments };
}

/**
 * The value at `segments` in a parsed JSON document. Own properties only: a key such as
 * `__proto__` or `constructor` finds what the document says, never something inherited.
 */
export function valueAt(document: unknown, segments: readonly JsonPathSegment[]): { found: true; value: unknown } | { found: false } {
  let value = document;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(value) || segment >= value.length) return { found: false };
      value = value[segment] as unknown;
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, segment)) return { found: false };
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value };
}
