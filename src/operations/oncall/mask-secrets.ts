/**
 * What a secret-bearing value looks like to people who may not read it: a URL keeps its scheme, host
 * and last four characters (enough to tell two robots apart), anything else is hidden whole.
 */
export const HIDDEN = '********';

export function maskUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return HIDDEN;
  }
  const tail = value.length > 12 ? value.slice(-4) : '';
  return `${url.protocol}//${url.host}/…${tail}`;
}

/** Keys of channel configs whose string values are safe to show (no credentials in them). */
const SHOWN_KEYS = new Set(['method', 'contentType', 'host', 'from', 'to', 'cc', 'subject', 'locale', 'kind', 'mode']);

/**
 * A channel config for display: structure, numbers and booleans as they are; URL-like strings masked
 * by maskUrl; every other string hidden unless its key is known to be harmless. Secrets hide in
 * surprising places (a gateway's body template, a header), so the default is to hide.
 */
export function maskConfig(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (/url/i.test(key)) return maskUrl(value);
    return SHOWN_KEYS.has(key) ? value : HIDDEN;
  }
  if (Array.isArray(value)) return value.map((v) => maskConfig(v, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskConfig(v, k)]));
  }
  return value;
}
