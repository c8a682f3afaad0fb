import type { FastifyReply, FastifyRequest } from 'fastify';
import { memoised, weightedList } from './header-values.js';
import type { Rendered } from './status-cache.js';

/** HTTP details of the public status responses: security headers, caching, conditional requests. */

export const STATUS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** On every public status response, errors included. */
export const SECURITY_HEADERS = {
  'content-security-policy': STATUS_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/** Short enough that an update shows within seconds; long enough that a CDN absorbs a surge. */
export const PUBLIC_CACHE = 'public, max-age=10, stale-while-revalidate=30';

/** Longest query string accepted (a reader's `?lang=` is a few bytes; anything near this is abuse). */
export const MAX_QUERY_BYTES = 2048;

export function queryTooLong(url: string): boolean {
  const q = url.indexOf('?');
  return q !== -1 && url.length - q - 1 > MAX_QUERY_BYTES;
}

/** The encodings a representation is kept in. */
export type Encoding = 'identity' | 'gzip' | 'br';

function tagOf(rendered: Rendered, encoding: Encoding): string {
  return encoding === 'br' ? rendered.brEtag : encoding === 'gzip' ? rendered.gzipEtag : rendered.etag;
}

function isOwnTag(tag: string, rendered: Rendered): boolean {
  return tag === rendered.etag || tag === rendered.gzipEtag || tag === rendered.brEtag;
}

/** If-None-Match (weak comparison, any encoding's tag) wins over If-Modified-Since, as RFC 9110 says. */
export function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, rendered: Rendered): boolean {
  if (ifNoneMatch !== undefined) {
    // What a browser sends back is the one tag it was given: compare it before splitting a list.
    if (isOwnTag(ifNoneMatch, rendered)) return true;
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((raw) => isOwnTag(raw.trim().replace(/^W\//, ''), rendered));
  }
  if (ifModifiedSince === undefined) return false;
  const at = Date.parse(ifModifiedSince);
  return !Number.isNaN(at) && rendered.lastModifiedMs <= at;
}

/** How much a client wants Brotli and gzip (RFC 9110 §12.5.3 q-values; `*` covers what it does not name). */
interface Wanted {
  br: number;
  gzip: number;
}

/** Longest Accept-Encoding looked at, and members read of it. */
const MAX_HEADER = 512;
const MAX_MEMBERS = 32;

function parseAcceptEncoding(header: string): Wanted {
  let br: number | undefined;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const { value, q } of weightedList(header, MAX_MEMBERS)) {
    const name = value.trim().toLowerCase();
    if (name === 'br') br ??= q;
    else if (name === 'gzip' || name === 'x-gzip') gzip ??= q;
    else if (name === '*') any ??= q;
  }
  return { br: br ?? any ?? 0, gzip: gzip ?? any ?? 0 };
}

// Clients send a handful of distinct Accept-Encoding headers; remember the answer for each.
const wantedOf = memoised(256, parseAcceptEncoding);
const wanted = (header: string) => wantedOf(header.slice(0, MAX_HEADER));

/**
 * The encoding to send `rendered` in: the one the client wants most of those kept (Brotli on a
 * tie: it is the smaller), identity when it names neither or refuses both (`q=0`).
 */
export function chooseEncoding(header: string | undefined, rendered: Rendered): Encoding {
  if (header === undefined) return 'identity';
  const { br, gzip } = wanted(header);
  const brQ = rendered.br === null ? 0 : br;
  const gzipQ = rendered.gzip === null ? 0 : gzip;
  if (brQ > 0 && brQ >= gzipQ) return 'br';
  return gzipQ > 0 ? 'gzip' : 'identity';
}

/** The bytes of `rendered` in `encoding`. */
export function bodyIn(rendered: Rendered, encoding: Encoding): Buffer {
  return (encoding === 'br' ? rendered.br : encoding === 'gzip' ? rendered.gzip : null) ?? rendered.body;
}

/** The `Vary` of a representation: language when its bytes depend on it, encoding when there is a compressed copy. */
export function varyOf(rendered: Rendered, varyLanguage: boolean): string | null {
  const compressed = rendered.gzip !== null || rendered.br !== null;
  const vary = [varyLanguage ? 'Accept-Language' : '', compressed ? 'Accept-Encoding' : ''].filter(Boolean).join(', ');
  return vary || null;
}

/** Validators and caching of one encoding of a representation, as on a 200 and on a 304. */
export function validatorHeaders(rendered: Rendered, encoding: Encoding, varyLanguage: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    etag: tagOf(rendered, encoding),
    'last-modified': rendered.lastModified,
    'cache-control': PUBLIC_CACHE,
  };
  const vary = varyOf(rendered, varyLanguage);
  if (vary) headers.vary = vary;
  return headers;
}

/** Sends cached bytes (Brotli or gzip when the client takes them) with validators, or a 304. */
export function sendRendered(request: FastifyRequest, reply: FastifyReply, rendered: Rendered, varyLanguage: boolean): FastifyReply {
  const encoding = chooseEncoding(request.headers['accept-encoding'], rendered);
  void reply.headers(validatorHeaders(rendered, encoding, varyLanguage));
  if (notModified(request.headers['if-none-match'], request.headers['if-modified-since'], rendered)) return reply.code(304).send();
  void reply.header('content-type', rendered.contentType);
  if (encoding !== 'identity') void reply.header('content-encoding', encoding);
  return reply.send(bodyIn(rendered, encoding));
}
