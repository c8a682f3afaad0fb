import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** If-None-Match (weak comparison, either encoding's tag) wins over If-Modified-Since, as RFC 9110 says. */
export function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, rendered: Rendered): boolean {
  if (ifNoneMatch !== undefined) {
    // What a browser sends back is the one tag it was given: compare it before splitting a list.
    if (ifNoneMatch === rendered.etag || ifNoneMatch === rendered.gzipEtag) return true;
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((raw) => {
      const tag = raw.trim().replace(/^W\//, '');
      return tag === rendered.etag || tag === rendered.gzipEtag;
    });
  }
  if (ifModifiedSince === undefined) return false;
  const at = Date.parse(ifModifiedSince);
  return !Number.isNaN(at) && rendered.lastModifiedMs <= at;
}

function parseAcceptsGzip(header: string): boolean {
  return /\bgzip\b/i.test(header) && !/\bgzip\s*;\s*q\s*=\s*0(?:\.0*)?\s*(?:,|$)/i.test(header);
}

// Clients send a handful of distinct Accept-Encoding headers; remember the answer for each.
const gzipMemo = new Map<string, boolean>();
const GZIP_MEMO_SIZE = 256;
const MAX_MEMO_HEADER = 512;

export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  if (header.length > MAX_MEMO_HEADER) return parseAcceptsGzip(header);
  let accepts = gzipMemo.get(header);
  if (accepts === undefined) {
    accepts = parseAcceptsGzip(header);
    if (gzipMemo.size >= GZIP_MEMO_SIZE) gzipMemo.clear();
    gzipMemo.set(header, accepts);
  }
  return accepts;
}

/** The `Vary` of a representation: language when its bytes depend on it, encoding when there is a gzip copy. */
export function varyOf(rendered: Rendered, varyLanguage: boolean): string | null {
  const vary = [varyLanguage ? 'Accept-Language' : '', rendered.gzip ? 'Accept-Encoding' : ''].filter(Boolean).join(', ');
  return vary || null;
}

/** Validators and caching of one encoding of a representation, as on a 200 and on a 304. */
export function validatorHeaders(rendered: Rendered, gzip: boolean, varyLanguage: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    etag: gzip ? rendered.gzipEtag : rendered.etag,
    'last-modified': rendered.lastModified,
    'cache-control': PUBLIC_CACHE,
  };
  const vary = varyOf(rendered, varyLanguage);
  if (vary) headers.vary = vary;
  return headers;
}

/** Sends cached bytes (gzip when the client takes it) with validators, or a 304. */
export function sendRendered(request: FastifyRequest, reply: FastifyReply, rendered: Rendered, varyLanguage: boolean): FastifyReply {
  const gzip = rendered.gzip !== null && acceptsGzip(request.headers['accept-encoding']) ? rendered.gzip : null;
  void reply.headers(validatorHeaders(rendered, gzip !== null, varyLanguage));
  if (notModified(request.headers['if-none-match'], request.headers['if-modified-since'], rendered)) return reply.code(304).send();
  void reply.header('content-type', rendered.contentType);
  if (gzip) return reply.header('content-encoding', 'gzip').send(gzip);
  return reply.send(rendered.body);
}
