import type { FieldIssue } from '../errors.js';

/**
 * Alertmanager-style label matchers, as used by silences.
 *
 * Semantics follow Alertmanager:
 * - an absent label has the value `""`, so `env!=""` means "env is set" and `env=~".*"` matches every
 *   alert, with or without an `env` label;
 * - regexes are anchored: `severity=~"crit"` matches `crit` only, never `critical`
 *   (the pattern is compiled as `^(?:…)$`);
 * - a list of matchers matches when every matcher matches (AND).
 *
 * Regexes are JavaScript regexes restricted towards what Alertmanager's RE2 accepts: a leading `(?i)`
 * is honoured (case-insensitive, the common Alertmanager idiom); backreferences and lookaround, which
 * RE2 rejects and which make backtracking blow up, are refused.
 */

export const MATCH_OPS = ['=', '!=', '=~', '!~'] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export type Matcher = { name: string; op: MatchOp; value: string };

/** Flat string labels of one alert (see Signal.labels). */
export type Labels = Readonly<Record<string, string>>;

/** A compiled list of matchers: true when every matcher matches the labels. */
export type LabelPredicate = (labels: Labels) => boolean;

export type ParseMatcherResult = { ok: true; matcher: Matcher } | { ok: false; error: string };
export type ParseMatchersResult = { ok: true; matchers: Matcher[] } | { ok: false; errors: string[] };

export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Longest regex a matcher may carry, in characters (before anchoring). */
export const MAX_MATCHER_REGEX_LENGTH = 1000;
/** Longest value any matcher may carry; labels are at most this long anyway (MAX_LABEL_VALUE_LENGTH). */
export const MAX_MATCHER_VALUE_LENGTH = 4096;

const CASE_INSENSITIVE_PREFIX = '(?i)';

// ---------------------------------------------------------------------------
// Regexes
// ---------------------------------------------------------------------------

/** The first feature of `source` that matchers refuse (RE2 lacks it), or null. */
function unsupportedRegexFeature(source: string): string | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (!inClass && next !== undefined && next >= '1' && next <= '9') return 'backreferences are not supported';
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'backreferences are not supported';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const a = source[i + 2];
      const b = source[i + 3];
      if (a === '=' || a === '!' || (a === '<' && (b === '=' || b === '!'))) {
        return 'lookahead and lookbehind are not supported';
      }
      if (a === 'i' && b === ')') return '(?i) is only supported at the start of the regex';
    }
  }
  return null;
}

/** Compiles a matcher regex, anchored to the whole value; a string is the reason it is invalid. */
function buildRegex(value: string): RegExp | string {
  if (value.length > MAX_MATCHER_REGEX_LENGTH) {
    return `regex is longer than ${MAX_MATCHER_REGEX_LENGTH} characters`;
  }
  let source = value;
  let flags = '';
  if (source.startsWith(CASE_INSENSITIVE_PREFIX)) {
    source = source.slice(CASE_INSENSITIVE_PREFIX.length);
    flags = 'i';
  }
  const unsupported = unsupportedRegexFeature(source);
  if (unsupported !== null) return `invalid regex: ${unsupported}`;
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch (err) {
    return `invalid regex: ${err instanceof Error ? err.message : String(err)}`;
  }
}

// Regexes without the g/y flags are stateless, so one compiled RegExp can serve every matcher that
// uses the same pattern. Bounded so that a stream of distinct patterns cannot grow it without limit.
const REGEX_CACHE_LIMIT = 10_000;
const regexCache = new Map<string, RegExp | string>();

/** The compiled, anchored regex for a matcher value, or the reason it is invalid. Cached. */
function regexFor(value: string): RegExp | string {
  let re = regexCache.get(value);
  if (re === undefined) {
    re = buildRegex(value);
    if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
    regexCache.set(value, re);
  }
  return re;
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

function isMatchOp(op: unknown): op is MatchOp {
  return typeof op === 'string' && (MATCH_OPS as readonly string[]).includes(op);
}

/** Why one matcher is invalid (first problem found), or null when it is valid. */
export function matcherError(m: Matcher): { field: 'name' | 'op' | 'value'; message: string } | null {
  if (typeof m.name !== 'string' || !LABEL_NAME_PATTERN.test(m.name)) {
    return { field: 'name', message: `invalid label name ${JSON.stringify(m.name)}: must match [a-zA-Z_][a-zA-Z0-9_]*` };
  }
  if (!isMatchOp(m.op)) {
    return { field: 'op', message: `invalid operator ${JSON.stringify(m.op)}: must be one of =, !=, =~, !~` };
  }
  if (typeof m.value !== 'string') return { field: 'value', message: 'value must be a string' };
  if (m.op === '=~' || m.op === '!~') {
    const re = regexFor(m.value);
    if (typeof re === 'string') return { field: 'value', message: re };
  } else if (m.value.length > MAX_MATCHER_VALUE_LENGTH) {
    return { field: 'value', message: `value is longer than ${MAX_MATCHER_VALUE_LENGTH} characters` };
  }
  return null;
}

/**
 * Validates a list of matchers (as a silence carries them). Field paths are relative to the list:
 * `matchers`, `matchers[2].value`… Rules: at least one matcher; names match
 * `[a-zA-Z_][a-zA-Z0-9_]*`; regexes compile and are at most 1,000 characters; and, as Alertmanager
 * requires, at least one matcher must not match the empty string — otherwise the list would match
 * every alert that lacks the label (e.g. a lone `env!="prod"`), which is never what a silence means.
 */
export function validateMatchers(matchers: readonly Matcher[], field = 'matchers'): FieldIssue[] {
  if (!Array.isArray(matchers)) return [{ field, message: 'must be a list of matchers' }];
  if (matchers.length === 0) return [{ field, message: 'at least one matcher is required' }];
  const issues: FieldIssue[] = [];
  matchers.forEach((m, i) => {
    if (m === null || typeof m !== 'object') {
      issues.push({ field: `${field}[${i}]`, message: 'must be a matcher {name, op, value}' });
      return;
    }
    const err = matcherError(m);
    if (err) issues.push({ field: `${field}[${i}].${err.field}`, message: err.message });
  });
  if (issues.length === 0 && matchers.every((m) => matchOne(m, ''))) {
    issues.push({ field, message: 'at least one matcher must not match the empty string (the list would match almost every alert)' });
  }
  return issues;
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

/** The value of a label; absent (or inherited, e.g. `constructor`) labels are the empty string. */
function labelValue(labels: Labels, name: string): string {
  return Object.hasOwn(labels, name) ? (labels[name] ?? '') : '';
}

/** One matcher against one value. An invalid regex matches nothing, whatever the op. */
function matchOne(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~': {
      const re = regexFor(m.value);
      return typeof re !== 'string' && re.test(value);
    }
    case '!~': {
      const re = regexFor(m.value);
      return typeof re !== 'string' && !re.test(value);
    }
    default:
      return false;
  }
}

/**
 * True when every matcher matches the labels. Never throws: an empty list, an unknown operator or an
 * invalid regex makes the list match nothing, so a malformed silence suppresses no page (validate
 * with validateMatchers when the list is created). Regexes are compiled once and cached; for a list
 * used many times prefer compileMatchers.
 */
export function matchesAll(matchers: readonly Matcher[], labels: Labels): boolean {
  if (matchers.length === 0) return false;
  for (const m of matchers) {
    if (!matchOne(m, labelValue(labels, m.name))) return false;
  }
  return true;
}

const NEVER: LabelPredicate = () => false;

function compileOne(m: Matcher, re: RegExp | null): LabelPredicate {
  const { name, value } = m;
  switch (m.op) {
    case '=':
      return (labels) => labelValue(labels, name) === value;
    case '!=':
      return (labels) => labelValue(labels, name) !== value;
    case '=~':
      return (labels) => re !== null && re.test(labelValue(labels, name));
    case '!~':
      return (labels) => re !== null && !re.test(labelValue(labels, name));
    default:
      return () => false;
  }
}

/**
 * Compiles a list of matchers into a predicate for the hot path: regexes compiled once, cheap
 * equality tests ordered before regex tests. The predicate answers exactly like matchesAll (so an
 * empty list, or a list with an unknown operator or an invalid regex, matches nothing: a malformed silence loaded from
 * storage suppresses no page and does not stop ingest). It keeps a copy of the matchers, so later
 * changes to the list do not affect it. Validate lists when they are created (validateMatchers),
 * which also enforces the list rules (at least one matcher not matching the empty string).
 */
export function compileMatchers(matchers: readonly Matcher[]): LabelPredicate {
  if (!Array.isArray(matchers) || matchers.length === 0) return NEVER;
  const equality: LabelPredicate[] = [];
  const regex: LabelPredicate[] = [];
  for (const m of matchers) {
    if (m === null || typeof m !== 'object' || typeof m.name !== 'string' || typeof m.value !== 'string') return NEVER;
    if (m.op === '=~' || m.op === '!~') {
      const re = regexFor(m.value);
      if (typeof re === 'string') return NEVER;
      regex.push(compileOne(m, re));
    } else if (m.op === '=' || m.op === '!=') {
      equality.push(compileOne(m, null));
    } else {
      return NEVER;
    }
  }
  const tests = [...equality, ...regex];
  const only = tests.length === 1 ? tests[0] : undefined;
  if (only) return only;
  return (labels) => {
    for (const test of tests) if (!test(labels)) return false;
    return true;
  };
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

type Scan = { ok: true; matcher: Matcher; end: number } | { ok: false; error: string };

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && isSpace(text[pos])) pos++;
  return pos;
}

const UNQUOTED_STOP = new Set([' ', '\t', '\n', '\r', ',', '"', '{', '}']);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

/** Scans one matcher starting at `pos`; stops before a comma, closing brace or end of text. */
function scanMatcher(text: string, start: number): Scan {
  let pos = skipSpaces(text, start);
  const nameStart = pos;
  while (pos < text.length && /[a-zA-Z0-9_]/.test(text[pos] ?? '')) pos++;
  const name = text.slice(nameStart, pos);
  if (name === '') {
    return { ok: false, error: `expected a label name at position ${nameStart + 1}` };
  }
  if (!LABEL_NAME_PATTERN.test(name)) {
    return { ok: false, error: `invalid label name ${JSON.stringify(name)}: must match [a-zA-Z_][a-zA-Z0-9_]*` };
  }
  pos = skipSpaces(text, pos);
  const two = text.slice(pos, pos + 2);
  let op: MatchOp;
  if (two === '=~' || two === '!~' || two === '!=') op = two;
  else if (text[pos] === '=') op = '=';
  else return { ok: false, error: `expected one of =, !=, =~, !~ after ${JSON.stringify(name)}` };
  pos = skipSpaces(text, pos + op.length);

  let value = '';
  if (text[pos] === '"') {
    pos++;
    let closed = false;
    while (pos < text.length) {
      const c = text[pos] ?? '';
      if (c === '"') {
        closed = true;
        pos++;
        break;
      }
      if (c === '\\' && pos + 1 < text.length) {
        const next = text[pos + 1] ?? '';
        // Known escapes are decoded; any other backslash is kept, so `"\d+"` is the regex \d+.
        value += ESCAPES[next] ?? `\\${next}`;
        pos += 2;
        continue;
      }
      value += c;
      pos++;
    }
    if (!closed) return { ok: false, error: `unterminated quoted value for ${JSON.stringify(name)}` };
  } else {
    const valueStart = pos;
    while (pos < text.length && !UNQUOTED_STOP.has(text[pos] ?? '')) pos++;
    value = text.slice(valueStart, pos);
  }
  const matcher: Matcher = { name, op, value };
  const err = matcherError(matcher);
  if (err) return { ok: false, error: `${name}${op}: ${err.message}` };
  return { ok: true, matcher, end: skipSpaces(text, pos) };
}

/**
 * Parses one matcher: `service="pay"`, `severity=~"crit.*"`, `env!=dev`, `team !~ "(?i)ops"`.
 * Quotes are optional when the value has no spaces, commas, quotes or braces. Inside quotes, `\"`,
 * `\\`, `\n` and `\t` are escapes and any other backslash is kept as written (so regex escapes such
 * as `\d` need no doubling). The matcher is validated (name, regex) but not as a list.
 */
export function parseMatcher(text: string): ParseMatcherResult {
  if (typeof text !== 'string') return { ok: false, error: 'a matcher must be a string' };
  const scan = scanMatcher(text, 0);
  if (!scan.ok) return scan;
  if (scan.end !== text.length) {
    return { ok: false, error: `unexpected ${JSON.stringify(text.slice(scan.end, scan.end + 10))} after matcher` };
  }
  return { ok: true, matcher: scan.matcher };
}

/**
 * Parses a comma-separated list of matchers, optionally in braces as Alertmanager and amtool print
 * them: `{service="pay", severity=~"crit.*"}`. A trailing comma is allowed. The result is validated
 * as a list (validateMatchers), so `{}` or a list that matches the empty string is an error.
 */
export function parseMatchers(text: string): ParseMatchersResult {
  if (typeof text !== 'string') return { ok: false, errors: ['matchers must be a string'] };
  let body = text.trim();
  if (body.startsWith('{')) {
    if (!body.endsWith('}')) return { ok: false, errors: ['missing closing brace'] };
    body = body.slice(1, -1);
  }
  const matchers: Matcher[] = [];
  let pos = skipSpaces(body, 0);
  while (pos < body.length) {
    const scan = scanMatcher(body, pos);
    if (!scan.ok) return { ok: false, errors: [scan.error] };
    matchers.push(scan.matcher);
    pos = scan.end;
    if (pos < body.length) {
      if (body[pos] !== ',') {
        return { ok: false, errors: [`expected a comma, got ${JSON.stringify(body.slice(pos, pos + 10))}`] };
      }
      pos = skipSpaces(body, pos + 1);
    }
  }
  const issues = validateMatchers(matchers);
  if (issues.length > 0) return { ok: false, errors: issues.map((i) => `${i.field}: ${i.message}`) };
  return { ok: true, matchers };
}

/** The text form of a matcher, which parseMatcher reads back: `name op "value"`. */
export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}"${m.value
    .replace(/\\(?=["\\nt\n\t]|$)/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')}"`;
}
