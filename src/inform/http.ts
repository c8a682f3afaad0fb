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
export function notModified(request: FastifyRequest, rendered: Rendered): boolean {
  const tags = request.headers['if-none-match'];
  if (tags !== undefined) {
    if (tags.trim() === '*') return true;
    return tags.split(',').some((raw) => {
      const tag = raw.trim().replace(/^W\//, '');
      return tag === rendered.etag || tag === rendered.gzipEtag;
    });
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const at = Date.parse(since);
  return !Number.isNaN(at) && rendered.lastModifiedMs <= at;
}

function acceptsGzip(header: string | undefined): boolean {
  return header !== undefined && /\bgzip\b/i.test(header) && !/\bgzip\s*;\s*q\s*=\s*0(?:\.0*)?\s*(?:,|$)/i.test(header);
}

/** Sends cached bytes (gzip when the client takes it) with validators, or a 304. */
export function sendRendered(request: FastifyRequest, reply: FastifyReply, rendered: Rendered, varyLanguage: boolean): FastifyReply {
  const gzip = rendered.gzip !== null && acceptsGzip(request.headers['accept-encoding']) ? rendered.gzip : null;
  void reply
    .header('etag', gzip ? rendered.gzipEtag : rendered.etag)
    .header('last-modified', rendered.lastModified)
    .header('cache-control', PUBLIC_CACHE);
  const vary = [varyLanguage ? 'Accept-Language' : '', rendered.gzip ? 'Accept-Encoding' : ''].filter(Boolean).join(', ');
  if (vary) void reply.header('vary', vary);
  if (notModified(request, rendered)) return reply.code(304).send();
  void reply.header('content-type', rendered.contentType);
  if (gzip) return reply.header('content-encoding', 'gzip').send(gzip);
  return reply.send(rendered.body);
}
