import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatusLocale } from '../domain/status/snapshot.js';
import { bodyIn, chooseEncoding, MAX_QUERY_BYTES, notModified, SECURITY_HEADERS, validatorHeaders, type Encoding } from './http.js';
import { negotiateLocale } from './locale.js';
import { hostOfRequest, pageBySlug } from './page-lookup.js';
import { hostMount, keyOf, SLUG_MOUNT, SUFFIX, VARY_LANGUAGE, type Kind } from './representations.js';
import type { PageRef, Rendered, StatusCache } from './status-cache.js';

/**
 * A cache hit on raw `node:http`, for the status processes: GET or HEAD of a known page whose
 * representation is already rendered is answered from memory with header sets made once per
 * rendered representation. Anything else — a first request, an unknown page or host, a query
 * that is not plain, an error — returns false, and the caller hands the request to the full
 * routes (src/inform/routes.ts), which answer it exactly as the main server does. So the fast
 * path never decides anything the routes would decide differently; it only skips the framework.
 */

/** One header set as `[name, value, …]` for `writeHead`, and as the bytes of a response head without its connection headers. */
interface Head {
  flat: string[];
  bytes: Buffer;
}

/** The header sets of one rendered representation: by encoding, for a 200 and for a 304. */
type Heads = Record<Encoding, { ok: Head; notModified: Head }>;

const SECURITY = Object.entries(SECURITY_HEADERS).flat();

function head(status: 200 | 304, headers: Record<string, string>): Head {
  const flat = [...Object.entries(headers).flat(), ...SECURITY];
  let text = status === 200 ? 'HTTP/1.1 200 OK\r\n' : 'HTTP/1.1 304 Not Modified\r\n';
  for (let i = 0; i < flat.length; i += 2) text += `${flat[i]}: ${flat[i + 1]}\r\n`;
  return { flat, bytes: Buffer.from(text, 'latin1') };
}

function headsOf(rendered: Rendered, varyLanguage: boolean): Heads {
  const of = (encoding: Encoding) => ({
    ok: head(200, {
      ...validatorHeaders(rendered, encoding, varyLanguage),
      'content-type': rendered.contentType,
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      'content-length': String(bodyIn(rendered, encoding).length),
    }),
    notModified: head(304, validatorHeaders(rendered, encoding, varyLanguage)),
  });
  return { identity: of('identity'), gzip: of('gzip'), br: of('br') };
}

/** Representation kinds by path suffix (after `/status/{slug}`, or the whole path on a custom domain). */
function kindOfSuffix(url: string, from: number, to: number): Kind | null {
  const length = to - from;
  if (length === 0) return 'html';
  if (length === SUFFIX.json.length && url.startsWith(SUFFIX.json, from)) return 'json';
  if (length === SUFFIX.rss.length && url.startsWith(SUFFIX.rss, from)) return 'rss';
  if (length === SUFFIX.atom.length && url.startsWith(SUFFIX.atom, from)) return 'atom';
  if (length === SUFFIX.badge.length && url.startsWith(SUFFIX.badge, from)) return 'badge';
  return null;
}

/** The parameters the representations read, from a plain query; reused by every request (one thread). */
const params = { lang: undefined as string | undefined, type: undefined as string | undefined, component: undefined as string | undefined };

function isPlain(code: number): boolean {
  // A-Z a-z 0-9 - . _ ~ : what needs no decoding in any query-string parser.
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 45 ||
    code === 46 ||
    code === 95 ||
    code === 126
  );
}

/**
 * Reads `name=value&…` from `from`; false when any part is not plain (percent signs, `+`, a name
 * without a value, empty parts): such a query goes to the routes and their parser. The first of a
 * repeated name wins, as in the routes.
 */
function scanQuery(url: string, from: number): boolean {
  params.lang = params.type = params.component = undefined;
  let at = from;
  while (at < url.length) {
    const nameStart = at;
    while (at < url.length && isPlain(url.charCodeAt(at))) at++;
    if (at === nameStart || url.charCodeAt(at) !== 61 /* = */) return false;
    const nameEnd = at++;
    const valueStart = at;
    while (at < url.length && isPlain(url.charCodeAt(at))) at++;
    if (at < url.length && url.charCodeAt(at) !== 38 /* & */) return false;
    const length = nameEnd - nameStart;
    if (length === 4 && url.startsWith('lang', nameStart)) params.lang ??= url.slice(valueStart, at);
    else if (length === 4 && url.startsWith('type', nameStart)) params.type ??= url.slice(valueStart, at);
    else if (length === 9 && url.startsWith('component', nameStart)) params.component ??= url.slice(valueStart, at);
    if (at < url.length && ++at === url.length) return false; // a trailing `&`
  }
  return true;
}

function badgeKey(locale: StatusLocale): string | null {
  const type = params.type ?? 'status';
  if (type !== 'status' && type !== 'uptime') return null;
  // Longer ids and the rest are the routes' 400; an unknown component was never rendered (a miss).
  if (params.component !== undefined && params.component.length > 200) return null;
  return `badge:${type}:${locale}:${params.component ?? ''}`;
}

/** What the fast path reads of a request (node:http's names: a lower-case header name, its value). */
export interface FastRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: {
    host?: string | undefined;
    'accept-language'?: string | undefined;
    'accept-encoding'?: string | undefined;
    'if-none-match'?: string | undefined;
    'if-modified-since'?: string | undefined;
  };
}

/** A cache hit: the head to send and, unless it is a 304 or the request a HEAD, the body. */
export interface FastAnswer {
  status: 200 | 304;
  head: Head;
  body: Buffer | null;
}

export interface FastPath {
  /** The answer to `req` from memory, or null when the routes must answer it. */
  decide(req: FastRequest): FastAnswer | null;
  /** Answers a `node:http` request from memory; false (nothing written) when the routes must. */
  answer(req: IncomingMessage, res: ServerResponse): boolean;
}

/** The fast path over `cache` (the one the full routes fill). */
export function statusFastPath(cache: StatusCache): FastPath {
  const heads = new WeakMap<Rendered, Heads>();

  function decide(req: FastRequest): FastAnswer | null {
    const method = req.method;
    if ((method !== 'GET' && method !== 'HEAD') || !cache.isIndexed) return null;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const pathEnd = q === -1 ? url.length : q;
    if (q !== -1 && (url.length - q - 1 > MAX_QUERY_BYTES || !scanQuery(url, q + 1))) return null;
    if (q === -1) params.lang = params.type = params.component = undefined;

    let kind: Kind | null;
    let ref: PageRef | undefined;
    let mount: string;
    if (url.startsWith('/status/')) {
      const slash = url.indexOf('/', 8);
      const slugEnd = slash === -1 || slash > pathEnd ? pathEnd : slash;
      kind = slugEnd > 8 ? kindOfSuffix(url, slugEnd, pathEnd) : null;
      ref = kind === null ? undefined : pageBySlug(cache, url.slice(8, slugEnd));
      mount = SLUG_MOUNT;
    } else {
      kind = pathEnd === 1 && url.charCodeAt(0) === 47 /* / */ ? 'html' : pathEnd > 1 ? kindOfSuffix(url, 0, pathEnd) : null;
      const host = kind === null ? null : hostOfRequest(req.headers.host);
      ref = host === null ? undefined : cache.findByHost(host);
      mount = host === null ? '' : hostMount(host);
    }
    if (kind === null || ref === undefined) return null;

    const snapshot = cache.current(ref.id);
    if (snapshot === undefined) return null;
    const headers = req.headers;
    const locale = negotiateLocale(params.lang, headers['accept-language'], snapshot.page.defaultLocale);
    const key = kind === 'badge' ? badgeKey(locale) : keyOf(kind, locale, mount);
    const rendered = key === null ? undefined : cache.cached(ref.id, key);
    if (rendered === undefined) return null;

    let set = heads.get(rendered);
    if (set === undefined) {
      set = headsOf(rendered, VARY_LANGUAGE[kind]);
      heads.set(rendered, set);
    }
    const encoding = chooseEncoding(headers['accept-encoding'], rendered);
    if (notModified(headers['if-none-match'], headers['if-modified-since'], rendered)) {
      return { status: 304, head: set[encoding].notModified, body: null };
    }
    return { status: 200, head: set[encoding].ok, body: method === 'HEAD' ? null : bodyIn(rendered, encoding) };
  }

  return {
    decide,
    answer(req, res) {
      const found = decide(req);
      if (found === null) return false;
      res.writeHead(found.status, found.head.flat);
      if (found.body === null) res.end();
      else res.end(found.body);
      return true;
    },
  };
}
