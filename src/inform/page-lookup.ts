import { hostOfHeader, isValidSlug } from '../domain/status/page-settings.js';
import { memoised } from './header-values.js';
import type { PageRef, StatusCache } from './status-cache.js';

/**
 * Which page a request is for, by the slug in its path or by a custom domain in its Host header.
 * Only memory is read: an unknown or malformed name is a map miss, never a query. Shared by the
 * main server's routes and the status processes' fast path.
 */

/** Longest Host header looked at: a 253-character name and a port. */
const MAX_HOST_HEADER = 253 + 6;

export function pageBySlug(cache: StatusCache, rawSlug: string): PageRef | undefined {
  const slug = rawSlug.toLowerCase();
  return isValidSlug(slug) ? cache.findBySlug(slug) : undefined;
}

// Readers of a custom domain send a handful of distinct Host headers; parsing each once keeps the
// regular expressions off the hot path.
const hostOf = memoised(256, hostOfHeader);

/** The host name of a Host header (without port, lower-case), or null when it is not one. */
export function hostOfRequest(header: string | undefined): string | null {
  if (typeof header !== 'string' || header.length > MAX_HOST_HEADER) return null;
  return hostOf(header);
}

/** The page mapped to the request's Host header, with that host name; null for any other host. */
export function pageByHost(cache: StatusCache, header: string | undefined): { ref: PageRef; host: string } | null {
  const host = hostOfRequest(header);
  if (host === null) return null;
  const ref = cache.findByHost(host);
  return ref ? { ref, host } : null;
}
