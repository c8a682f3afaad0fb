import type { FieldIssue } from '../errors.js';

/** What a status page is addressed by (`/status/{slug}`, or a custom domain) and how it looks. */

export const STATUS_SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';
const SLUG = new RegExp(STATUS_SLUG_PATTERN);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const COLOR = /^#[0-9a-f]{6}$/;
export const MAX_HOSTNAMES = 20;

export interface Branding {
  logoUrl: string | null;
  primaryColor: string | null;
}

/** Whether `slug` may name a page. */
export function isValidSlug(slug: string): boolean {
  return SLUG.test(slug);
}

/** `Status.Example.COM.` → `status.example.com`; null when it is not a host name (RFC 1123; no port, no IPv6). */
export function normalizeHostname(raw: string): string | null {
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  if (host.length === 0 || host.length > 253) return null;
  return host.split('.').every((label) => LABEL.test(label)) ? host : null;
}

/** The host name of a `Host` header (`status.example.com:8443` → `status.example.com`), or null. */
export function hostOfHeader(header: string): string | null {
  const host = /^([^:[\]]+)(?::\d{1,5})?$/.exec(header.trim())?.[1];
  return host === undefined ? null : normalizeHostname(host);
}

/** Host names normalised and de-duplicated, with an issue per invalid one at `${field}[i]`. */
export function normalizeHostnames(raw: readonly string[], field = 'hostnames'): { hostnames: string[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const hostnames: string[] = [];
  raw.forEach((value, i) => {
    const host = normalizeHostname(value);
    if (host === null) issues.push({ field: `${field}[${i}]`, message: `"${value}" is not a host name` });
    else if (!hostnames.includes(host)) hostnames.push(host);
  });
  if (hostnames.length > MAX_HOSTNAMES) issues.push({ field, message: `at most ${MAX_HOSTNAMES} host names` });
  return { hostnames, issues };
}

/** Branding with the colour lower-cased, and an issue per bad field (`logoUrl` must be https, the colour `#rrggbb`). */
export function normalizeBranding(raw: Partial<Branding>, field = 'branding'): { branding: Branding; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const logoUrl = raw.logoUrl ?? null;
  const primaryColor = raw.primaryColor?.toLowerCase() ?? null;
  if (logoUrl !== null && !isHttpsUrl(logoUrl)) issues.push({ field: `${field}.logoUrl`, message: 'must be an https URL' });
  if (primaryColor !== null && !COLOR.test(primaryColor)) issues.push({ field: `${field}.primaryColor`, message: 'must be #rrggbb' });
  return { branding: { logoUrl, primaryColor }, issues };
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && normalizeHostname(url.hostname) !== null;
  } catch {
    return false;
  }
}
